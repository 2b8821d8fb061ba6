"""CSV of any search: every decision matching the search page's parameters, streamed row by
row so that memory stays flat however many there are, up to EXPORT_MAX_ROWS."""

import csv

from django.http import StreamingHttpResponse
from django.urls import reverse

from decisions.filters import SearchParameters
from decisions.models import OrganisationKind, OutcomeGroup
from decisions.search.engine import matching_decisions

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
]
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(request):
    decisions = matching_decisions(SearchParameters(request.GET).search_query())
    rows = decisions.values_list(*COLUMNS)[:EXPORT_MAX_ROWS].iterator(chunk_size=2000)
    detail = request.build_absolute_uri(reverse("decisions:detail", args=["SLUG"]))
    response = StreamingHttpResponse(_lines(rows, detail), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ombudsman-decisions.csv"'
    response["X-Export-Limit"] = str(EXPORT_MAX_ROWS)
    return response


class _Line:
    """A file-like object whose write() hands back what csv.writer gives it."""

    def write(self, text: str) -> str:
        return text


def _lines(rows, detail_url: str):
    writer = csv.writer(_Line())
    # A byte-order mark, so that spreadsheet programs read the file as UTF-8.
    yield "\ufeff" + writer.writerow(HEADER)
    kinds, groups = dict(OrganisationKind.choices), dict(OutcomeGroup.choices)
    for reference, name, kind, category, parent, outcome, group, day, summary, slug in rows:
        cells = [
            reference,
            name,
            kinds.get(kind, kind),
            category or "",
            parent or "",
            outcome or "",
            groups.get(group, "") if group else "",
            day.isoformat() if day else "",
            summary,
            detail_url.replace("SLUG", slug),
        ]
        yield writer.writerow([neutralised(cell) for cell in cells])


def neutralised(cell: str) -> str:
    """The cell as text a spreadsheet will not run: a leading apostrophe before a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell
