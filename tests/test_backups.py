"""A backup restored into a fresh database answers the same searches (both databases)."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from decisions.importing import import_paths
from tests.factories import SAMPLE_DIR
from tests.processes import run_python
from tests.test_search_index import WORDS_DISAGREEMENTS

pytestmark = pytest.mark.django_db(transaction=True)  # the backup sees committed data only

# Run in a fresh process against the restored database: each search's total, first page and
# organisation counts.
SEARCHES = """
import json, django
django.setup()
from decisions.search.engine import SearchQuery, search
answers = {}
for text in ["", "council", "homelessness", '"took too long"', "-homelessness"]:
    result = search(SearchQuery(text=text))
    answers[text] = [result.total, [h.decision.reference for h in result.hits],
                     sorted((v.value, v.count) for v in result.facets["organisation"])]
print(json.dumps(answers))
"""


def searches_here() -> dict:
    from decisions.search.engine import SearchQuery, search

    answers = {}
    for text in ["", "council", "homelessness", '"took too long"', "-homelessness"]:
        result = search(SearchQuery(text=text))
        answers[text] = [
            result.total,
            [h.decision.reference for h in result.hits],
            sorted([v.value, v.count] for v in result.facets["organisation"]),
        ]
    return answers


def in_fresh_process(code_or_args, database_url: str) -> str:
    args = ["-c", code_or_args] if isinstance(code_or_args, str) else code_or_args
    result = run_python(*args, SECRET_KEY="k", DEBUG="0", DATABASE_URL=database_url)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_a_restored_backup_answers_the_same_searches(write_decision, tmp_path, fresh_database):
    for number in range(5):
        path = write_decision(f"{number}.txt", reference=f"21 000 00{number}")
    import_paths([path.parent, SAMPLE_DIR])
    expected = searches_here()
    assert expected["council"][0] == 6  # the archive is not empty

    backup = tmp_path / "archive.backup"
    call_command("backup_archive", str(backup))
    assert backup.stat().st_size > 0

    in_fresh_process(["manage.py", "restore_archive", str(backup)], fresh_database)
    restored = json.loads(in_fresh_process(SEARCHES, fresh_database))
    assert restored == json.loads(json.dumps(expected))


def test_a_backup_never_overwrites_a_file_and_a_bad_file_is_refused(tmp_path):
    existing = tmp_path / "taken"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup_archive", str(existing))
    assert existing.read_text() == "keep me"
    with pytest.raises(CommandError, match="no such backup file"):
        call_command("restore_archive", str(tmp_path / "missing"))


WORDS_STATE = f"""
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'decisions_decision_words%%'")
    triggers = cursor.fetchone()[0]
    cursor.execute({WORDS_DISAGREEMENTS!r})
    print(triggers, cursor.fetchone()[0])
"""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's words table")
def test_a_backup_made_before_the_words_table_is_restored_with_it_in_step(
    write_decision, tmp_path, fresh_database
):
    """pg_restore --clean drops only what the backup holds: restoring one made before
    migration 0025 left the words table as it was, stale, its triggers gone with the decision
    table. The restore brings the schema up to date, which builds the table afresh."""
    from decisions.search import postgresql

    for number in range(3):
        path = write_decision(f"{number}.txt", reference=f"21 000 00{number}")
    import_paths([path.parent])
    backup = tmp_path / "before-0025.backup"
    postgresql.drop_words(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE name = '0025_search_words_table'")
    try:
        call_command("backup_archive", str(backup))
    finally:
        postgresql.create_words(connection)
        call_command("migrate", "decisions", verbosity=0)  # records 0025 again

    in_fresh_process(["manage.py", "migrate", "-v0"], fresh_database)
    in_fresh_process(  # a row for a decision the backup does not hold
        "import django; django.setup(); from django.db import connection; "
        "connection.cursor().execute('INSERT INTO decisions_decision_words VALUES (999, NULL)')",
        fresh_database,
    )
    in_fresh_process(["manage.py", "restore_archive", str(backup)], fresh_database)
    assert in_fresh_process(WORDS_STATE, fresh_database).split() == ["2", "0"]
    restored = json.loads(in_fresh_process(SEARCHES, fresh_database))
    assert restored["council"][0] == 3
