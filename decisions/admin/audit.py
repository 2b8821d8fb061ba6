"""The audit trail: the change log, every import run and what it did with each file, every
re-reading of the findings and which decisions it changed. Read by staff, changed by nobody
through the admin."""

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from decisions.import_record import WARNING_KINDS
from decisions.models import (
    ChangeRecord,
    Decision,
    ExtractionRun,
    ImportedFile,
    ImportRun,
    ImportWarning,
    Withdrawal,
)
from decisions.uploads import UPLOAD_COMMAND


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that record what happened: listed and shown, never added, changed or deleted here,
    by superusers included."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def change_log_url(reference: str) -> str:
    """The admin's change log filtered to one decision's reference."""
    return f"{reverse('admin:decisions_changerecord_changelist')}?reference={reference}"


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "reference", "action", "field", "old_value", "new_value", "reason"]
    list_display_links = ["at", "reference"]
    list_filter = ["action", "public"]
    search_fields = ["reference"]
    date_hierarchy = "at"
    list_select_related = ["import_run"]
    fields = [
        "reference", "slug", "action", "field", "old_value", "new_value", "reason", "at",
        "username", "user", "import_run", "public",
    ]  # fmt: skip
    show_full_result_count = False


# At most this many files of each kind are listed on a run's page; the rest are a click away,
# in the file list filtered by run and kind (paged), so that a run of 100,000 files opens fast.
FILES_SHOWN = 20
SOURCES_SHOWN = 3  # of the files of an upload, in the list of runs


def with_record_ids(files):
    """ImportedFile rows with the id of their decision, or of its withdrawal, looked up by
    reference in the same query."""
    by_reference = OuterRef("reference")
    return files.annotate(
        decision_pk=Subquery(Decision.objects.filter(reference=by_reference).values("pk")[:1]),
        withdrawal_pk=Subquery(Withdrawal.objects.filter(reference=by_reference).values("pk")[:1]),
    )


def _record_url(file) -> str:
    if file.decision_pk is not None:
        return reverse("admin:decisions_decision_change", args=[file.decision_pk])
    if file.withdrawal_pk is not None:
        return reverse("admin:decisions_withdrawal_change", args=[file.withdrawal_pk])
    return ""


def _label(status: str, label: str, dry_run: bool) -> str:
    """A kind of file as a run's page heads it: a dry run imported and updated nothing."""
    if dry_run and status in (ImportedFile.Status.IMPORTED, ImportedFile.Status.UPDATED):
        return f"Would be {label.lower()}"
    return label


def _files_of(run_id: int, status: str = "") -> str:
    query = f"?run={run_id}" + (f"&status__exact={status}" if status else "")
    return reverse("admin:decisions_importedfile_changelist") + query


def _warnings_of(run_id: int, kind: str = "") -> str:
    query = {"run": run_id, **({WarningKindFilter.parameter_name: kind} if kind else {})}
    return reverse("admin:decisions_importwarning_changelist") + "?" + urlencode(query)


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = [
        "started_at",
        "finished_at",
        "user",
        "started_by",
        "dry_run",
        "imported",
        "updated",
        "unchanged",
        "failed",
        "withdrawn",
    ]
    list_filter = ["command", "dry_run"]
    fields = [
        *(f.name for f in ImportRun._meta.fields if f.name not in ("id", "errors")),
        "files_by_status",
        "failed_files",
        "warned_files",
    ]
    readonly_fields = fields

    @admin.display(description="files")
    def files_by_status(self, run):
        """Each kind of file with its count and the first few, linked to their decisions."""
        counts = dict(run.files.order_by().values_list("status").annotate(Count("id")))
        groups = [
            {
                "status": status,
                "label": _label(status, label, run.dry_run),
                "count": counts[status],
                "files": [
                    (file, _record_url(file))
                    for file in with_record_ids(run.files.filter(status=status))[:FILES_SHOWN]
                ],
                "all_url": _files_of(run.pk, status),
            }
            for status, label in ImportedFile.Status.choices
            if counts.get(status)
        ]
        return render_to_string(
            "admin/decisions/importrun/_files.html",
            {"groups": groups, "shown": FILES_SHOWN, "all_url": _files_of(run.pk)},
        )

    @admin.display(description="command", ordering="command")
    def started_by(self, run):
        """The command; for an upload, whose command is always the same, the first few files."""
        if run.command != UPLOAD_COMMAND:
            return run.command
        names = ", ".join(str(source) for source in run.sources[:SOURCES_SHOWN])
        more = len(run.sources) - SOURCES_SHOWN
        return f"{run.command}: {names}" + (f" and {more:,} more" if more > 0 else "")

    def get_queryset(self, request):
        # A run's errors may be 100,000 entries: read only by its own page.
        return super().get_queryset(request).defer("errors")

    @admin.display(description="errors")
    def failed_files(self, run):
        """The first few errors; all of them are the run's refused files, a click away."""
        shown = _problem_list(run.errors[:FILES_SHOWN])
        more = len(run.errors) - FILES_SHOWN
        if more <= 0:
            return shown
        url = _files_of(run.pk, ImportedFile.Status.REFUSED)
        link = format_html('<a href="{}">All {} refused files</a>', url, f"{len(run.errors):,}")
        return format_html("{}<p>{}</p>", shown, link)

    @admin.display(description="warnings")
    def warned_files(self, run):
        """Each kind of warning with its count and the first few, as files_by_status."""
        counts = run.warnings.order_by().values_list("kind").annotate(Count("id"))
        groups = [
            {
                "kind": kind,
                "description": WARNING_KINDS.get(kind, kind or "other"),
                "count": count,
                "warnings": run.warnings.filter(kind=kind)[:FILES_SHOWN],
                "all_url": _warnings_of(run.pk, kind),
            }
            for kind, count in sorted(counts, key=lambda row: (-row[1], row[0]))
        ]
        return render_to_string(
            "admin/decisions/importrun/_warnings.html",
            {"groups": groups, "shown": FILES_SHOWN, "all_url": _warnings_of(run.pk)},
        )


class ImportRunFilter(admin.SimpleListFilter):
    """The latest runs, and the one chosen (the link from a run's page names it)."""

    title = "import run"
    parameter_name = "run"

    def lookups(self, request, model_admin):
        runs = list(ImportRun.objects.all()[:10])
        chosen = self.value()
        if chosen and chosen.isdigit() and all(str(run.pk) != chosen for run in runs):
            runs += list(ImportRun.objects.filter(pk=chosen))
        return [(str(run.pk), str(run)) for run in runs]

    def queryset(self, request, queryset):
        return queryset.filter(run_id=self.value()) if self.value() else queryset


@admin.register(ImportedFile)
class ImportedFileAdmin(ReadOnlyAdmin):
    list_display = ["path", "decision", "status", "reason", "run"]
    list_filter = ["status", ImportRunFilter]
    search_fields = ["reference", "path"]
    list_select_related = ["run"]
    list_per_page = 100
    show_full_result_count = False  # a run may hold 100,000 files: count once, not twice

    def get_queryset(self, request):
        return with_record_ids(super().get_queryset(request))

    @admin.display(description="decision", ordering="reference")
    def decision(self, file):
        url = _record_url(file)
        if not url:
            return file.reference or "-"
        withdrawn = " (withdrawn)" if file.decision_pk is None else ""
        return format_html('<a href="{}">{}</a>{}', url, file.reference, withdrawn)


class WarningKindFilter(admin.SimpleListFilter):
    """Every kind a run can give, from the code rather than a DISTINCT over every warning of
    every run (a million-file run leaves about 140,000)."""

    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(kind, kind) for kind in sorted(WARNING_KINDS)]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(ImportWarning)
class ImportWarningAdmin(ReadOnlyAdmin):
    list_display = ["path", "kind", "reason", "run"]
    list_filter = [WarningKindFilter, ImportRunFilter]
    search_fields = ["path"]
    list_select_related = ["run"]
    list_per_page = 100
    show_full_result_count = False  # a run may warn about 100,000 files


def _problem_list(problems: list[dict]):
    """Each file and its reason, one a line (escaped: both come from the files)."""
    if not problems:
        return "none"
    items = format_html_join("", "<li>{}: {}</li>", ((p["path"], p["reason"]) for p in problems))
    return format_html("<ul>{}</ul>", items)


@admin.register(ExtractionRun)
class ExtractionRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "finished_at", "rules", "read", "changed", "not_read"]
    fields = [
        *(f.name for f in ExtractionRun._meta.fields if f.name not in ("id", "changed_references")),
        "changed_decisions",
    ]
    readonly_fields = fields

    @admin.display(description="decisions changed")
    def changed_decisions(self, run):
        """The decisions whose findings changed, each linked to its admin page (one withdrawn
        since is listed without a link)."""
        ids = dict(
            Decision.objects.filter(reference__in=run.changed_references).values_list(
                "reference", "pk"
            )
        )
        links = format_html_join(
            ", ",
            "{}",
            (
                (
                    format_html(
                        '<a href="{}">{}</a>',
                        reverse("admin:decisions_decision_change", args=[ids[reference]]),
                        reference,
                    )
                    if reference in ids
                    else reference,
                )
                for reference in run.changed_references
            ),
        )
        more = run.changed - len(run.changed_references)
        return format_html("{}{}", links, f" and {more:,} more" if more > 0 else "")
