"""The ranking index (decisions/search/ranking.py): kept in step with whatever writes the
decisions, and stepping aside for the database where it cannot be."""

import shutil
from contextlib import contextmanager
from io import StringIO

import numpy as np
import pytest
import tantivy
from django.core.management import CommandError, call_command
from django.db import transaction

from decisions.importing import import_paths
from decisions.models import Decision
from decisions.search import ranking, read_connection
from decisions.search.engine import SearchQuery, search
from decisions.search.query import parse_query
from decisions.search.ranking import ranker
from decisions.search.version import archive_version
from tests.factories import SEARCH_COUNCILS

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(write_decision, settings):
    """Four decisions saying "numbat" once, twice, three and four times in their text."""
    settings.SEARCH_CACHE = False
    folder = None
    for number in range(4):
        folder = write_decision(
            f"{number}.txt",
            reference=f"21 300 00{number}",
            organisation=SEARCH_COUNCILS[number % 2],
            summary="A complaint about an animal.",
            sections={"What I found": ["The numbat was seen." + " Numbat." * number]},
        ).parent
    import_paths([folder])


def references(text: str) -> list[str]:
    return [hit.decision.reference for hit in search(SearchQuery(text=text)).hits]


def set_body(reference: str, body: str) -> None:
    """Change a decision's words behind Django's back: only the database's triggers see it."""
    with read_connection().cursor() as cursor:
        cursor.execute(
            "UPDATE decisions_decision SET body = %s WHERE reference = %s", [body, reference]
        )


def in_step() -> bool:
    connection = read_connection()
    found = ranker(connection)
    return found is not None and found.opened.version == archive_version(connection)


def last_logged() -> int:
    with read_connection().cursor() as cursor:
        cursor.execute(f"SELECT max(seq) FROM {ranking.CHANGES}")
        return cursor.fetchone()[0]


def indexed_ids() -> set[int]:
    """The decisions the index holds."""
    searcher = ranker(read_connection()).opened.searcher
    hits = searcher.search(tantivy.Query.all_query(), 1000).hits
    return set(searcher.fast_field_values("id", [address for _, address in hits]))


def test_an_import_leaves_the_index_in_step_and_searches_rank_by_it(archive):
    assert in_step()
    assert references("numbat") == ["21 300 003", "21 300 002", "21 300 001", "21 300 000"]


def test_words_changed_by_anyone_are_ranked_as_they_are_now(archive):
    set_body("21 300 000", "Numbat. " * 20)
    assert references("numbat")[0] == "21 300 000"
    assert in_step()


def test_a_deleted_decision_leaves_the_index(archive):
    Decision.objects.filter(reference="21 300 003").delete()
    assert references("numbat") == ["21 300 002", "21 300 001", "21 300 000"]
    assert ranker(read_connection()).opened.searcher.num_docs == 3


def test_changes_rolled_back_are_undone_in_the_index(archive):
    with pytest.raises(RuntimeError), transaction.atomic():
        set_body("21 300 000", "Numbat. " * 20)
        assert references("numbat")[0] == "21 300 000"  # applied inside the transaction
        raise RuntimeError("rolled back")
    assert references("numbat") == ["21 300 003", "21 300 002", "21 300 001", "21 300 000"]
    assert in_step()


def test_a_missing_index_is_built_again(archive, monkeypatch):
    monkeypatch.setattr(ranking, "READ_CHUNK", 3)  # read in two chunks
    shutil.rmtree(ranking.index_folder(read_connection()))
    ranking._opened.clear()
    assert references("numbat")[0] == "21 300 003"
    assert in_step()
    assert len(indexed_ids()) == 4


def test_an_index_too_far_behind_lets_the_database_rank_the_same_matches(archive, monkeypatch):
    monkeypatch.setattr(ranking, "CATCH_UP_AT_MOST", 0)
    set_body("21 300 001", "Numbat. " * 20)
    assert ranker(read_connection()) is None
    result = search(SearchQuery(text="numbat"))
    assert result.total == 4
    assert result.hits[0].decision.reference == "21 300 001"  # the database's own ranking
    monkeypatch.setattr(ranking, "CATCH_UP_AT_MOST", 2_000)
    assert ranker(read_connection()) is None  # not asked again under the same version...
    with read_connection().cursor() as cursor:  # ...but after the next change to the archive
        cursor.execute("UPDATE decisions_decision SET decision_maker = 'A fictional investigator'")
    assert references("numbat")[0] == "21 300 001"
    assert in_step()


@contextmanager
def tantivys_writer_lock(folder):
    writer = tantivy.Index.open(str(folder)).writer(15_000_000, 1)
    try:
        yield
    finally:
        writer.rollback()


@pytest.mark.parametrize("held", ["the index's lock file", "Tantivy's writer lock"])
def test_while_another_process_writes_the_index_the_database_ranks(archive, held):
    folder = ranking.index_folder(read_connection())
    set_body("21 300 001", "Numbat. " * 20)
    lock = tantivys_writer_lock
    if held == "the index's lock file":
        lock = lambda folder: ranking._writing(folder, wait=False)  # noqa: E731
    with lock(folder):  # as another process writing it would hold it
        assert ranker(read_connection()) is None
        assert references("numbat")[0] == "21 300 001"  # ranked by the database
    assert in_step()


def test_an_index_of_another_layout_is_built_afresh(archive, monkeypatch):
    monkeypatch.setattr(ranking, "LAYOUT", ranking.LAYOUT + 1)
    ranking._opened.clear()
    assert references("numbat")[0] == "21 300 003"
    assert in_step()


def test_a_rebuilt_table_gets_the_change_log_back(archive):
    connection = read_connection()
    with connection.cursor() as cursor:
        trigger = f"{ranking.CHANGES}_update"
        on = "" if connection.vendor == "sqlite" else f" ON {ranking.TABLE}"
        cursor.execute(f"DROP TRIGGER {trigger}{on}")
    assert ranking.ensure_change_log(connection) is True
    assert ranking.ensure_change_log(connection) is False
    set_body("21 300 000", "Numbat. " * 20)
    assert references("numbat")[0] == "21 300 000"


def test_only_a_change_to_a_decisions_words_is_logged(archive):
    before = last_logged()
    with read_connection().cursor() as cursor:
        cursor.execute("UPDATE decisions_decision SET decision_maker = 'A fictional investigator'")
    assert last_logged() == before
    set_body("21 300 000", "Numbat.")
    assert last_logged() > before


def test_a_decision_given_another_id_is_indexed_under_it_alone(archive):
    decision = Decision.objects.get(reference="21 300 003")
    with read_connection().cursor() as cursor:
        cursor.execute("UPDATE decisions_decision SET id = 9999 WHERE id = %s", [decision.pk])
    assert 9999 in indexed_ids() and decision.pk not in indexed_ids()


# Each way Ranker._chosen finds the listed decisions' best, as module settings that force it.
WAYS = {
    "walking": {"WALK_US_PER_HIT": 0},
    "scoring the listed as ids": {"WALK_US_PER_HIT": 10**9, "ID_TERMS_AT_MOST": 10**9},
    "scoring the listed as a set": {"WALK_US_PER_HIT": 10**9, "ID_TERMS_AT_MOST": 0},
}


def test_listed_decisions_the_index_has_not_got_come_last_on_every_path(archive, monkeypatch):
    found = ranker(read_connection())
    listed = np.sort(np.array([*indexed_ids(), 777_777], dtype=np.int64))
    parsed = parse_query("numbat")
    pages = []
    for way in WAYS.values():
        for name, value in way.items():
            monkeypatch.setattr(ranking, name, value)
        pages.append(found.page(parsed, listed, 0, 20))
        assert pages[-1][-1] == 777_777 and sorted(pages[-1]) == listed.tolist()
    assert pages[0] == pages[1] == pages[2]


def test_a_walk_that_comes_up_short_scores_the_listed_once_walking_on_would_cost_more(
    archive, monkeypatch
):
    """Walking the best hits finds too few listed decisions when they score lower than most:
    it walks on only while that is expected to cost less than scoring the listed alone, and
    scores them once it would not; the page is the same as either way gives alone."""
    by_reference = dict(Decision.objects.values_list("reference", "id"))
    weakest = np.array(sorted([by_reference["21 300 000"], by_reference["21 300 001"]]))
    found, parsed = ranker(read_connection()), parse_query("numbat")
    walked = []  # (hits asked for, whether picked out from every hit) of each walk
    top = ranking.Ranker._top
    monkeypatch.setattr(
        ranking.Ranker,
        "_top",
        lambda self, query, wanted, listed=None: (
            walked.append((wanted, listed is not None)) or top(self, query, wanted, listed)
        ),
    )
    # A walk of one hit costs less than scoring the two, one of two hits would not.
    monkeypatch.setattr(ranking, "WALK_MARGIN", 0)
    monkeypatch.setattr(ranking, "WALK_AT_LEAST", 1)
    monkeypatch.setattr(ranking, "WALK_US_PER_HIT", ranking._scoring_us(2) * 0.75)
    page = found.page(parsed, weakest, 0, 1)
    assert page == [by_reference["21 300 001"]]
    assert walked == [(1, True), (2, False)]  # one hit walked (21 300 003), then the two scored
    for way in WAYS.values():
        for name, value in way.items():
            monkeypatch.setattr(ranking, name, value)
        assert found.page(parsed, weakest, 0, 1) == page


def test_a_truncated_table_empties_the_index(archive):
    if read_connection().vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    assert len(indexed_ids()) == 4
    with read_connection().cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the import's checks, due at commit
        cursor.execute("TRUNCATE decisions_decision CASCADE")
    assert indexed_ids() == set()


def test_a_change_numbered_before_one_already_applied_is_still_applied(archive):
    """On PostgreSQL a log row is numbered when written and seen when committed, so a row
    numbered before the last one applied may turn up later: rows are read again by their
    transactions, not their numbers. Made here by hand: a decision's words changed with its
    trigger off, and its row written with a number below every other."""
    if read_connection().vendor != "postgresql":
        pytest.skip("SQLite numbers its rows in the order it commits them")
    assert in_step()
    decision = Decision.objects.get(reference="21 300 000")
    with read_connection().cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the import's checks, due at commit
        cursor.execute(f"ALTER TABLE {ranking.TABLE} DISABLE TRIGGER {ranking.CHANGES}_update")
        set_body("21 300 000", "Numbat. " * 20)
        cursor.execute(f"ALTER TABLE {ranking.TABLE} ENABLE TRIGGER {ranking.CHANGES}_update")
        cursor.execute(
            f"INSERT INTO {ranking.CHANGES} (seq, decision_id, token) OVERRIDING SYSTEM VALUE "
            "VALUES (-1, %s, 'late')",
            [decision.pk],
        )
    assert references("numbat")[0] == "21 300 000"


def test_a_database_without_the_change_log_ranks_by_itself(archive):
    ranking.drop_change_log(read_connection())  # as before its migration
    ranking._opened.clear()
    set_body("21 300 001", "Numbat. " * 20)
    assert ranker(read_connection()) is None
    assert references("numbat")[0] == "21 300 001"


def test_a_folder_it_cannot_write_lets_the_database_rank_and_an_import_finish(
    archive, settings, write_decision, tmp_path
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the index's folder would go")
    settings.SEARCH_RANKING_DIR = str(blocked)
    ranking._opened.clear()
    set_body("21 300 001", "Numbat. " * 20)
    assert ranker(read_connection()) is None
    assert references("numbat")[0] == "21 300 001"  # ranked by the database
    path = write_decision("late.txt", reference="21 300 009", summary="A late numbat.")
    report = import_paths([path])
    assert report.imported == 1


def test_an_answer_the_database_ranked_while_the_index_caught_up_is_not_kept(
    archive, settings, monkeypatch
):
    """Kept answers (SEARCH_CACHE) are kept for the archive's version; one ranked by the
    database, because the index was not yet in step, is not, or the next page, ranked by the
    index, would follow another order."""
    settings.SEARCH_CACHE = True
    monkeypatch.setattr(ranking, "CATCH_UP_AT_MOST", 0)
    set_body("21 300 001", "Numbat. " * 20)
    numbat = SearchQuery(text="numbat")
    assert search(numbat).ranked_by == "database"
    monkeypatch.setattr(ranking, "CATCH_UP_AT_MOST", 2_000)
    ranking._too_far.clear()  # as in a process that has not yet found it too far behind
    assert search(numbat).ranked_by == "index"
    assert search(SearchQuery(text="numbat", sort="newest")).ranked_by == ""


def test_rank_decisions_builds_a_missing_index(archive, settings):
    shutil.rmtree(ranking.index_folder(read_connection()))
    ranking._opened.clear()
    out = StringIO()
    call_command("rank_decisions", stdout=out)
    assert "is in step" in out.getvalue()
    assert len(indexed_ids()) == 4
    settings.SEARCH_RANKING_DIR = ""
    with pytest.raises(CommandError, match="the database ranks every search"):
        call_command("rank_decisions")
