"""Withdrawing, reinstating, redacting and correcting decisions: the one service that the admin
and the management commands both call, and that records each change in the log (ChangeRecord)
with who made it, when and why.

A withdrawn decision's row leaves the Decision table (its whole record is kept in Withdrawal),
so every search, count, feed, export and page leaves it out without a filter of its own. A
redaction replaces the passage in the stored text, so the search index, snippets and every
output are rebuilt from the redacted text; the passage itself is kept in Redaction for staff.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from decisions.classification import split_organisations
from decisions.findings import findings_of_decision, store_findings
from decisions.models import ChangeRecord, Decision, Provision, Redaction, Withdrawal
from decisions.parsing import typed_reference_slug
from decisions.related import RelatedRows, name_key

REDACTED = "[redacted]"
# The fields that hold a decision's text, where a passage can be redacted.
TEXT_FIELDS = ("summary", "body")


class CorrectionError(Exception):
    """A change that cannot be made, with a message for the person who asked for it."""


@dataclass(frozen=True)
class Editor:
    """Who asks for a change: a user, or a name for changes made from a terminal."""

    user: object = None
    name: str = ""

    @property
    def username(self) -> str:
        return self.user.get_username() if self.user is not None else self.name


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise CorrectionError("Give a reason: it is recorded with the change.")
    return reason


def _record(decision, action: str, reason: str, editor: Editor, **values) -> ChangeRecord:
    return ChangeRecord.objects.create(
        reference=decision.reference,
        slug=decision.slug,
        action=action,
        reason=reason,
        at=timezone.now(),
        user=editor.user,
        username=editor.username,
        public=action not in ChangeRecord.PRIVATE_ACTIONS,
        **values,
    )


def find_decision(reference: str) -> Decision:
    """The decision published under `reference` ("20 003 494"; also "20-003-494")."""
    slug = typed_reference_slug(reference or "")
    decision = Decision.objects.filter(slug=slug).first() if slug else None
    if decision is None:
        withdrawn = Withdrawal.objects.filter(slug=slug).exists() if slug else False
        state = " (it is withdrawn)" if withdrawn else ""
        raise CorrectionError(f"No decision in the archive has the reference {reference!r}{state}.")
    return decision


def find_withdrawal(reference: str) -> Withdrawal:
    slug = typed_reference_slug(reference or "")
    withdrawal = Withdrawal.objects.filter(slug=slug).first() if slug else None
    if withdrawal is None:
        state = " (it is not withdrawn)" if slug and Decision.objects.filter(slug=slug) else ""
        raise CorrectionError(f"No withdrawn decision has the reference {reference!r}{state}.")
    return withdrawal


# --- withdrawing and reinstating -----------------------------------------------------------


@transaction.atomic
def withdraw(reference: str, reason: str, editor: Editor) -> Withdrawal:
    """Take a decision down: keep its whole record for staff and remove it from the archive."""
    reason = _reason(reason)
    decision = find_decision(reference)
    remedies = list(decision.remedies.all())
    withdrawal = Withdrawal.objects.create(
        reference=decision.reference,
        slug=decision.slug,
        organisation_id=decision.organisation_id,
        organisation_names=decision.organisation_names,
        decision_date=decision.decision_date,
        withdrawn_at=timezone.now(),
        reason=reason,
        user=editor.user,
        record=serializers.serialize("python", [decision, *remedies]),
    )
    _record(decision, ChangeRecord.Action.WITHDRAWN, reason, editor)
    decision.delete()  # its remedies and citation links go with it
    return withdrawal


@transaction.atomic
def reinstate(reference: str, reason: str, editor: Editor) -> Decision:
    """Bring a withdrawn decision back as it was when it was withdrawn."""
    reason = _reason(reason)
    withdrawal = find_withdrawal(reference)
    restored = list(serializers.deserialize("python", withdrawal.record))
    decision = restored[0].object
    imported_at = decision.imported_at
    if Decision.objects.filter(pk=decision.pk).exists():  # its id was taken meanwhile
        decision.pk = None
    decision.save(force_insert=True)
    # save() stamps both dates afresh; the decision keeps when it was first imported.
    Decision.objects.filter(pk=decision.pk).update(imported_at=imported_at)
    cited = restored[0].m2m_data.get("citations", [])
    decision.citations.set(Provision.objects.filter(pk__in=cited))
    for remedy in (item.object for item in restored[1:]):
        remedy.pk, remedy.decision_id = None, decision.pk
        remedy.save(force_insert=True)
    withdrawal.delete()
    _record(decision, ChangeRecord.Action.REINSTATED, reason, editor)
    return decision


# --- redacting ------------------------------------------------------------------------------


WORD_CHARACTER = re.compile(r"\w")


def occurrences(passage: str) -> re.Pattern:
    """The passage wherever it stands as whole words: "Hill" is redacted in "Mrs Hill", not in
    "Hillcrest" (where it would leave "[redacted]crest", half a name)."""
    before = r"(?<!\w)" if WORD_CHARACTER.fullmatch(passage[:1]) else ""
    after = r"(?!\w)" if WORD_CHARACTER.fullmatch(passage[-1:]) else ""
    return re.compile(before + re.escape(passage) + after)


def holds(text: str, passage: str) -> bool:
    return occurrences(passage).search(text or "") is not None


def redact_text(text: str, passages: Iterable[str]) -> str:
    """`text` with every occurrence of each passage replaced by REDACTED, longest first (so
    that a passage inside another redacted passage does not split it)."""
    for passage in sorted(set(passages), key=len, reverse=True):
        if passage:
            text = occurrences(passage).sub(REDACTED, text)
    return text


def public_reason(withdrawal: Withdrawal) -> str:
    """A withdrawal's reason as the public reads it: with the decision's redacted passages
    hidden in it too (a reason may name what was redacted, before or after)."""
    passages = Redaction.objects.filter(reference=withdrawal.reference).values_list(
        "passage", flat=True
    )
    return redact_text(withdrawal.reason, passages)


def redacted_values(values: dict, passages: list[str]) -> tuple[dict, list[str]]:
    """A decision's text fields (and its extra header fields) with the passages redacted, and
    the passages not found in them (the importer reports those: the new text no longer holds
    them)."""
    missing = [p for p in passages if not _held(values, p)]
    redacted = {f: redact_text(values[f], passages) for f in TEXT_FIELDS if f in values}
    if "extra" in values:
        redacted["extra"] = redacted_extra(values["extra"], passages)
    return {**values, **redacted}, missing


def _held(values, passage: str) -> bool:
    """Whether a decision's text, or one of its extra header fields (a "Remedy :" line naming
    the complainant), holds the passage; `values` a dict or a decision."""
    read = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    extra = read("extra") or {}
    return any(holds(read(f), passage) for f in TEXT_FIELDS) or any(
        holds(value, passage) for value in extra.values()
    )


def redacted_extra(extra: dict[str, str], passages: Iterable[str]) -> dict[str, str]:
    return {name: redact_text(value, passages) for name, value in (extra or {}).items()}


@transaction.atomic
def redact(reference: str, passage: str, reason: str, editor: Editor) -> Redaction:
    """Hide an exact passage (a word, a sentence, a paragraph) of a decision's summary, text or
    extra header fields, wherever it occurs, and re-read the findings from what is left."""
    reason = _reason(reason)
    decision = find_decision(reference)
    passage = passage.strip()
    if not passage:
        raise CorrectionError("Give the exact passage to redact.")
    if "\n" in passage:
        raise CorrectionError("Redact one paragraph at a time: the passage holds a line break.")
    if Redaction.objects.filter(reference=decision.reference, passage=passage).exists():
        raise CorrectionError(f"This passage of {decision.reference} is already redacted.")
    if passage == REDACTED or not _held(decision, passage):
        raise CorrectionError(
            f"The passage was not found in the text of {decision.reference}: it must be copied "
            "exactly, with its capitals and punctuation."
        )
    redaction = Redaction.objects.create(
        reference=decision.reference,
        passage=passage,
        reason=reason,
        redacted_at=timezone.now(),
        user=editor.user,
    )
    for name in TEXT_FIELDS:
        setattr(decision, name, redact_text(getattr(decision, name), [passage]))
    decision.extra = redacted_extra(decision.extra, [passage])
    decision.save(update_fields=[*TEXT_FIELDS, "extra", "updated_at"])
    refresh_decision_findings(decision)
    _record(decision, ChangeRecord.Action.REDACTED, reason, editor)
    return redaction


def refresh_decision_findings(decision: Decision) -> None:
    """Re-read one decision's findings from its stored (redacted) text."""
    store_findings([(decision, findings_of_decision(decision))], RelatedRows())


# --- flags and fields -----------------------------------------------------------------------


@transaction.atomic
def set_noindex(reference: str, noindex: bool, reason: str, editor: Editor) -> Decision:
    """Ask search engines not to index a decision (or to index it again)."""
    reason = _reason(reason)
    decision = find_decision(reference)
    if decision.noindex != noindex:
        decision.noindex = noindex
        decision.save(update_fields=["noindex", "updated_at"])
        action = ChangeRecord.Action.NOINDEX_ON if noindex else ChangeRecord.Action.NOINDEX_OFF
        _record(decision, action, reason, editor)
    return decision


NOT_STATED = "(none)"
# The fields an editor corrects, by the label a correction of each is recorded under.
CORRECTABLE_LABELS = {
    "organisation": "Organisation",
    "category": "Category",
    "outcome": "Outcome",
    "decision_date": "Decision date",
}


def shown_value(decision: Decision, name: str) -> str:
    """A field's value as people read it: a name rather than an id, a date in words."""
    value = getattr(decision, name)
    if value is None or value == "":
        return NOT_STATED
    if name == "decision_date":
        return date_format(value, "j F Y")
    return str(value)


def standing_corrections(decision: Decision, new: Decision) -> list[str]:
    """The fields an editor corrected whose corrections stand against `new`, the decision as a
    changed file of it would set it (unsaved): the file still says what the field said when
    it was corrected, and no file has set the field since. Those keep their corrected values."""
    records = ChangeRecord.objects.filter(
        reference=decision.reference,
        action__in=[ChangeRecord.Action.CORRECTED, ChangeRecord.Action.IMPORTED],
    ).order_by("at", "id")
    latest: dict[str, ChangeRecord] = {}
    for record in records:
        if record.action == ChangeRecord.Action.CORRECTED:
            latest[record.field] = record
        else:  # an update from a file names the fields it set: "decision date, text, outcome"
            for label in record.field.split(", "):
                latest.pop(label.capitalize(), None)
    return [
        name
        for name, label in CORRECTABLE_LABELS.items()
        if label in latest and _shown_or_none(new, name) == latest[label].old_value
    ]


def _shown_or_none(decision: Decision, name: str) -> str | None:
    try:
        return shown_value(decision, name)
    except ObjectDoesNotExist:  # a row a dry run would create: named by no correction
        return None


def renamed(names: str, old: str, new: str) -> str:
    """The names a decision is shown under (its page's title, results, the search index),
    with the body corrected from `old` to `new`: the first body of a joint name, else the
    whole, since the names were of the wrong body. A body the joint name already names is
    put first, the others after it ("X and Y" corrected to Y is "Y and X", not "Y and Y")."""
    bodies = split_organisations(names)
    if len(bodies) > 1 and any(name_key(body) == name_key(new) for body in bodies[1:]):
        return " and ".join([new, *(body for body in bodies if name_key(body) != name_key(new))])
    if names[: len(old)].casefold() == old.casefold() and names[len(old) :].strip():
        return new + names[len(old) :]
    return new


def record_corrections(
    decision: Decision, changes: dict[str, tuple[str, str]], reason: str, editor: Editor
) -> list[ChangeRecord]:
    """Record corrected fields, {label: (old, new)} as people read them; the caller saves."""
    reason = _reason(reason)
    return [
        _record(
            decision,
            ChangeRecord.Action.CORRECTED,
            reason,
            editor,
            field=label,
            old_value=old,
            new_value=new,
        )
        for label, (old, new) in changes.items()
    ]
