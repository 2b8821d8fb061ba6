"""The admin: curating decisions and the lists they are filed under, importing decision files
from the browser, and every import's history."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connection
from django.db.models import Count, F, Func, IntegerField, OuterRef, Q, Subquery
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.csrf import csrf_exempt

from decisions.importing import REPORTED_DECISIONS, import_paths
from decisions.models import Category, Decision, ImportRun, Organisation, Outcome
from decisions.parsing import typed_reference_slug
from decisions.search import backend_for
from decisions.search.query import parse_query
from decisions.uploads import ImportUploadForm, saved_uploads, upload_too_large


class DecisionCounts:
    """An admin list with each row's number of decisions, sortable."""

    def decisions_counted(self):
        return Count("decisions")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(decision_count=self.decisions_counted())

    @admin.display(description="decisions", ordering="decision_count")
    def decision_count(self, row):
        return row.decision_count


@admin.register(Organisation)
class OrganisationAdmin(DecisionCounts, admin.ModelAdmin):
    list_display = ["name", "kind", "decision_count"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Category)
class CategoryAdmin(DecisionCounts, admin.ModelAdmin):
    """Editors group a category published under an old name with its current one ("grouped
    under"); imports keep what an editor chose (Category.group_edited)."""

    list_display = ["name", "parent", "group", "decision_count"]
    list_filter = [
        ("parent", admin.RelatedOnlyFieldListFilter),
        ("group", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name"]
    list_select_related = ["parent", "group__parent"]
    fields = ["name", "slug", "parent", "group"]
    readonly_fields = ["slug", "parent"]
    autocomplete_fields = ["group"]

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
    list_display = ["label", "group", "decision_count"]
    list_editable = ["group"]
    list_filter = ["group"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    change_list_template = "admin/decisions/decision/change_list.html"
    list_display = ["reference", "organisation", "category", "outcome", "decision_date"]
    list_filter = [
        "outcome__group",
        ("outcome", admin.RelatedOnlyFieldListFilter),
        ("category", admin.RelatedOnlyFieldListFilter),
        "decision_year",
        "reason_not_investigated",
        "is_fictional",
    ]
    search_fields = ["reference"]  # see get_search_results: the full-text index does the rest
    search_help_text = "A reference (20 003 494), or words from the organisation or the text."
    date_hierarchy = "decision_date"
    raw_id_fields = ["organisation", "category", "outcome"]
    # The text and its identity come from the file; a re-import is how they change.
    readonly_fields = [
        "reference", "slug", "organisation_names", "summary", "body", "layout", "decision_maker",
        "extra", "is_fictional", "source_name", "content_hash", "imported_at", "updated_at",
        # Read from the text by decisions/extraction/.
        "remedies_read", "reason_not_investigated", "already_remedied", "citations",
    ]  # fmt: skip
    list_select_related = ["organisation", "category__parent", "outcome"]

    @admin.display(description="Remedies")
    def remedies_read(self, decision):
        """Shown, not edited: extract_decisions re-reads them when the rules improve."""
        return "; ".join(r.description for r in decision.remedies.all()) or "None found"

    def get_search_results(self, request, queryset, search_term):
        """A typed reference finds that decision; words go through the search index (the same
        query language as the public search), not a LIKE over every decision's text."""
        if not search_term.strip():
            return queryset, False
        slug = typed_reference_slug(search_term)
        if slug:
            return queryset.filter(slug=slug), False
        parsed = parse_query(search_term)
        if parsed.is_empty:
            return queryset.none(), False
        return queryset.filter(backend_for(connection).text_condition(parsed)), False

    def get_urls(self):
        importing = self.admin_site.admin_view(self.import_view)
        return [
            path("import/", importing, name="decisions_decision_import"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        # Decisions come from their files: adding one means importing it.
        return redirect("admin:decisions_decision_import")

    @csrf_exempt  # checked below, once the upload is known to be within the size limit
    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import decision files",
            "reported_limit": REPORTED_DECISIONS,
            "upload_limit_mb": settings.IMPORT_UPLOAD_MAX_BYTES // 1_048_576,
            "form": ImportUploadForm(),
        }
        status = 200
        if request.method == "POST":
            refusal = upload_too_large(request)  # judged before the body is read
            status = 413
            if not refusal:
                rejected = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
                if rejected:
                    return rejected
                refusal, status = self._import_upload(request, context)
            context["refusal"] = refusal
        return TemplateResponse(
            request, "admin/decisions/decision/import.html", context, status=status
        )

    def _import_upload(self, request, context) -> tuple[str | None, int]:
        """Import the uploaded files, putting the report (or the form's errors) in context."""
        try:
            form = ImportUploadForm(request.POST, request.FILES)
            valid = form.is_valid()
        except SuspiciousOperation as error:  # e.g. more files than DATA_UPLOAD_MAX_NUMBER_FILES
            return f"The upload could not be read ({error}). Put the files in a zip.", 400
        if not valid:
            context["form"] = form
            return None, 400
        with saved_uploads(form.cleaned_data["files"]) as (folder, paths):
            report = import_paths(
                paths,
                dry_run=form.cleaned_data["dry_run"],
                user=request.user,
                command="admin upload",
                relative_to=folder,
            )
        context["report"] = report
        if report.run_id:
            context["run_url"] = reverse("admin:decisions_importrun_change", args=[report.run_id])
        return None, 200


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
    list_filter = ["command"]
    fields = [
        *(f.name for f in ImportRun._meta.fields if f.name not in ("id", "errors", "warnings")),
        "failed_files",
        "warned_files",
    ]
    readonly_fields = fields

    @admin.display(description="errors")
    def failed_files(self, run):
        return _problem_list(run.errors)

    @admin.display(description="warnings")
    def warned_files(self, run):
        return _problem_list(run.warnings)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _problem_list(problems: list[dict]):
    """Each file and its reason, one a line (escaped: both come from the files)."""
    if not problems:
        return "none"
    items = format_html_join("", "<li>{}: {}</li>", ((p["path"], p["reason"]) for p in problems))
    return format_html("<ul>{}</ul>", items)
