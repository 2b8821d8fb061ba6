"""CSV of any search: every decision matching the search page's parameters, streamed row by
row so that memory stays flat however many there are, up to EXPORT_MAX_ROWS."""

import csv
from itertools import islice

from django.http import StreamingHttpResponse
from django.urls import reverse

from decisions.extraction import REASONS
from decisions.feeds import refused
from decisions.filters import SearchParameters
from decisions.models import (
    Decision,
    OrganisationKind,
    OutcomeGroup,
    Provision,
    Remedy,
    provision_order,
    remedy_description,
)
from decisions.search.engine import listed_in_order

EXPORT_MAX_ROWS = 100_000
HEADER = [
    "reference",
    "organisation",
    "kind",
    "category",
    "parent category",
    "outcome",
    "outcome group",
    "date",
    "summary",
    "url",
    "remedies",
    "payment total",
    "already remedied",
    "reason not investigated",
    "citations",
    "fictional",  # "yes" for a decision generated for demonstration, as the API's "fictional"
    "organisations as published",  # every body a joint decision names; "organisation" is the first
]
COLUMNS = [
    "reference",
    "organisation__name",
    "organisation__kind",
    "category__name",
    "category__parent__name",
    "outcome__label",
    "outcome__group",
    "decision_date",
    "summary",
    "slug",
    "id",
    "payment_total",
    "already_remedied",
    "reason_not_investigated",
    "is_fictional",
    "organisation_names",
]
CHUNK = 2000
ID_COLUMN = COLUMNS.index("id")
# Several remedies or citations share a cell, separated by this.
LIST_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(request):
    parameters = SearchParameters(request.GET)
    if problem := refused(parameters):
        return problem
    # In the page's order: by date, or best first, as the search page lists them.
    decisions, ranked = listed_in_order(parameters.search_query(), EXPORT_MAX_ROWS)
    if ranked is None:
        rows = decisions.values_list(*COLUMNS)[:EXPORT_MAX_ROWS].iterator(chunk_size=CHUNK)
    else:
        rows = _rows_in_order(ranked)
    detail = request.build_absolute_uri(reverse("decisions:detail", args=["SLUG"]))
    response = StreamingHttpResponse(_lines(rows, detail), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ombudsman-decisions.csv"'
    response["X-Export-Limit"] = str(EXPORT_MAX_ROWS)
    return response


def _rows_in_order(ids: list[int]):
    """The rows of the decisions with these ids, in the order of the ids, a chunk at a time.
    They are matches already: testing the words again for each chunk cost seconds."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = Decision.objects.filter(pk__in=chunk).values_list(*COLUMNS)
        by_id = {row[ID_COLUMN]: row for row in rows}
        yield from (by_id[pk] for pk in chunk if pk in by_id)


class _Line:
    """A file-like object whose write() hands back what csv.writer gives it."""

    def write(self, text: str) -> str:
        return text


def _lines(rows, detail_url: str):
    writer = csv.writer(_Line())
    # A byte-order mark, so that spreadsheet programs read the file as UTF-8.
    yield "\ufeff" + writer.writerow(HEADER)
    # A few thousand at most, each with what it sorts by: its act's name, then its section
    # as a reader counts them ("9" before "10").
    labels = {
        pk: ((name, provision_order(section)), label)
        for pk, name, section, label in Provision.objects.values_list(
            "pk", "legislation__name", "section", "label"
        )
    }
    for chunk in iter(lambda: list(islice(rows, CHUNK)), []):
        remedies, citations = _lists([row[COLUMNS.index("id")] for row in chunk], labels)
        for row in chunk:
            cells = _cells(row, detail_url, remedies, citations)
            yield writer.writerow([neutralised(cell) for cell in cells])


def _lists(ids: list[int], labels: dict[int, str]) -> tuple[dict, dict]:
    """Each decision's remedies and citations as text, in two queries for a chunk of rows
    (plain values, no model instances: an export reads hundreds of thousands)."""
    remedies: dict[int, list[str]] = {}
    rows = Remedy.objects.filter(decision_id__in=ids).order_by("decision_id", "position")
    for decision_id, kind, amount, purpose in rows.values_list(
        "decision_id", "kind", "amount", "purpose"
    ):
        remedies.setdefault(decision_id, []).append(remedy_description(kind, amount, purpose))
    citations: dict[int, list[str]] = {}
    through = Decision.citations.through.objects.filter(decision_id__in=ids)
    for decision_id, provision_id in through.values_list("decision_id", "provision_id"):
        citations.setdefault(decision_id, []).append(labels[provision_id])
    return remedies, {pk: [label for _, label in sorted(found)] for pk, found in citations.items()}


KIND_NAMES, GROUP_NAMES = dict(OrganisationKind.choices), dict(OutcomeGroup.choices)


def _cells(row, detail_url: str, remedies: dict, citations: dict) -> list[str]:
    (reference, name, kind, category, parent, outcome, group, day, summary, slug,
     pk, payment_total, already_remedied, reason, fictional, names) = row  # fmt: skip
    return [
        reference,
        name,
        KIND_NAMES.get(kind, kind),
        category or "",
        parent or "",
        outcome or "",
        GROUP_NAMES.get(group, "") if group else "",
        day.isoformat() if day else "",
        summary,
        detail_url.replace("SLUG", slug),
        LIST_SEPARATOR.join(remedies.get(pk, [])),
        "" if payment_total is None else f"{payment_total:.2f}",
        "yes" if already_remedied else "no",
        REASONS.get(reason, "") if reason else "",
        LIST_SEPARATOR.join(citations.get(pk, [])),
        "yes" if fictional else "no",
        names,
    ]


def neutralised(cell: str) -> str:
    """The cell as text a spreadsheet will not run: a leading apostrophe before a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell
