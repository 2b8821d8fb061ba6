"""Withdrawing, redacting and reinstating decisions through the one corrections service, each
with a reason: the admin pages that ask for them, and the records they leave (withdrawals and
redactions, read-only)."""

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse

from decisions.admin.audit import ReadOnlyAdmin, change_log_url
from decisions.corrections import CorrectionError, Editor, redact, reinstate, withdraw
from decisions.models import (
    Category,
    ChangeRecord,
    Outcome,
    Redaction,
    Withdrawal,
    remedy_description,
)

WITHDRAW = "decisions.withdraw_decision"  # also reinstates
REDACT = "decisions.redact_decision"


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


class WithdrawAndRedactPages:
    """A decision's withdraw and redact pages, mixed into the Decision admin; its change page
    links to them by URL name, for those allowed to use them."""

    def get_urls(self):
        site = self.admin_site
        return [
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_withdraw": request.user.has_perm(WITHDRAW),
            "can_redact": request.user.has_perm(REDACT),
        }
        return super().change_view(request, object_id, form_url, extra_context)

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
            remedy_description(r["fields"]["kind"], _amount(r["fields"]["amount"]),
                               r["fields"]["purpose"])
            for r in remedies
        ]  # fmt: skip
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
            {"records": records, "all_url": change_log_url(withdrawal.reference)},
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


def _amount(serialized: str | None) -> Decimal | None:
    """An amount as the withdrawal's record keeps it (Django's serializer writes a decimal as
    a string: "4668.00")."""
    return None if serialized is None else Decimal(serialized)
