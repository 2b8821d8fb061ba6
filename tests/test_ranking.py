"""The ranking index (decisions/search/ranking.py): kept in step with whatever writes the
decisions, and stepping aside for the database where it cannot be."""

import shutil
from contextlib import contextmanager

import pytest
import tantivy
from django.db import transaction

from decisions.importing import import_paths
from decisions.models import Decision
from decisions.search import ranking, read_connection
from decisions.search.engine import SearchQuery, search
from decisions.search.ranking import ranker
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
    return found is not None and found.opened.applied == ranking._latest_change(connection)


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


def test_a_missing_index_is_built_again(archive, settings):
    shutil.rmtree(ranking.index_folder(read_connection()))
    ranking._opened.clear()
    assert references("numbat")[0] == "21 300 003"
    assert in_step()


def test_an_index_too_far_behind_lets_the_database_rank_the_same_matches(archive, monkeypatch):
    monkeypatch.setattr(ranking, "CATCH_UP_AT_MOST", 0)
    set_body("21 300 001", "Numbat. " * 20)
    assert ranker(read_connection()) is None
    result = search(SearchQuery(text="numbat"))
    assert result.total == 4
    assert result.hits[0].decision.reference == "21 300 001"  # the database's own ranking
    monkeypatch.setattr(ranking, "CATCH_UP_AT_MOST", 2_000)
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
    lock = ranking._writing if held == "the index's lock file" else tantivys_writer_lock
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
    connection = read_connection()
    before = ranking._latest_change(connection)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE decisions_decision SET decision_maker = 'A fictional investigator'")
    assert ranking._latest_change(connection) == before
    set_body("21 300 000", "Numbat.")
    assert ranking._latest_change(connection)[0] > before[0]


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
