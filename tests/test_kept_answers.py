"""Kept answers (settings.SEARCH_CACHE): a decision page's similar decisions are kept like a
search's answer and follow every change to the archive; with SEARCH_CACHE_DIR, what one
process kept is read by every other. On whichever database the run uses."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions.importing import import_paths
from decisions.search import similar

pytestmark = pytest.mark.django_db

DAMP = "The Council failed to repair the damp and mould in Mr X’s flat for two winters."


def write_repairs(write_decision, reference: str, summary: str):
    return write_decision(
        f"{reference[-3:]}.txt",
        reference=reference,
        category="Housing > Repairs",
        summary=summary,
        sections={"The complaint": [summary]},
    )


def similar_shown(client, slug: str) -> list[str]:
    page = client.get(f"/decisions/{slug}/").content.decode()
    box = page[page.index('id="similar"') : page.index("</section>", page.index('id="similar"'))]
    return [link.split("/")[0] for link in box.split('href="/decisions/')[1:]]


def ranking_statements(queries) -> list[str]:
    """The statements that find or rank decisions by their words, on either database (where
    the ranking index ranks, the database still finds the matches)."""
    return [q["sql"] for q in queries if " MATCH " in q["sql"] or "@@" in q["sql"]]


def test_similar_decisions_are_kept_and_follow_a_change_to_the_archive(
    write_decision, client, settings, monkeypatch
):
    settings.SEARCH_CACHE = True
    chosen = []  # the decisions whose similar decisions were worked out, each time they were
    choose = similar._similar_ids
    monkeypatch.setattr(
        similar, "_similar_ids", lambda *args: chosen.append(args[1].reference) or choose(*args)
    )
    import_paths(
        [
            write_repairs(write_decision, "22 000 001", DAMP),
            write_repairs(write_decision, "22 000 002", "The Council lost a parking appeal form."),
        ]
    )
    assert similar_shown(client, "22-000-001") == ["22-000-002"]
    assert chosen == ["22 000 001"]
    assert similar_shown(client, "22-000-001") == ["22-000-002"]
    assert chosen == ["22 000 001"]  # kept: nothing ranked again

    # A decision about the same damp flat: the archive's version changes, so it is ranked
    # afresh and comes first.
    import_paths([write_repairs(write_decision, "22 000 003", "Damp and mould in Mr X’s flat.")])
    assert similar_shown(client, "22-000-001") == ["22-000-003", "22-000-002"]
    assert chosen == ["22 000 001", "22 000 001"]


def test_with_a_cache_folder_every_process_reads_the_answers_kept_by_another(
    write_decision, client, settings, tmp_path
):
    def cache_in(folder):
        # A new cache object, as another process makes: it holds only the folder's name.
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(folder),
            }
        }

    settings.SEARCH_CACHE = True
    import_paths([write_repairs(write_decision, "22 000 001", DAMP)])
    cache_in(tmp_path / "answers")
    first = client.get("/decisions/?q=mould").content.decode()
    assert len(list((tmp_path / "answers").iterdir())) == 1

    cache_in(tmp_path / "answers")
    with CaptureQueriesContext(connection) as shared:
        assert client.get("/decisions/?q=mould").content.decode() == first
    assert ranking_statements(shared.captured_queries) == []

    cache_in(tmp_path / "elsewhere")  # a process not sharing the folder computes it afresh
    with CaptureQueriesContext(connection) as alone:
        assert client.get("/decisions/?q=mould").content.decode() == first
    assert ranking_statements(alone.captured_queries)


def version_reads(page: CaptureQueriesContext) -> int:
    """How many times a page's statements read the archive's version."""
    return sum("decisions_archive_version" in q["sql"] for q in page.captured_queries)


def test_a_search_page_reads_the_archives_version_once_and_the_next_sees_a_change(
    write_decision, client, settings
):
    """The ETag, the facet columns, the ranking index and the names of what the page shows
    all go by the version the page read first (search/version.py read_once); a change is
    seen by the next page."""
    settings.SEARCH_CACHE = False
    import_paths([write_repairs(write_decision, "22 000 001", DAMP)])

    def total_and_version_reads(url: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            response = client.get(url)
        return response.context["result"].total, version_reads(page)

    assert total_and_version_reads("/decisions/?q=damp&category=housing") == (1, 1)
    import_paths([write_repairs(write_decision, "22 000 002", "Damp in a fictional flat.")])
    assert total_and_version_reads("/decisions/?q=damp&category=housing") == (2, 1)


def test_a_searchs_bodies_categories_and_outcomes_are_known_from_this_versions_copies(
    write_decision, client, settings
):
    """Whether each body, category and outcome a search names is in the archive is looked up
    in this version's copies of those small tables, which the page reads for its facets
    anyway, not asked of the database again; a body an import adds is known to the next."""
    settings.SEARCH_CACHE = False
    import_paths([write_repairs(write_decision, "22 000 001", DAMP)])
    added = "Quillmere Fictional District Council"
    url = "/decisions/?q=damp&organisation=quillmere-fictional-district-council"
    url += "&category=housing&published_category=housing-repairs&outcome=upheld"

    def unknown_and_tables_read() -> tuple[list[str], set[str]]:
        client.get(url)  # reads the copies, if this version's are not yet held
        with CaptureQueriesContext(connection) as page:
            response = client.get(url)
        tables = {
            table
            for q in page.captured_queries
            for table in re.findall(r"\bdecisions_(organisation|category|outcome)\b", q["sql"])
        }
        return [notice.value for notice in response.context["unknown"]], tables

    assert unknown_and_tables_read() == (["quillmere-fictional-district-council"], set())
    import_paths(
        [write_decision("002.txt", reference="22 000 002", organisation=added, summary=DAMP)]
    )
    assert unknown_and_tables_read() == ([], set())


def test_a_decision_page_reads_the_archives_version_once_and_the_next_sees_a_change(
    write_decision, client, settings
):
    """A decision page's ETag, its similar decisions (the facet columns, the ranking index)
    and the names it shows go by the version it read first; the next page sees a change."""
    settings.SEARCH_CACHE = False
    import_paths(
        [
            write_repairs(write_decision, "22 000 001", DAMP),
            write_repairs(write_decision, "22 000 002", "The Council lost a parking appeal form."),
        ]
    )

    def similar_and_version_reads() -> tuple[list[str], int]:
        with CaptureQueriesContext(connection) as page:
            shown = similar_shown(client, "22-000-001")
        return shown, version_reads(page)

    assert similar_and_version_reads() == (["22-000-002"], 1)
    import_paths([write_repairs(write_decision, "22 000 003", "Damp and mould in Mr X’s flat.")])
    assert similar_and_version_reads() == (["22-000-003", "22-000-002"], 1)


def test_a_list_names_a_decision_whose_council_is_newer_than_the_pages_copy(write_decision):
    """A list takes its decisions' councils, categories and outcomes from a copy of those
    tables as of the version the page read; a decision written after that read, with a
    council the copy has not got, is still listed with its own."""
    from decisions.models import Decision
    from decisions.search.engine import SearchQuery, listed_decisions, search
    from decisions.search.version import read_once

    import_paths([write_repairs(write_decision, "22 000 001", DAMP)])
    with read_once():
        assert search(SearchQuery(text="damp")).total == 1  # the copy is read at this version
        newer = write_decision(
            "new.txt", reference="22 000 009", organisation="Fernhallow Parish Council"
        )
        import_paths([newer])
        ids = list(Decision.objects.order_by("reference").values_list("id", flat=True))
        listed = listed_decisions(ids)
    assert [
        (d.reference, d.organisation.name, str(d.category), d.outcome.label) for d in listed
    ] == [
        ("22 000 001", "Wrenmoor District Council", "Housing > Repairs", "Upheld"),
        ("22 000 009", "Fernhallow Parish Council", "Housing > Homelessness", "Upheld"),
    ]
