"""{{ count|thousands }}: a count with thousands separators, "123,456", as `pounds` writes money.

A filter rather than USE_THOUSAND_SEPARATOR, which would also put commas in years and ids; and
the same in every locale, as the rest of the site's English is."""

from django import template

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
