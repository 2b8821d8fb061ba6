"""The admin: curating decisions and the lists they are filed under; withdrawing, reinstating,
redacting and correcting them through the one corrections service, each with a reason; importing
decision files from the browser; and the read-only audit trail (the change log, redactions,
withdrawals, every import run and what it did with each file)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connection
from django.db.models import Count, F, Func, IntegerField, OuterRef, Q, Subquery
from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.views.decorators.csrf import csrf_exempt

from decisions.corrections import (
    CorrectionError,
    Editor,
    record_corrections,
    redact,
    reinstate,
    set_noindex,
    withdraw,
)
from decisions.importing import REPORTED_DECISIONS, import_paths
from decisions.models import (
    Category,
    ChangeRecord,
    Decision,
    ImportedFile,
    ImportRun,
    Organisation,
    Outcome,
    Redaction,
    Withdrawal,
    remedy_description,
)
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


# --- decisions: correcting, withdrawing, redacting ---------------------------------------------

WITHDRAW = "decisions.withdraw_decision"  # also reinstates
REDACT = "decisions.redact_decision"
# The fields an editor may correct in the change form; the text changes only by redaction or a
# re-import. noindex is recorded as its own action (set_noindex), the others as corrections.
CORRECTABLE = ["organisation", "category", "outcome", "decision_date"]
NOT_STATED = "(none)"
# Read from the text by decisions/extraction/: shown, not edited.
READ_FROM_TEXT = ["remedies_read", "reason_not_investigated", "already_remedied", "citations"]
FROM_THE_FILE = ["slug", "layout", "source_name", "content_hash", "imported_at", "updated_at"]


class DecisionCorrectionForm(forms.ModelForm):
    """The decision's change form, with the reason that every change is recorded with."""

    change_reason = forms.CharField(
        label="Reason for the change",
        required=False,  # required as soon as anything changes: see clean()
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Required for any change. Recorded with it; the reason for a corrected field "
        "is shown in the public change log (/changes/).",
    )

    class Meta:
        model = Decision
        fields = [*CORRECTABLE, "noindex"]

    def corrected_fields(self) -> list[str]:
        return [name for name in self.changed_data if name != "change_reason"]

    def clean(self):
        cleaned = super().clean()
        if self.corrected_fields() and not cleaned.get("change_reason", "").strip():
            self.add_error("change_reason", "Give a reason: it is recorded with the change.")
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 80}))


class WithdrawForm(ReasonForm):
    reason = forms.CharField(
        label="Public reason",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Shown on the decision's page (which then answers 410 Gone) and in the public "
        "change log.",
    )


class ReinstateForm(ReasonForm):
    reason = forms.CharField(
        label="Reason for reinstating",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Shown in the public change log.",
    )


class RedactForm(forms.Form):
    passage = forms.CharField(
        label="Exact passage",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Copied exactly from the text below, capitals and punctuation included: a "
        "word, a sentence or one paragraph. Every occurrence becomes [redacted].",
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Shown in the public change log: do not repeat the passage in it.",
    )


def shown_value(decision: Decision, name: str) -> str:
    """A field's value as people read it: a name rather than an id, a date in words."""
    value = getattr(decision, name)
    if value is None or value == "":
        return NOT_STATED
    if name == "decision_date":
        return date_format(value, "j F Y")
    return str(value)


def found_or_404(model_admin, request, object_id):
    """The admin's object for a URL's id; 404 for an unknown or malformed one."""
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404(f"No {model_admin.model._meta.verbose_name} has the id {object_id!r}.")
    return obj


def correction_page(model_admin, request, obj, form_class, apply, **context):
    """A small form that asks for a change and its reason, and applies it with `apply`
    (cleaned data -> (message, where to go next)); a CorrectionError is shown on the form."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message, next_url = apply(form.cleaned_data)
        except CorrectionError as error:
            form.add_error(None, str(error))
        else:
            model_admin.message_user(request, message, messages.SUCCESS)
            return redirect(next_url)
    opts = model_admin.model._meta
    return TemplateResponse(
        request,
        "admin/decisions/correction_form.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": opts,
            "object": obj,
            "object_url": reverse(admin_urlname(opts, "change"), args=[obj.pk]),
            "form": form,
            **context,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Decisions are never deleted here: withdrawing replaces deletion (and can be undone)."""

    change_list_template = "admin/decisions/decision/change_list.html"
    change_form_template = "admin/decisions/decision/change_form.html"
    form = DecisionCorrectionForm
    list_display = ["reference", "organisation", "category", "outcome", "decision_date"]
    list_filter = [
        "outcome__group",
        ("outcome", admin.RelatedOnlyFieldListFilter),
        ("category", admin.RelatedOnlyFieldListFilter),
        "decision_year",
        "reason_not_investigated",
        "is_fictional",
        "noindex",
    ]
    search_fields = ["reference"]  # see get_search_results: the full-text index does the rest
    search_help_text = "A reference (20 003 494), or words from the organisation or the text."
    date_hierarchy = "decision_date"
    raw_id_fields = ["organisation", "category", "outcome"]
    fieldsets = [
        (None, {"fields": ["reference", "organisation_names", "is_fictional"]}),
        (
            "Corrections",
            {
                "fields": [*CORRECTABLE, "noindex", "change_reason"],
                "description": "Each change is recorded with who made it, when and why.",
            },
        ),
        ("Text", {"fields": ["summary", "body", "decision_maker", "extra"]}),
        (
            "Read from the text",
            {"fields": [*READ_FROM_TEXT]},
        ),
        ("Changes and redactions", {"fields": ["change_history", "redactions"]}),
        (
            "File",
            {
                "fields": [*FROM_THE_FILE],
                "classes": ["collapse"],
            },
        ),
    ]
    # The text and its identity come from the file; a re-import is how they change.
    readonly_fields = [
        "reference", "organisation_names", "is_fictional", "summary", "body", "decision_maker",
        "extra", *READ_FROM_TEXT, "change_history", "redactions", *FROM_THE_FILE,
    ]  # fmt: skip
    list_select_related = ["organisation", "category__parent", "outcome"]

    @admin.display(description="Remedies")
    def remedies_read(self, decision):
        """Shown, not edited: extract_decisions re-reads them when the rules improve."""
        return "; ".join(r.description for r in decision.remedies.all()) or "None found"

    @admin.display(description="Change log")
    def change_history(self, decision):
        records = ChangeRecord.objects.filter(reference=decision.reference).select_related(
            "import_run"
        )
        return render_to_string(
            "admin/decisions/decision/_change_history.html",
            {"records": records, "all_url": _changes_of(decision.reference)},
        )

    @admin.display(description="Redactions (passages seen by staff only)")
    def redactions(self, decision):
        return render_to_string(
            "admin/decisions/decision/_redactions.html",
            {"redactions": Redaction.objects.filter(reference=decision.reference)},
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        # Read only: no reason to ask for.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "change_reason"]})
            for name, options in fieldsets
        ]

    def has_delete_permission(self, request, obj=None):
        return False  # withdraw instead: the record and its history are kept

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_withdraw": request.user.has_perm(WITHDRAW),
            "can_redact": request.user.has_perm(REDACT),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Record each corrected field (old and new as people read them) and a change of the
        noindex flag through the corrections service, with the form's reason."""
        if not change:
            return super().save_model(request, obj, form, change)
        editor = Editor(user=request.user)
        reason = form.cleaned_data.get("change_reason", "")
        before = Decision.objects.with_related().get(pk=obj.pk)
        corrected = [name for name in form.corrected_fields() if name in CORRECTABLE]
        noindex, obj.noindex = obj.noindex, before.noindex  # set below, as its own action
        if corrected:
            changes = {
                capfirst(Decision._meta.get_field(name).verbose_name): (
                    shown_value(before, name),
                    shown_value(obj, name),
                )
                for name in corrected
            }
            record_corrections(obj, changes, reason, editor)
            super().save_model(request, obj, form, change)
        if noindex != before.noindex:
            set_noindex(obj.reference, noindex, reason, editor)
            obj.noindex = noindex

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
        site = self.admin_site
        return [
            path("import/", site.admin_view(self.import_view), name="decisions_decision_import"),
            path(
                "<path:object_id>/withdraw/",
                site.admin_view(self.withdraw_view),
                name="decisions_decision_withdraw",
            ),
            path(
                "<path:object_id>/redact/",
                site.admin_view(self.redact_view),
                name="decisions_decision_redact",
            ),
            *super().get_urls(),
        ]

    def withdraw_view(self, request, object_id):
        if not request.user.has_perm(WITHDRAW):
            raise PermissionDenied
        decision = found_or_404(self, request, object_id)

        def apply(data):
            withdrawal = withdraw(decision.reference, data["reason"], Editor(user=request.user))
            message = f"Withdrew {withdrawal.reference}: its page now answers 410 Gone."
            return message, reverse("admin:decisions_withdrawal_change", args=[withdrawal.pk])

        return correction_page(
            self,
            request,
            decision,
            WithdrawForm,
            apply,
            title=f"Withdraw {decision.reference}",
            submit_label="Withdraw",
            intro="Withdrawing takes the decision out of the archive: its page answers 410 Gone "
            "with the reason below, and it leaves search, counts, feeds and exports. Its record "
            "is kept here, and it can be reinstated.",
        )

    def redact_view(self, request, object_id):
        if not request.user.has_perm(REDACT):
            raise PermissionDenied
        decision = found_or_404(self, request, object_id)

        def apply(data):
            editor = Editor(user=request.user)
            redact(decision.reference, data["passage"], data["reason"], editor)
            message = f"Redacted the passage in {decision.reference}: it reads [redacted] now."
            return message, reverse("admin:decisions_decision_change", args=[decision.pk])

        return correction_page(
            self,
            request,
            decision,
            RedactForm,
            apply,
            title=f"Redact a passage of {decision.reference}",
            submit_label="Redact",
            intro="The passage is replaced by [redacted] wherever it occurs, on every page, "
            "feed and export, and its words are no longer found by search. It stays visible to "
            "staff, and re-imports of the file keep it redacted.",
            text=decision,
        )

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


# --- the audit trail: read by staff, changed by nobody through the admin -----------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that record what happened: listed and shown, never added, changed or deleted here,
    by superusers included."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _changes_of(reference: str) -> str:
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


@admin.register(Redaction)
class RedactionAdmin(ReadOnlyAdmin):
    """The passages themselves: the admin is for staff only."""

    list_display = ["reference", "passage", "reason", "redacted_at", "user"]
    search_fields = ["reference"]
    date_hierarchy = "redacted_at"
    list_select_related = ["user"]
    fields = ["reference", "passage", "reason", "redacted_at", "user"]


@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnlyAdmin):
    """A withdrawn decision's whole record, for staff; reinstating brings it back."""

    change_form_template = "admin/decisions/withdrawal/change_form.html"
    list_display = ["reference", "organisation_names", "decision_date", "withdrawn_at", "reason"]
    search_fields = ["reference"]
    date_hierarchy = "withdrawn_at"
    fields = [
        "reference", "organisation_names", "decision_date", "withdrawn_at", "reason", "user",
        "withdrawn_record", "redactions", "change_history",
    ]  # fmt: skip
    readonly_fields = ["withdrawn_record", "redactions", "change_history"]

    @admin.display(description="The decision as it was withdrawn")
    def withdrawn_record(self, withdrawal):
        decision, *remedies = withdrawal.record
        values = decision["fields"]
        named = {
            "Category": Category.objects.filter(pk=values.get("category")).first(),
            "Outcome": Outcome.objects.filter(pk=values.get("outcome")).first(),
        }
        remedies = [
            remedy_description(r["fields"]["kind"], r["fields"]["amount"], r["fields"]["purpose"])
            for r in remedies
        ]
        return render_to_string(
            "admin/decisions/withdrawal/_record.html",
            {"values": values, "named": named, "remedies": remedies},
        )

    @admin.display(description="Redactions (passages seen by staff only)")
    def redactions(self, withdrawal):
        return render_to_string(
            "admin/decisions/decision/_redactions.html",
            {"redactions": Redaction.objects.filter(reference=withdrawal.reference)},
        )

    @admin.display(description="Change log")
    def change_history(self, withdrawal):
        records = ChangeRecord.objects.filter(reference=withdrawal.reference)
        return render_to_string(
            "admin/decisions/decision/_change_history.html",
            {"records": records, "all_url": _changes_of(withdrawal.reference)},
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_reinstate": request.user.has_perm(WITHDRAW)}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        reinstating = self.admin_site.admin_view(self.reinstate_view)
        return [
            path("<path:object_id>/reinstate/", reinstating, name="decisions_withdrawal_reinstate"),
            *super().get_urls(),
        ]

    def reinstate_view(self, request, object_id):
        if not request.user.has_perm(WITHDRAW):
            raise PermissionDenied
        withdrawal = found_or_404(self, request, object_id)

        def apply(data):
            decision = reinstate(withdrawal.reference, data["reason"], Editor(user=request.user))
            message = f"Reinstated {decision.reference}: it is back in the archive."
            return message, reverse("admin:decisions_decision_change", args=[decision.pk])

        return correction_page(
            self,
            request,
            withdrawal,
            ReinstateForm,
            apply,
            title=f"Reinstate {withdrawal.reference}",
            submit_label="Reinstate",
            intro="Reinstating brings the decision back as it was when it was withdrawn: its "
            "page, search, counts, feeds and exports.",
        )


# At most this many files of each kind are listed on a run's page; the rest are a click away,
# in the file list filtered by run and kind (paged), so that a run of 100,000 files opens fast.
FILES_SHOWN = 20


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


def _files_of(run_id: int, status: str = "") -> str:
    query = f"?run={run_id}" + (f"&status__exact={status}" if status else "")
    return reverse("admin:decisions_importedfile_changelist") + query


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = [
        "started_at",
        "finished_at",
        "user",
        "command",
        "dry_run",
        "imported",
        "updated",
        "unchanged",
        "failed",
        "withdrawn",
    ]
    list_filter = ["command", "dry_run"]
    fields = [
        *(f.name for f in ImportRun._meta.fields if f.name not in ("id", "errors", "warnings")),
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
                "label": label,
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

    @admin.display(description="errors")
    def failed_files(self, run):
        return _problem_list(run.errors)

    @admin.display(description="warnings")
    def warned_files(self, run):
        return _problem_list(run.warnings)


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


def _problem_list(problems: list[dict]):
    """Each file and its reason, one a line (escaped: both come from the files)."""
    if not problems:
        return "none"
    items = format_html_join("", "<li>{}: {}</li>", ((p["path"], p["reason"]) for p in problems))
    return format_html("<ul>{}</ul>", items)
