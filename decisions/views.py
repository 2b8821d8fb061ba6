"""Pages: thin, each reads its parameters, calls a service and renders."""

import unicodedata

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max, Min
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.text import slugify

from decisions.caching import with_archive_etag
from decisions.changes import (
    CHANGES_PER_PAGE,
    change_entries,
    latest_change,
    public_changes,
    with_change_log_etag,
    withdrawal_with_slug,
)
from decisions.charts import year_chart
from decisions.corrections import public_reason
from decisions.facet_tree import facet_groups
from decisions.filters import ORGANISATION_SORTS, OrganisationParameters, SearchParameters
from decisions.links import (
    chips,
    filters_of,
    matches_query,
    page_links,
    search_of,
    unknown_notices,
)
from decisions.models import Category, Decision, Organisation
from decisions.parsing import typed_reference_slug
from decisions.reading import readable_sections, summary_is_a_section
from decisions.search.choices import CategoryGroups
from decisions.search.engine import SearchQuery, mark_terms, search
from decisions.search.query import parse_query
from decisions.search.similar import same_organisation_decisions, similar_decisions
from decisions.statistics import (
    RATE_EXPLAINED,
    RATE_SORT_EXPLAINED,
    category_profile,
    category_tree,
    in_order,
    legislation_index,
    organisation_profile,
    organisation_summaries,
    organisations_in_archive,
)

NOINDEX = "noindex"


@with_archive_etag
def home(request):
    everything = search(SearchQuery())  # newest first, with every facet's counts
    return render(
        request,
        "decisions/home.html",
        {
            "latest": [hit.decision for hit in everything.hits[:10]],
            "total": everything.total,
            "fictional_total": Decision.objects.filter(is_fictional=True).count(),
            "span": Decision.objects.aggregate(
                first=Min("decision_date"), last=Max("decision_date")
            ),
            "categories": [v for v in everything.facets["category"] if v.parent is None],
            "outcomes": [v for v in everything.facets["outcome"] if v.parent is None],
        },
    )


@with_archive_etag
def search_page(request):
    parameters = SearchParameters(request.GET)
    canonical = parameters.canonical()
    if canonical is not None:  # an old link, or empty fields: the same search, as written now
        # Not permanent: which parameter an old value belongs to can change with the grouping.
        return redirect(f"{request.path}?{canonical.urlencode()}" if canonical else request.path)
    query = parameters.search_query()
    # A typed reference goes to its decision, or to the notice of its withdrawal; typed in
    # full-width digits too, as the words are read (query.parse_query).
    slug = typed_reference_slug(unicodedata.normalize("NFKC", query.text))
    if slug and (Decision.objects.filter(slug=slug).exists() or withdrawal_with_slug(slug)):
        return redirect("decisions:detail", slug=slug)
    result = search(query)
    notices = unknown_notices(request.GET, parameters.unknown_values())
    reversed_ranges = parameters.reversed_ranges()
    return render(
        request,
        "decisions/search.html",
        {
            "query": query,
            "result": result,
            "problems": parameters.problems(ranges=False),
            "reversed_ranges": reversed_ranges,
            "unknown": notices,
            "unreadable": {notice.parameter for notice in notices if notice.kept_hidden},
            "chips": chips(request.GET, result, parameters.unknown_values()),
            # What a feed or an export would refuse (the page leaves out a bad page number).
            "downloads_refused": [r for r in parameters.refusals() if r.parameter != "page"],
            "follow_query": matches_query(request.GET),
            "export_query": matches_query(request.GET, keep_order=True),
            # Carried by each result's link, for its "Back to the search".
            "search_query": search_of(request.GET),
            "kept_by_search_box": filters_of(request.GET),
            "pagination": page_links(request.GET, result),
            "facets": facet_groups(result),
        },
    )


@with_change_log_etag
def decision_detail(request, slug):
    decision = (
        Decision.objects.with_related()
        .prefetch_related("remedies", "citations__legislation")
        .filter(slug=slug)
        .first()
    )
    if decision is None:
        return withdrawn_or_not_found(request, slug)
    searched = request.GET.get("q", "")
    parsed = parse_query(searched)
    # A report's summary block is a section of the page already: not shown twice.
    summary = "" if summary_is_a_section(decision) else mark_terms(decision.summary, parsed)
    response = render(
        request,
        "decisions/detail.html",
        {
            "decision": decision,
            "searched": searched,
            "back_to_search": search_of(request.GET),
            "summary": summary,
            "sections": readable_sections(decision, parsed),
            "similar": similar_decisions(decision),
            "same_organisation": same_organisation_decisions(decision),
            "corrected_at": latest_change(decision.reference),
        },
    )
    if decision.noindex:
        response["X-Robots-Tag"] = NOINDEX
    return response


def withdrawn_or_not_found(request, slug):
    """410 Gone with a short notice for a withdrawn decision (none of its text); else 404."""
    withdrawal = withdrawal_with_slug(slug)
    if withdrawal is None:
        raise Http404("No decision has this reference.")
    context = {"withdrawal": withdrawal, "reason": public_reason(withdrawal)}
    response = render(request, "decisions/withdrawn.html", context, status=410)
    response["X-Robots-Tag"] = NOINDEX
    # A browser keeps a 410 without this as if for ever: a decision reinstated would stay
    # withdrawn for anyone who had seen it withdrawn.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


@with_archive_etag
def search_help(request):
    return render(request, "decisions/help.html")


@with_archive_etag
def organisation_list(request):
    parameters = OrganisationParameters(request.GET, queryset=organisations_in_archive())
    order = parameters.sort_order
    summaries = in_order(organisation_summaries(parameters.qs), order)
    return render(
        request,
        "decisions/organisations.html",
        {
            "parameters": parameters,
            "problems": parameters.problems(),
            "summaries": summaries,
            "order": ORGANISATION_SORTS[order],
            "rate_explained": RATE_EXPLAINED,
            "rate_sort_explained": RATE_SORT_EXPLAINED if order == "rate" else "",
        },
    )


def renamed_from(slug: str) -> Organisation | None:
    """The body whose name before an editor renamed it gave this address, if one did."""
    for organisation in Organisation.objects.exclude(former_names=[]):
        if any(slugify(name) == slug for name in organisation.former_names):
            return organisation
    return None


@with_archive_etag
def organisation_detail(request, slug):
    organisation = organisations_in_archive().filter(slug=slug).first()
    if organisation is None:
        renamed = renamed_from(slug)
        if renamed is not None:  # an old link to a body an editor renamed since
            return redirect("decisions:organisation", slug=renamed.slug, permanent=True)
        raise Http404("No council or body has this address.")
    profile = organisation_profile(organisation)
    return render(
        request,
        "decisions/organisation.html",
        {
            "organisation": organisation,
            "profile": profile,
            "chart": year_chart(profile.years),
            "rate_explained": RATE_EXPLAINED,
            "filter": f"organisation={organisation.slug}",
        },
    )


@with_archive_etag
def category_list(request):
    return render(request, "decisions/categories.html", {"tree": category_tree()})


@with_archive_etag
def category_detail(request, slug):
    category = get_object_or_404(Category.objects.select_related("parent", "group"), slug=slug)
    if category.group_id:  # published under an older name: its group's page is the page
        return redirect("decisions:category", slug=category.group.slug)
    groups = CategoryGroups.load()
    head = groups.by_id[category.pk]
    names = groups.names(head)
    profile = category_profile(category)
    if not profile.total:  # every decision withdrawn: listed nowhere, as a body would be
        raise Http404("No decision in the archive is in this category.")
    return render(
        request,
        "decisions/category.html",
        {
            "category": category,
            "subcategories": sorted(groups.heads(head.id), key=lambda row: row.name),
            "names": [groups.published(row) for row in names] if len(names) > 1 else [],
            "profile": profile,
            "chart": year_chart(profile.years),
            "rate_explained": RATE_EXPLAINED,
            "filter": f"category={category.slug}",
        },
    )


@with_archive_etag
def legislation_list(request):
    return render(request, "decisions/legislation.html", {"acts": legislation_index()})


@with_change_log_etag
def change_log(request, slug=None):
    """Public changes newest first, paged: all of them, or one decision's (/changes/<slug>/).
    A page that is not a number or past the last is a 404, as is a decision never heard of."""
    reference = None
    if slug is not None:
        reference = slug.replace("-", " ")
        known = Decision.objects.filter(slug=slug).exists() or withdrawal_with_slug(slug)
        if not known and not public_changes(reference).exists():
            raise Http404("No decision has this reference.")
    elif "reference" in request.GET:
        typed = typed_reference_slug(request.GET["reference"])
        if typed is None:
            raise Http404("That is not a reference such as 20 003 494.")
        return redirect("decisions:decision-changes", slug=typed)
    paginator = Paginator(public_changes(reference), CHANGES_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as problem:
        raise Http404("There is no such page of changes.") from problem
    return render(
        request,
        "decisions/changes.html",
        {
            "page": page,
            "page_numbers": paginator.get_elided_page_range(page.number),
            "entries": change_entries(page.object_list),
            "reference": reference,
            "slug": slug,
            "decision": Decision.objects.filter(slug=slug).first() if slug else None,
        },
    )


def robots_txt(request):
    """Crawl the decisions, profiles and sitemap; not the admin, the API, exports, feeds or
    the endless combinations of search filters."""
    lines = [
        "User-agent: *",
        # A moved admin is not named here: that would tell everyone where it went.
        *(["Disallow: /admin/"] if settings.ADMIN_PATH == "admin/" else []),
        "Disallow: /api/",
        "Disallow: /decisions/?",
        "Disallow: /decisions/feed/",
        "Disallow: /decisions/export.csv",
        "Disallow: /changes/feed/",
        f"Sitemap: {request.build_absolute_uri(reverse('decisions:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
