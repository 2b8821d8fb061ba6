"""The admin, a module per job; importing them registers every ModelAdmin.

- `lists.py`: organisations, categories and outcomes, each row with its number of decisions.
- `decisions.py`: decisions: searching them, correcting their fields with a reason, and
  importing decision files from the browser.
- `corrections.py`: withdrawing, redacting and reinstating through the one corrections service,
  each with a reason; the withdrawals and redactions they leave, read-only.
- `audit.py`: the read-only audit trail: the change log, every import run with what it did with
  each file and every warning it gave, and every re-reading of the findings
  (extract_decisions) with what it changed.
"""

from decisions.admin.audit import (
    ChangeRecordAdmin,
    ExtractionRunAdmin,
    ImportedFileAdmin,
    ImportRunAdmin,
    ImportWarningAdmin,
)
from decisions.admin.corrections import RedactionAdmin, WithdrawalAdmin
from decisions.admin.decisions import DecisionAdmin
from decisions.admin.lists import CategoryAdmin, OrganisationAdmin, OutcomeAdmin

__all__ = [
    "CategoryAdmin",
    "ChangeRecordAdmin",
    "DecisionAdmin",
    "ExtractionRunAdmin",
    "ImportRunAdmin",
    "ImportWarningAdmin",
    "ImportedFileAdmin",
    "OrganisationAdmin",
    "OutcomeAdmin",
    "RedactionAdmin",
    "WithdrawalAdmin",
]
