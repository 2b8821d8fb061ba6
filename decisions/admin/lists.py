"""The lists decisions are filed under: organisations, categories and outcomes, each row with
its number of decisions."""

from django.contrib import admin
from django.db.models import Count, F, Func, IntegerField, OuterRef, Q, Subquery

from decisions.models import Category, Decision, Organisation, Outcome, Withdrawal


class KeepsFormerNames:
    """A row renamed in the admin keeps the name it had (former_names): the files that give
    that name are still filed under it, not under a new row of the old name."""

    def save_model(self, request, obj, form, change):
        old = form.initial.get("name")
        if change and "name" in form.changed_data and old and old not in obj.former_names:
            obj.former_names = [*obj.former_names, old]
        super().save_model(request, obj, form, change)


class DecisionCounts:
    """An admin list with each row's number of decisions, sortable. A row a withdrawn
    decision's kept record names is not deleted: reinstating the decision needs it."""

    # The field of a withdrawn decision's kept record (Withdrawal.record) naming this row.
    recorded_as = ""

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.recorded_as and obj.pk in recorded_ids(self.recorded_as):
            return False
        return super().has_delete_permission(request, obj)

    def decisions_counted(self):
        return Count("decisions")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(decision_count=self.decisions_counted())

    @admin.display(description="decisions", ordering="decision_count")
    def decision_count(self, row):
        return row.decision_count


def recorded_ids(field: str) -> set[int]:
    """The ids of `field` ("organisation", "category", "outcome") that withdrawn decisions'
    kept records name: few, as withdrawals are."""
    # The one key, read by the database: a record holds the whole decision's text.
    return set(Withdrawal.objects.values_list(f"record__0__fields__{field}", flat=True))


@admin.register(Organisation)
class OrganisationAdmin(KeepsFormerNames, DecisionCounts, admin.ModelAdmin):
    recorded_as = "organisation"
    list_display = ["name", "kind", "decision_count"]
    readonly_fields = ["former_names"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Category)
class CategoryAdmin(KeepsFormerNames, DecisionCounts, admin.ModelAdmin):
    """A staff user allowed to change categories (a superuser: the Editors group only views
    them) groups a category published under an old name with its current one ("grouped
    under"); imports keep what an editor chose (Category.group_edited)."""

    recorded_as = "category"
    list_display = ["name", "parent", "group", "decision_count"]
    list_filter = [
        ("parent", admin.RelatedOnlyFieldListFilter),
        ("group", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name"]
    list_select_related = ["parent", "group__parent"]
    fields = ["name", "slug", "parent", "group", "former_names"]
    readonly_fields = ["slug", "parent", "former_names"]
    autocomplete_fields = ["group"]

    def has_delete_permission(self, request, obj=None):
        # A parent goes with its subcategories: kept too if a kept record names one of them.
        if obj is not None and obj.children.filter(pk__in=recorded_ids("category")).exists():
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if "group" in form.changed_data:
            obj.group_edited = True
        super().save_model(request, obj, form, change)

    def decisions_counted(self):
        # A parent category counts the decisions filed under it and under its subcategories.
        filed_here = Decision.objects.filter(
            Q(category=OuterRef("pk")) | Q(category__parent=OuterRef("pk"))
        )
        count = filed_here.order_by().values(count=Func(F("pk"), function="COUNT"))
        return Subquery(count, output_field=IntegerField())

    @admin.display(description="decisions (with subcategories)", ordering="decision_count")
    def decision_count(self, category):
        return category.decision_count


@admin.register(Outcome)
class OutcomeAdmin(DecisionCounts, admin.ModelAdmin):
    recorded_as = "outcome"
    list_display = ["label", "group", "decision_count"]
    list_editable = ["group"]
    list_filter = ["group"]
