"""Categories renamed over the years, grouped under their current names.

The Ombudsman renamed four parent categories (FORMAT.md); decisions keep the name they were
published under, and Category.group joins an old name to its current one so that search,
counts and profiles treat them as one. A subcategory under an old parent joins the
subcategory of the same name under the current parent, where there is one. Editors can
change any of this in the admin; a grouping an editor set is never changed here.
"""

from __future__ import annotations

# The parent categories published now (FORMAT.md).
CURRENT_PARENTS = (
    "Adult care services", "Benefits and tax", "Children's care services", "Education",
    "Environment and regulation", "Housing", "Planning", "Transport and highways",
    "Other Categories",
)  # fmt: skip
# Older parent name -> current parent name.
RENAMED_PARENTS = {
    "Corporate and other services": "Other Categories",
    "Environmental services, public protection and regulation": "Environment and regulation",
    "Highways and transport": "Transport and highways",
    "Planning and development": "Planning",
}


def group_renamed_categories(category_model=None) -> int:
    """Group every ungrouped category published under an old name with its current one, if
    that exists; return how many were grouped. Idempotent, and cheap (a few hundred rows), so
    the importer runs it after each import. `category_model` lets a migration pass its own."""
    from decisions.related import matching_key  # names compared as the importer finds them

    if category_model is None:
        from decisions.models import Category as category_model
    free = category_model.objects.filter(group=None, group_edited=False)
    # "Highways and Transport", "Planning & development": the old names in any spelling.
    tops = {matching_key(c.name): c for c in category_model.objects.filter(parent=None)}
    grouped = 0
    for old, new in ((matching_key(o), matching_key(n)) for o, n in RENAMED_PARENTS.items()):
        if old in tops and new in tops and tops[old].group_id is None:
            grouped += free.filter(pk=tops[old].pk).update(group=tops[new])
    heads = {
        (c.parent_id, matching_key(c.name)): c.pk
        for c in category_model.objects.filter(parent__isnull=False, group=None)
    }
    for sub in free.filter(parent__group__isnull=False).select_related("parent"):
        twin = heads.get((sub.parent.group_id, matching_key(sub.name)))
        if twin is not None and twin != sub.pk:
            grouped += free.filter(pk=sub.pk).update(group_id=twin)
    return grouped


PARENT_NAMES = CURRENT_PARENTS + tuple(RENAMED_PARENTS)
