"""{% facet_value value %}: one facet value's checkbox, label and count.

A tag, not an included template: a search page shows hundreds of values (every council), and
an include for each cost more than the rest of the page's rendering.
"""

import html

from django import template
from django.utils.safestring import SafeData, SafeString, mark_safe

from decisions.search.facets import FacetValue
from decisions.templatetags.numbers import thousands

register = template.Library()


@register.simple_tag
def facet_value(value: FacetValue, label: str = "") -> SafeString:
    """A value chosen through its group (included) is shown ticked but not sent, so that
    unticking the group removes it; if it was chosen itself too, a hidden field keeps it, so
    that ticking and unticking the group gives back the same search. With other values of its
    facet chosen, the count is what ticking it adds (+N).

    Built with the standard library's escaping rather than format_html: a page has hundreds
    of values, and format_html's escaping of each argument cost about 4 ms a page."""
    name, chosen = _text(value.parameter), _text(value.value)
    if value.included:
        count = '<span class="count">included</span>'
    elif value.added is not None:
        more = "more decision" if value.added == 1 else "more decisions"
        count = (
            f'<span class="count">+{_text(thousands(value.added))}'
            f'<span class="visually-hidden"> {more}</span></span>'
        )
    else:
        count = f'<span class="count">{_text(thousands(value.count))}</span>'
    kept = ""
    if value.included and value.selected:
        kept = f'<input type="hidden" name="{name}" value="{chosen}">'
    ticked = " checked" if value.selected or value.included else ""
    disabled = " disabled" if value.included else ""
    label_class = ' class="included"' if value.included else ""
    # Every part is escaped above or is a fixed string.
    return mark_safe(
        f'<label{label_class}><input type="checkbox" name="{name}" value="{chosen}"'
        f"{ticked}{disabled}>\n  {_text(label or value.label)} {count}</label>{kept}"
    )


def _text(text) -> str:
    """django.utils.html.conditional_escape without its lazy-string wrapper, which was the
    cost: escaped as Django's templates escape, unless already marked safe."""
    return text if isinstance(text, SafeData) else html.escape(str(text))
