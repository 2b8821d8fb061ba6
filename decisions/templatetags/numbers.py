"""{{ count|thousands }}: a count with thousands separators, "123,456", as `pounds` writes money.

A filter rather than USE_THOUSAND_SEPARATOR, which would also put commas in years and ids; and
the same in every locale, as the rest of the site's English is."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def thousands(value) -> str:
    """An integer (or a string of one) with commas between its thousands; "" for None or "";
    anything else (a fraction, a word) as it is, never rounded."""
    if value is None or value == "":
        return ""
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


@register.filter
def upheld_rate(outcomes) -> SafeString:
    """An upheld rate with what it is a share of: "60% (3 of 5 investigated)", or why there is
    none. A filter, not an include: the council index shows one for every body."""
    if outcomes.upheld_rate is None:
        return mark_safe('no rate <span class="count">(none investigated)</span>')
    return format_html(
        '{} <span class="count">({} of {} investigated)</span>',
        outcomes.upheld_percent,
        thousands(outcomes.upheld),
        thousands(outcomes.investigated),
    )
