"""The search's facet values arranged for the page: each group with what sits under it.

The search returns each facet's values as a flat list, each naming its parent; the page shows
them as a tree (a category group, the names it was published under, its subcategory groups).
"""


def facet_groups(result):
    """Each facet's values as a tree for display: top-level entries, each with the entries
    under it (a group's published names and subgroups, an outcome group's wordings)."""
    groups = {}
    for facet, values in result.facets.items():
        entries = {}
        top = []
        for value in values:
            # Under its group, a subcategory published under an older parent is named by
            # that parent alone ("Planning and development"), the rest being the group's name.
            short = value.label.split(" > ")[0]
            entry = {"value": value, "short": short, "names": [], "children": []}
            if value.parameter == facet:
                entries.setdefault(value.value, entry)
            parent = entries.get(value.parent) if value.parent is not None else None
            if parent is None:
                top.append(entry)
            else:  # the names a category group was published under, shown apart
                parent["names" if value.parameter == "published_category" else "children"].append(
                    entry
                )
        for entry in entries.values():  # unfolded when something in it is chosen
            entry["open"] = _chosen_within(entry)
            if [child["value"].label for child in entry["children"]] == [entry["value"].label]:
                # One member named as its group ("Not upheld" under "Not upheld"): no fold.
                entry["children"] = []
        groups[facet] = top
    return groups


def _chosen_within(entry) -> bool:
    value = entry["value"]
    under = [*entry["names"], *entry["children"]]
    return value.selected or value.included or any(_chosen_within(e) for e in under)
