"""The public change log: what /changes/ and its feed list, and what a decision's page says of
its corrections. Only public ChangeRecords are read (a change of the noindex flag is private),
and no entry ever shows withdrawn or redacted text: a value recorded before a passage was
redacted is shown redacted, and a withdrawn decision's old and new values are not shown."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, QuerySet

from decisions.caching import code_version, etag_within_one_version
from decisions.corrections import redact_text
from decisions.models import ChangeRecord, Redaction, Withdrawal
from decisions.search import read_connection
from decisions.search.version import archive_version

CHANGES_PER_PAGE = 50
FEED_LENGTH = 50


@dataclass(frozen=True)
class ChangeEntry:
    """One public change as the log shows it."""

    id: int
    at: datetime
    action: str
    label: str
    reference: str
    slug: str
    field: str
    old_value: str
    new_value: str
    reason: str
    withdrawn: bool  # the decision is withdrawn now: its values are not shown

    @property
    def anchor(self) -> str:
        return f"change-{self.id}"

    @property
    def shows_values(self) -> bool:
        return self.action == ChangeRecord.Action.CORRECTED and not self.withdrawn


def public_changes(reference: str | None = None) -> QuerySet[ChangeRecord]:
    """Public changes newest first; one decision's (by its reference as published) if given."""
    changes = ChangeRecord.objects.filter(public=True)
    if reference is not None:
        changes = changes.filter(reference=reference)
    return changes.order_by("-at", "-id")


def change_entries(records) -> list[ChangeEntry]:
    """The records (a page of public_changes) as entries, each value redacted as its decision's
    text now is, in two more queries for the page."""
    records = list(records)
    references = {record.reference for record in records}
    passages: dict[str, list[str]] = {}
    for reference, passage in Redaction.objects.filter(reference__in=references).values_list(
        "reference", "passage"
    ):
        passages.setdefault(reference, []).append(passage)
    withdrawn = set(
        Withdrawal.objects.filter(reference__in=references).values_list("reference", flat=True)
    )

    def shown(record, text: str) -> str:
        return redact_text(text, passages.get(record.reference, []))

    return [
        ChangeEntry(
            id=record.id,
            at=record.at,
            action=record.action,
            label=record.get_action_display(),
            reference=record.reference,
            slug=record.slug,
            field=record.field,
            old_value=shown(record, record.old_value),
            new_value=shown(record, record.new_value),
            reason=shown(record, record.reason),
            withdrawn=record.reference in withdrawn,
        )
        for record in records
    ]


def latest_change(reference: str) -> datetime | None:
    """When a decision was last changed in public view, or None if it never was."""
    return public_changes(reference).values_list("at", flat=True).first()


def withdrawal_with_slug(slug: str) -> Withdrawal | None:
    return Withdrawal.objects.filter(slug=slug).first()


def change_log_version() -> str:
    """Changes with every ChangeRecord written: the newest id (records are only ever added,
    and the newest id is read from the primary key's index, where a count reads them all)."""
    return str(ChangeRecord.objects.aggregate(last=Max("id"))["last"])


def change_log_etag(request, *args, **kwargs) -> str:
    """As decisions.caching.page_etag, and with the change log too, which the archive's
    version does not follow."""
    text = (
        f"{code_version()} {archive_version(read_connection())} {change_log_version()} "
        f"{request.get_host()}"
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# For pages that show the change log, or a decision's last change, as well as the archive.
with_change_log_etag = etag_within_one_version(change_log_etag)
