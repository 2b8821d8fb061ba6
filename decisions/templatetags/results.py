"""{% result_items hits search_query %}: a page of search results, each decision's heading,
what it decided and its passage for the words.

A tag rather than an included template for each result: the twenty includes took about 2.2
ms of a page's CPU, most of it Django's lookups of each variable, against about 0.5 ms here
(docs/performance.md). The HTML is the same, byte for byte (tests/test_result_items.py)."""

from functools import lru_cache

from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from decisions.templatetags.facets import escaped
from decisions.templatetags.money import pounds

register = template.Library()

SUMMARY_WORDS = 60  # shown in place of a passage when the search has no words


@register.simple_tag
def result_items(hits, search_query: str = "") -> SafeString:
    """The <li> of each hit: `search_query` goes on each link, for its "Back to the search"."""
    carried = f"?{escaped(search_query)}" if search_query else ""
    return mark_safe("".join(_item(hit, carried) for hit in hits))  # each part escaped


@lru_cache(maxsize=4096)
def _shown_date(day, language: str) -> str:
    """As |date:"j M Y" gives it: a tenth of a page's results without the cache."""
    return date_format(day, "j M Y")


def _item(hit, carried: str) -> str:
    decision = hit.decision
    fictional = (
        '<span class="badge badge-fictional">Fictional example</span>'
        if decision.is_fictional
        else ""
    )
    outcome = decision.outcome
    group = (outcome.group if outcome else "") or "none"
    if decision.decision_date:
        day = decision.decision_date
        shown = escaped(_shown_date(day, get_language()))
        date = f'<time datetime="{day.isoformat()}">{shown}</time>'  # as |date:"Y-m-d"
    else:
        date = "Date not recorded"
    payment = (
        f'· <span class="payment">{escaped(pounds(decision.payment_total))} in payments</span>'
        if decision.payment_total is not None
        else ""
    )
    reason = (
        f'· <span class="reason">{escaped(decision.get_reason_not_investigated_display())}</span>'
        if decision.reason_not_investigated
        else ""
    )
    if hit.snippet:
        snippet = escaped(hit.snippet)
    else:
        snippet = escaped(Truncator(decision.summary).words(SUMMARY_WORDS, truncate=" …"))
    # Laid out as the included template was, white space and all (the test keeps it).
    return (
        '\n<li class="result">\n'
        f'  <h3 class="result-title"><a href="{escaped(decision.get_absolute_url())}{carried}">'
        f"{escaped(decision.organisation_names)}</a>\n"
        f'    <span class="reference">{escaped(decision.reference)}</span>\n'
        f"    {fictional}</h3>\n"
        '  <p class="meta">\n'
        f"    {escaped(decision.category or 'Category not recorded')} ·\n"
        f'    <span class="outcome outcome-{escaped(group)}">'
        f"{escaped(outcome or 'Outcome not recorded')}</span> ·\n"
        f"    {date}\n"
        f"    {payment}\n"
        f"    {reason}\n"
        "  </p>\n"
        f'  <p class="snippet">{snippet}</p>\n'
        "</li>\n"
    )
