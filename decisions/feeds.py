"""Atom feeds: of any search, the newest decisions matching the search page's parameters, so
that a person can follow new decisions about their council or topic in a feed reader; and of
the change log (/changes/), so that withdrawals and corrections can be followed too."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from decisions.changes import FEED_LENGTH as CHANGES_FEED_LENGTH
from decisions.changes import ChangeEntry, change_entries, public_changes
from decisions.extraction import KINDS, REASONS
from decisions.filters import SearchParameters
from decisions.links import CHIP_KINDS
from decisions.models import (
    Category,
    Organisation,
    Outcome,
    OutcomeGroup,
    Provision,
    in_provision_order,
)
from decisions.search.engine import SearchQuery, matching_decisions

FEED_LENGTH = 50


def describe(query: SearchQuery) -> str:
    """A search in words: “homelessness” · Wrenmoor District Council · Upheld · 2021."""
    chosen = query.selection
    parts = [f"“{query.text.strip()}”"] if query.text.strip() else []
    parts += Organisation.objects.filter(slug__in=chosen.organisation).values_list(
        "name", flat=True
    )
    parts += [str(c) for c in Category.objects.filter(slug__in=chosen.category)]
    # A name as published or as worded is told apart from its group, as the page's chips are:
    # "Upheld" and "Upheld (as worded)" are two searches and two feeds.
    parts += [
        CHIP_KINDS["published_category"].format(c)
        for c in Category.objects.filter(slug__in=chosen.published_category)
    ]
    groups = dict(OutcomeGroup.choices)
    parts += [groups.get(outcome, outcome.replace("-", " ")) for outcome in chosen.outcome]
    parts += [
        CHIP_KINDS["outcome_wording"].format(label)
        for label in Outcome.objects.filter(slug__in=chosen.outcome_wording).values_list(
            "label", flat=True
        )
    ]
    parts += [str(year) for year in chosen.year]
    if chosen.date_from:
        parts.append(f"from {chosen.date_from:%-d %b %Y}")
    if chosen.date_to:
        parts.append(f"to {chosen.date_to:%-d %b %Y}")
    parts += [KINDS.get(kind, kind) for kind in chosen.remedy]
    # "Out of time: the complaint was late" is named by the words before its colon.
    parts += [f"not investigated: {REASONS.get(r, r).split(':')[0]}" for r in chosen.reason]
    if chosen.payment_min is not None:
        parts.append(f"payments from £{chosen.payment_min}")
    if chosen.payment_max is not None:
        parts.append(f"payments up to £{chosen.payment_max}")
    cited = Provision.objects.filter(slug__in=chosen.citation).select_related("legislation")
    parts += [f"cites {p.label}" for p in in_provision_order(cited)]
    return " · ".join(parts) or "all decisions"


def refused(parameters: SearchParameters) -> HttpResponse | None:
    """A 400 naming each filter value that names nothing, for a feed or an export: a reader
    or a spreadsheet must never be handed the whole archive instead."""
    unknown = parameters.refusals()
    if not unknown:
        return None
    message = " ".join(value.message for value in unknown)
    return HttpResponseBadRequest(message + "\n", content_type="text/plain; charset=utf-8")


# Atom requires an author for a feed whose entries name none (RFC 4287, 4.1.1).
AUTHOR = "Ombudsman decisions archive"


class SearchFeed(Feed):
    feed_type = Atom1Feed
    author_name = AUTHOR

    def __call__(self, request, *args, **kwargs):
        return refused(SearchParameters(request.GET)) or super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        return request.GET.urlencode(), SearchParameters(request.GET).search_query()

    def feed_url(self, search):
        """rel="self": this feed with its own query, so a reader can find it again."""
        querystring = search[0]
        return reverse("decisions:feed") + (f"?{querystring}" if querystring else "")

    def title(self, search):
        return f"Ombudsman decisions: {describe(search[1])}"

    def subtitle(self, search):
        return f"The newest {FEED_LENGTH} decisions matching this search, newest first."

    def link(self, search):
        querystring = search[0]
        return reverse("decisions:search") + (f"?{querystring}" if querystring else "")

    def items(self, search):
        return matching_decisions(search[1]).with_related()[:FEED_LENGTH]

    def item_title(self, decision):
        # A reader shows no badge: an invented example says so in its title, as on the page.
        example = "Fictional example: " if decision.is_fictional else ""
        return f"{example}{decision.organisation_names} ({decision.reference})"

    def item_description(self, decision):
        # An Atom summary is HTML (type="html") that the XML escapes once more: text is
        # escaped as HTML first, so a reader shows "<script>" rather than running it.
        details = [str(decision.category or "Category not recorded")]
        details.append(str(decision.outcome or "Outcome not recorded"))
        return escape(f"{' · '.join(details)}. {decision.summary}")

    def item_pubdate(self, decision):
        if decision.decision_date is None:
            return decision.imported_at
        return timezone.make_aware(datetime.combine(decision.decision_date, time(12)))

    def item_updateddate(self, decision):
        return decision.updated_at

    def item_categories(self, decision):
        return [str(value) for value in (decision.category, decision.outcome) if value]


class ChangeFeed(Feed):
    """The newest public changes: withdrawals, reinstatements, redactions and corrections,
    each with its reason; never the text withdrawn or redacted (decisions/changes.py)."""

    feed_type = Atom1Feed
    author_name = AUTHOR
    title = "Ombudsman decisions archive: changes"
    subtitle = (
        f"The newest {CHANGES_FEED_LENGTH} withdrawals, reinstatements, redactions and "
        "corrections of decisions in the archive, newest first, each with its reason."
    )

    def link(self):
        return reverse("decisions:changes")

    def feed_url(self):
        return reverse("decisions:changes-feed")

    def items(self):
        return change_entries(public_changes()[:CHANGES_FEED_LENGTH])

    def item_title(self, entry: ChangeEntry):
        field = f": {entry.field}" if entry.field else ""
        return f"{entry.reference}: {entry.label}{field}"

    def item_description(self, entry: ChangeEntry):
        # HTML, as the search feed's summaries are: the text escaped first.
        if entry.shows_values:
            values = f"{entry.field}: “{entry.old_value}” → “{entry.new_value}”. {entry.reason}"
            return escape(values)
        return escape(entry.reason)

    def item_link(self, entry: ChangeEntry):
        return f"{reverse('decisions:decision-changes', args=[entry.slug])}#{entry.anchor}"

    def item_pubdate(self, entry: ChangeEntry):
        return entry.at

    def item_updateddate(self, entry: ChangeEntry):
        return entry.at
