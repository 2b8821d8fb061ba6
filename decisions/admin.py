"""Admin registrations. A fuller editing and import workflow is planned (see the issues)."""

from django.contrib import admin

from decisions.models import Category, Decision, ImportRun, Organisation, Outcome


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent"]
    list_filter = ["parent"]
    search_fields = ["name"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["label", "group"]
    list_editable = ["group"]
    list_filter = ["group"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["reference", "organisation", "category", "outcome", "decision_date"]
    list_filter = ["outcome__group", "is_fictional"]
    search_fields = ["reference", "organisation__name"]
    date_hierarchy = "decision_date"
    raw_id_fields = ["organisation", "category", "outcome"]
    # The text and its identity come from the file; a re-import is how they change.
    readonly_fields = [
        "reference", "slug", "organisation_names", "summary", "body", "layout", "decision_maker",
        "extra", "is_fictional", "source_name", "content_hash", "imported_at", "updated_at",
    ]  # fmt: skip
    list_select_related = ["organisation", "category__parent", "outcome"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "started_at",
        "finished_at",
        "user",
        "command",
        "imported",
        "updated",
        "unchanged",
        "failed",
    ]
    readonly_fields = [field.name for field in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
