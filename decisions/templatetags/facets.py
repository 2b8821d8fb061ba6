"""{% facet_value value %}: one facet value's checkbox, label and count; {% facet_entries %}:
the list of a facet's values, each with what sits under it (facet_tree.py).

Tags, not included templates or loops: a search page shows hundreds of values (every
council), and an include for each cost more than the rest of the page's rendering; the loop
over them, with its tests and an include for each group's names, took 1.5 ms of a page
with 200 values, against 0.5 ms in Python.
"""

import html

from django import template
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.text import capfirst

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
    name, chosen = escaped(value.parameter), escaped(value.value)
    if value.included:
        count = '<span class="count">included</span>'
    elif value.added is not None:
        more = "more decision" if value.added == 1 else "more decisions"
        count = (
            f'<span class="count">+{escaped(thousands(value.added))}'
            f'<span class="visually-hidden"> {more}</span></span>'
        )
    else:
        count = f'<span class="count">{escaped(thousands(value.count))}</span>'
    kept = ""
    if value.included and value.selected:
        kept = f'<input type="hidden" name="{name}" value="{chosen}">'
    ticked = " checked" if value.selected or value.included else ""
    disabled = " disabled" if value.included else ""
    label_class = ' class="included"' if value.included else ""
    # Every part is escaped above or is a fixed string.
    return mark_safe(
        f'<label{label_class}><input type="checkbox" name="{name}" value="{chosen}"'
        f"{ticked}{disabled}>\n  {escaped(label or value.label)} {count}</label>{kept}"
    )


@register.simple_tag
def facet_entries(entries: list[dict], show_all: bool = False, children_label: str = "") -> str:
    """One facet's values, each with the names its group was published under and what it
    holds (subcategories, wordings); past the first ten, folded under "Show all", unless
    `show_all`."""
    parts = ['<ul class="facet-values">']
    for number, entry in enumerate(entries, 1):
        if number == 11 and not show_all:
            parts.append(
                f'</ul><details class="facet-more"><summary>Show all {thousands(len(entries))}'
                '</summary><ul class="facet-values">'
            )
        parts += ["<li>", facet_value(entry["value"]), _names(entry["names"], entry["value"])]
        if children := entry["children"]:
            unfolded = " open" if entry["open"] else ""
            label = escaped(capfirst(children_label))
            parts.append(
                f'<details class="facet-children"{unfolded}><summary>{label} '
                f"({thousands(len(children))})</summary><ul>"
            )
            for child in children:
                names = _names(child["names"], child["value"], "Filed under:")
                parts.append(f"<li>{facet_value(child['value'])}{names}</li>")
            parts.append("</ul></details>")
        parts.append("</li>")
    parts.append("</ul>")
    if len(entries) > 10 and not show_all:
        parts.append("</details>")
    return mark_safe("".join(parts))  # each value escaped by facet_value, the rest fixed


def _names(names: list[dict], owner: FacetValue, hint: str = "Published as:") -> str:
    """The names a category group was published under, each choosable alone. Not repeated when
    the group is included already through its parent, but a name chosen in the URL is still
    sent, so that unticking the parent gives back the search as it was."""
    if not names:
        return ""
    if owner.included:
        return "".join(
            f'<input type="hidden" name="{escaped(name["value"].parameter)}" '
            f'value="{escaped(name["value"].value)}">'
            for name in names
            if name["value"].selected
        )
    listed = "".join(f"<li>{facet_value(name['value'], name['short'])}</li>" for name in names)
    return f'<div class="facet-names"><span class="hint">{hint}</span><ul>{listed}</ul></div>'


def escaped(text) -> str:
    """django.utils.html.conditional_escape without its lazy-string wrapper, which was the
    cost: escaped as Django's templates escape, unless already marked safe."""
    return text if isinstance(text, SafeData) else html.escape(str(text))
