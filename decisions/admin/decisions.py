"""The Decision admin: finding a decision (by reference, or by words through the search index),
correcting its fields with a reason through the corrections service, and importing decision
files from the browser. Decisions are never added or deleted by hand: they come from their
files, and withdrawing (corrections.py) replaces deletion."""

from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connection
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.views.decorators.csrf import csrf_exempt

from decisions.admin.audit import change_log_url
from decisions.admin.corrections import WithdrawAndRedactPages
from decisions.corrections import (
    CORRECTABLE_LABELS,
    Editor,
    record_corrections,
    refresh_decision_findings,
    renamed,
    set_noindex,
    shown_value,
)
from decisions.importing import REPORTED_DECISIONS, import_paths
from decisions.models import ChangeRecord, Decision, Redaction, Withdrawal
from decisions.parsing import FIRST_DECISION_YEAR, typed_reference_slug
from decisions.search import backend_for
from decisions.search.query import parse_query
from decisions.uploads import UPLOAD_COMMAND, ImportUploadForm, saved_uploads, upload_too_large

# The fields an editor may correct in the change form; the text changes only by redaction or a
# re-import. noindex is recorded as its own action (set_noindex), the others as corrections.
CORRECTABLE = list(CORRECTABLE_LABELS)
# Read from the text by decisions/extraction/: shown, not edited.
READ_FROM_TEXT = ["remedies_read", "reason_not_investigated", "already_remedied", "citations"]
FROM_THE_FILE = ["slug", "layout", "source_name", "content_hash", "imported_at", "updated_at"]


def unreadable_upload(error: SuspiciousOperation) -> str:
    """What the import page says of an upload Django refuses to read (more files than
    DATA_UPLOAD_MAX_NUMBER_FILES, say)."""
    return f"The upload could not be read ({error}). Put the files in a zip."


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each field's value as the editor's page showed it is sent back beside it: what this
        # editor changed is told from that, not from the row as it is when they save, so that
        # a change another editor saved in between is neither undone nor recorded again.
        for name in [*CORRECTABLE, "noindex"]:
            if name in self.fields:  # not in a read-only form
                self.fields[name].show_hidden_initial = True

    @cached_property
    def changed_data(self) -> list[str]:
        return [name for name, bound in self._bound_items() if self._changed(bound)]

    def _changed(self, bound) -> bool:
        """Changed from what the page showed; from the row as it is now where the form sent no
        such value (a form that is not the page's)."""
        if bound.field.show_hidden_initial and bound.html_initial_name not in self.data:
            return bound.field.has_changed(bound.initial, bound.data)
        return bound._has_changed()

    def corrected_fields(self) -> list[str]:
        return [name for name in self.changed_data if name != "change_reason"]

    def clean(self):
        cleaned = super().clean()
        if self.corrected_fields() and not cleaned.get("change_reason", "").strip():
            self.add_error("change_reason", "Give a reason: it is recorded with the change.")
        for name in self.corrected_fields():
            bound = self[name]
            seen = self.data.get(bound.html_initial_name)
            if seen is not None and bound.field.has_changed(bound.initial, seen):
                self.add_error(
                    name,
                    "Someone else changed this since you opened the page. Open the decision "
                    "again to see what it holds now, then make your change.",
                )
        return cleaned

    def clean_decision_date(self):
        """The dates an import takes: from the Ombudsman's first year to tomorrow."""
        day = self.cleaned_data.get("decision_date")
        latest = date.today() + timedelta(days=1)
        if day is not None and not date(FIRST_DECISION_YEAR, 1, 1) <= day <= latest:
            raise forms.ValidationError(
                f"A decision date is between 1 January {FIRST_DECISION_YEAR} and tomorrow."
            )
        return day


@admin.register(Decision)
class DecisionAdmin(WithdrawAndRedactPages, admin.ModelAdmin):
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
            {"records": records, "all_url": change_log_url(decision.reference)},
        )

    @admin.display(description="Redactions (passages seen by staff only)")
    def redactions(self, decision):
        return render_to_string(
            "admin/decisions/decision/_redactions.html",
            {"redactions": Redaction.objects.filter(reference=decision.reference)},
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # The passages redacted and the private records are for those who may read them on
        # their own pages; a read-only form asks for no reason.
        hidden = {
            name
            for name, permission in (
                ("redactions", "decisions.view_redaction"),
                ("change_history", "decisions.view_changerecord"),
            )
            if not request.user.has_perm(permission)
        }
        if not self.has_change_permission(request, obj):
            hidden.add("change_reason")
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]
        return [(name, options) for name, options in fieldsets if options["fields"]]

    def has_delete_permission(self, request, obj=None):
        return False  # withdraw instead: the record and its history are kept

    def save_model(self, request, obj, form, change):
        """Record each corrected field (old and new as people read them) and a change of the
        noindex flag through the corrections service, with the form's reason."""
        if not change:
            return super().save_model(request, obj, form, change)
        editor = Editor(user=request.user)
        reason = form.cleaned_data.get("change_reason", "")
        before = Decision.objects.with_related().get(pk=obj.pk)
        corrected = [name for name in form.corrected_fields() if name in CORRECTABLE]
        for name in set(CORRECTABLE) - set(corrected):  # as saved by anyone since, not as seen
            attname = Decision._meta.get_field(name).attname
            setattr(obj, attname, getattr(before, attname))
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
            if "organisation" in corrected:
                obj.organisation_names = renamed(
                    before.organisation_names, before.organisation.name, obj.organisation.name
                )
            super().save_model(request, obj, form, change)
            if "outcome" in corrected:
                # What a decision is read to find depends on its outcome (whether fault was
                # found, why it was not investigated): read again, as after a redaction.
                refresh_decision_findings(obj)
        if "noindex" in form.changed_data and noindex != before.noindex:
            set_noindex(obj.reference, noindex, reason, editor)
            obj.noindex = noindex

    def get_search_results(self, request, queryset, search_term):
        """A typed reference finds that decision; words go through the search index (the same
        query language as the public search), not a LIKE over every decision's text."""
        if not search_term.strip():
            return queryset, False
        slug = typed_reference_slug(search_term)
        if slug:
            found = queryset.filter(slug=slug)
            withdrawal = Withdrawal.objects.filter(slug=slug).first()
            if withdrawal is not None and not found.exists():  # Reinstate is on its own page
                url = reverse("admin:decisions_withdrawal_change", args=[withdrawal.pk])
                words = "{} was withdrawn: it is under Withdrawals, where it can be reinstated."
                link = format_html('<a href="{}">' + words + "</a>", url, withdrawal.reference)
                messages.info(request, link)
            return found, False
        parsed = parse_query(search_term)
        if parsed.is_empty:
            return queryset.none(), False
        return queryset.filter(backend_for(connection).text_condition(parsed)), False

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """A decision withdrawn while an editor had it open: say so, and go to its withdrawal
        (where it can be reinstated), not "doesn't exist. Perhaps it was deleted?"."""
        # Found by the database from the record's one key, not by reading every record (each
        # holds its decision's whole text).
        withdrawn = str(object_id).isdigit() and (
            Withdrawal.objects.filter(record__0__pk=int(object_id)).only("pk", "reference").first()
        )
        if not withdrawn:
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        words = "{} was withdrawn while this page was open: nothing was saved to it."
        messages.warning(request, format_html(words, withdrawn.reference))
        return redirect(reverse("admin:decisions_withdrawal_change", args=[withdrawn.pk]))

    def get_urls(self):
        # The withdraw and redact pages come next, from WithdrawAndRedactPages.
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
                # The CSRF check reads the form, so it meets too many files first.
                try:
                    check = CsrfViewMiddleware(lambda r: None).process_view
                    rejected = check(request, None, (), {})
                except SuspiciousOperation as error:
                    refusal, status = unreadable_upload(error), 400
                else:
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
            return unreadable_upload(error), 400
        if not valid:
            context["form"] = form
            return None, 400
        with saved_uploads(form.cleaned_data["files"]) as (folder, paths):
            report = import_paths(
                paths,
                dry_run=form.cleaned_data["dry_run"],
                user=request.user,
                command=UPLOAD_COMMAND,
                relative_to=folder,
            )
        context["report"] = report
        if report.run_id:
            context["run_url"] = reverse("admin:decisions_importrun_change", args=[report.run_id])
        return None, 200
