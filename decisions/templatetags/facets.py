"""{% facet_value value %}: one facet value's checkbox, label and count.

A tag, not an included template: a search page shows hundreds of values (every council), and
an include for each cost more than the rest of the page's rendering.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from decisions.search.facets import FacetValue
from decisions.templatetags.numbers import thousands

register = template.Library()


@register.simple_tag
def facet_value(value: FacetValue, label: str = "") -> SafeString:
    """A value chosen through its group (included) is shown ticked but not sent, so that
    unticking the group removes it; if it was chosen itself too, a hidden field keeps it, so
    that ticking and unticking the group gives back the same search. With other values of its
    facet chosen, the count is what ticking it adds (+N)."""
    ticked = " checked" if value.selected or value.included else ""
    disabled = " disabled" if value.included else ""
    if value.included:
        count = mark_safe('<span class="count">included</span>')
    elif value.added is not None:
        count = format_html(
            '<span class="count">+{}<span class="visually-hidden"> more decisions</span></span>',
            thousands(value.added),
        )
    else:
        count = format_html('<span class="count">{}</span>', thousands(value.count))
    kept = ""
    if value.included and value.selected:
        kept = format_html(
            '<input type="hidden" name="{}" value="{}">', value.parameter, value.value
        )
    return format_html(
        '<label{}><input type="checkbox" name="{}" value="{}"{}{}>\n  {} {}</label>{}',
        mark_safe(' class="included"') if value.included else "",
        value.parameter,
        value.value,
        mark_safe(ticked),
        mark_safe(disabled),
        label or value.label,
        count,
        kept,
    )
