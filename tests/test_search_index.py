"""The full-text index stays in step with the decision table on both databases, whoever writes."""

import pytest
from django.db import connection

from decisions.importing import import_paths
from decisions.models import Decision
from decisions.search import ensure_search_index, ids_matching_words
from decisions.search.version import archive_version, ensure_version_tracking

pytestmark = pytest.mark.django_db


def ids_containing(word: str) -> set[int]:
    """Decisions whose text holds the word, worked out from the table, not the index."""
    return {
        pk
        for pk, *texts in Decision.objects.values_list(
            "pk", "reference", "organisation_names", "summary", "body"
        )
        if any(word.lower() in text.lower() for text in texts)
    }


@pytest.fixture
def three_decisions(write_decision):
    folder = write_decision(
        "1.txt",
        reference="21 000 001",
        summary="A parking penalty dispute.",
        organisation="Wrenmoor District Council",
    ).parent
    write_decision(
        "2.txt",
        reference="21 000 002",
        summary="A homelessness review delay.",
        organisation="Oakhollow Borough Council",
    )
    write_decision(
        "3.txt",
        reference="21 000 003",
        summary="Another parking penalty.",
        organisation="Thistlebury City Council",
    )
    import_paths([folder])
    return {d.reference: d for d in Decision.objects.all()}


def test_index_finds_what_the_importer_wrote(three_decisions):
    assert ids_matching_words("parking") == ids_containing("parking")
    assert len(ids_matching_words("parking")) == 2
    assert ids_matching_words("Oakhollow") == {three_decisions["21 000 002"].pk}


def test_index_uses_english_stemming(three_decisions):
    # "penalties" and "delays" are not in the text; their stems are.
    assert ids_matching_words("penalties") == ids_containing("penalty")
    assert ids_matching_words("delays") == {three_decisions["21 000 002"].pk}


def test_index_follows_an_update_made_with_the_orm(three_decisions):
    decision = three_decisions["21 000 002"]
    decision.summary = "Now about a noisy neighbour."
    decision.save()
    assert ids_matching_words("homelessness") == ids_containing("homelessness")
    assert decision.pk not in ids_matching_words("homelessness")
    assert ids_matching_words("noisy") == {decision.pk}


def test_index_follows_a_bulk_update_and_a_raw_sql_update(three_decisions):
    Decision.objects.filter(reference="21 000 001").update(summary="Planning enforcement.")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE decisions_decision SET organisation_names = %s WHERE reference = %s",
            ["Brackenford Council", "21 000 003"],
        )
    assert ids_matching_words("parking") == ids_containing("parking")
    assert ids_matching_words("parking") == {three_decisions["21 000 003"].pk}
    assert ids_matching_words("enforcement") == {three_decisions["21 000 001"].pk}
    assert ids_matching_words("Brackenford") == {three_decisions["21 000 003"].pk}
    assert ids_matching_words("Thistlebury") == set()


def test_index_forgets_deleted_decisions(three_decisions):
    three_decisions["21 000 001"].delete()
    Decision.objects.filter(reference="21 000 003").delete()
    assert ids_matching_words("parking") == set()
    assert ids_matching_words("Oakhollow") == {three_decisions["21 000 002"].pk}


def test_index_matches_the_table_word_for_word_after_many_changes(three_decisions, write_decision):
    for number in range(4, 40):
        write_decision(
            f"{number}.txt",
            reference=f"21 000 {number:03d}",
            summary=f"Case {'parking' if number % 3 else 'adoption'} number {number}.",
        )
    import_paths([write_decision("1.txt", reference="21 000 001").parent])
    Decision.objects.filter(reference__endswith="7").delete()
    Decision.objects.filter(reference__endswith="5").update(summary="About adoption now.")
    for word in ("parking", "adoption", "homelessness", "Wrenmoor"):
        assert ids_matching_words(word) == ids_containing(word), word


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5's own check")
def test_sqlite_fts5_integrity_check_passes_after_changes(three_decisions):
    three_decisions["21 000 002"].delete()
    Decision.objects.filter(reference="21 000 001").update(body="Replaced body.")
    with connection.cursor() as cursor:
        # With rank 1, FTS5 compares the index with the content table and raises if they differ.
        cursor.execute(
            "INSERT INTO decisions_decision_fts(decisions_decision_fts, rank) "
            "VALUES ('integrity-check', 1)"
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_postgresql_uses_the_gin_index_for_matches(three_decisions):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM decisions_decision "
            "WHERE search_vector @@ plainto_tsquery('english', 'parking')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "decisions_decision_search_gin" in plan


# Rows where PostgreSQL's narrow words table is not the decision table's vectors: a decision
# missing from it, one it holds that is gone, or other words.
WORDS_DISAGREEMENTS = (
    "SELECT count(*) FROM decisions_decision d FULL JOIN decisions_decision_words w "
    "ON w.decision_id = d.id WHERE d.id IS NULL OR w.decision_id IS NULL "
    "OR w.search_vector <> d.search_vector"
)


def words_table_disagreements() -> int:
    with connection.cursor() as cursor:
        cursor.execute(WORDS_DISAGREEMENTS)
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's words table")
@pytest.mark.django_db(transaction=True)
def test_postgresql_words_table_follows_every_kind_of_write(three_decisions, write_decision):
    assert Decision.objects.count() == 3 and words_table_disagreements() == 0
    for number in range(4, 12):
        write_decision(f"{number}.txt", reference=f"21 000 {number:03d}", summary="Adoption.")
    import_paths([write_decision("1.txt", reference="21 000 001").parent])
    Decision.objects.filter(reference__endswith="7").delete()
    Decision.objects.filter(reference__endswith="5").update(summary="About planning now.")
    Decision.objects.filter(reference__endswith="6").update(is_fictional=True)  # no new words
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE decisions_decision SET id = id + 1000, organisation_names = 'Brackenford' "
            "WHERE reference = '21 000 004'"
        )
        cursor.execute(
            "UPDATE decisions_decision SET id = id + 2000 WHERE reference = '21 000 008'"
        )
        assert words_table_disagreements() == 0
        cursor.execute("TRUNCATE decisions_decision CASCADE")
        cursor.execute("SELECT count(*) FROM decisions_decision_words")
        assert cursor.fetchone()[0] == 0
    import_paths([write_decision("1.txt", reference="21 000 001").parent])
    assert Decision.objects.count() == 11 and words_table_disagreements() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's words table")
def test_postgresql_finds_words_from_the_words_table_and_phrases_from_the_decisions(
    three_decisions,
):
    """Words alone are found through the narrow table's GIN index, which never reads a
    decision's page; a phrase is checked against the decision table's own vectors, in its
    rows (the words table's are in TOAST). Both give the same matches for any query."""
    from django.test.utils import CaptureQueriesContext

    from decisions.search import postgresql
    from decisions.search.query import parse_query

    Decision.objects.filter(reference="21 000 002").update(
        body="Self-funding care at Café Nine cost £4,516.87 in 2021; the 24A(6) review. "
        "Batch 5e3x, hash 037e668b."
    )
    queries = {
        "parking": True,
        "parking penalty -homelessness": True,
        "parking OR delay": True,
        "café 2021": True,
        "self-funding": False,
        '"parking penalty"': False,
        "24A(6)": False,
        "4,516.87": False,
        "5e3x": False,  # PostgreSQL reads the number 5e3, then "x": a phrase
        "parking -037e668b": False,
        'penalty -"homelessness review"': False,
    }
    for text, from_words in queries.items():
        parsed = parse_query(text)
        with CaptureQueriesContext(connection) as captured, postgresql.search_session(connection):
            found = postgresql.matching_ids(connection, parsed, None)
        [statement] = [q["sql"] for q in captured.captured_queries if "@@" in q["sql"]]
        assert ("decisions_decision_words" in statement) is from_words, text
        in_table = Decision.objects.filter(postgresql.text_condition(parsed))
        assert sorted(found) == sorted(in_table.values_list("id", flat=True)), text
        assert found, text  # each query finds something, so the comparison says something
        among = Decision.objects.filter(reference="21 000 003")
        assert set(postgresql.matching_ids(connection, parsed, among)) == set(
            in_table.filter(reference="21 000 003").values_list("id", flat=True)
        ), text
    found = plan_of(lambda: postgresql.matching_ids(connection, parse_query("parking"), None))
    assert "decisions_decision_words_gin" in found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TOAST")
def test_postgresql_keeps_the_vectors_in_the_table_not_in_toast(three_decisions):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute "
            "WHERE attrelid = 'decisions_decision'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone()[0] == "m"  # main: inline, compressed if it helps


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's visibility map")
@pytest.mark.django_db(transaction=True)
def test_an_import_vacuums_the_table_on_postgresql(write_decision):
    # Index-only scans, which the facet counts rely on, need the new rows' pages marked
    # all-visible, which only VACUUM does.
    # The words table's too: VACUUM moves the rows waiting in its GIN index's pending list,
    # which every search would read one entry at a time, into the index proper.
    def vacuums() -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname IN "
                "('decisions_decision', 'decisions_decision_words') ORDER BY relname"
            )
            return [row[0] for row in cursor.fetchall()]

    before = vacuums()
    import_paths([write_decision()])
    assert vacuums() == [count + 1 for count in before] and len(before) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's words table")
@pytest.mark.django_db(transaction=True)
def test_unapplying_the_words_table_migration_is_not_undone(three_decisions):
    from django.core.management import call_command

    def words_table_exists() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('decisions_decision_words') IS NOT NULL")
            return cursor.fetchone()[0]

    try:
        call_command("migrate", "decisions", "0024", verbosity=0)
        assert not words_table_exists()
        Decision.objects.filter(reference="21 000 001").update(summary="Still writable.")
    finally:
        call_command("migrate", "decisions", verbosity=0)
    assert words_table_exists() and words_table_disagreements() == 0


@pytest.mark.django_db(transaction=True)
def test_a_schema_change_that_drops_the_index_machinery_is_repaired(three_decisions):
    from decisions.search import drop_search_index

    drop_search_index(connection)
    assert ensure_search_index(connection) is True
    assert ids_matching_words("parking") == ids_containing("parking")
    assert ensure_search_index(connection) is False


def alter_organisation_names(max_length: int) -> None:
    """Run the schema change a migration widening Decision.organisation_names would run."""
    old = Decision._meta.get_field("organisation_names")
    new = old.clone()
    new.max_length = max_length
    new.set_attributes_from_name(old.name)
    new.model = Decision
    with connection.schema_editor() as editor:
        editor.alter_field(Decision, old, new)


@pytest.mark.django_db(transaction=True)
def test_index_survives_a_migration_that_alters_a_column_it_reads(three_decisions):
    from django.apps import apps

    from decisions.apps import restore_search_index

    try:
        alter_organisation_names(600)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM sqlite_master "
                    "WHERE type = 'trigger' AND tbl_name = 'decisions_decision'"
                )
                assert cursor.fetchone()[0] == 0  # the table rebuild dropped them
        # What `migrate` does after every run (post_migrate), which puts them back.
        restore_search_index(sender=apps.get_app_config("decisions"), using="default")
        changed = three_decisions["21 000 002"]
        Decision.objects.filter(pk=changed.pk).update(organisation_names="Quernhythe Council")
        assert ids_matching_words("Quernhythe") == {changed.pk}
        assert ids_matching_words("Oakhollow") == set()
        assert ids_matching_words("parking") == ids_containing("parking")
        assert ensure_search_index(connection) is False
        assert ensure_version_tracking(connection) is False  # its triggers are back too
    finally:
        alter_organisation_names(Decision._meta.get_field("organisation_names").max_length)
        ensure_search_index(connection)
        ensure_version_tracking(connection)


def test_counting_the_fictional_examples_reads_their_index_not_the_table(three_decisions):
    """The home page's count of fictional decisions (a whole-table scan without it: 61 ms at
    100,000 decisions on PostgreSQL, against 10 ms). SQLite's planner passed over the partial
    index for a table scan at 100,000 (150 ms), so decision_by_remedy covers the flag too."""
    from decisions.models import Decision

    # As the home page counts them.
    plan = plan_of(lambda: Decision.objects.filter(is_fictional=True).count())
    assert "decision_fictional" in plan or "decision_by_remedy" in plan


def test_the_profiles_find_unread_payments_in_their_index_not_the_table(three_decisions):
    """The profiles count the payments whose amount was not read (statistics._unread_payments):
    a scan of every remedy took 670 ms at 1,000,000 decisions on SQLite; the partial
    index remedy_payment_unread holds only those, 10 ms."""
    from decisions.statistics import _unread_payments

    assert "remedy_payment_unread" in plan_of(_unread_payments)


def plan_of(run) -> str:
    """The database's plan for the one statement run() makes, as a large table would get it
    (PostgreSQL prices sequential scans out, as its planner does past a few pages)."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run()
    [statement] = [query["sql"] for query in captured.captured_queries]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
        explain = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN"
        cursor.execute(f"{explain} {statement}")
        return "\n".join(str(row) for row in cursor.fetchall())


def test_postgresql_never_jit_compiles_what_a_search_reads(three_decisions):
    """Inside a search sequential scans are priced out, so reading the one-row version table
    is costed above jit_above_cost; compiling it took 15 ms. The connections turn JIT off."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's JIT")
    from decisions.search import postgresql

    with postgresql.search_session(connection), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE) SELECT token FROM decisions_archive_version")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan" in plan  # costed as priced out...
    assert "JIT" not in plan  # ...and not compiled


def test_postgresql_plans_no_parallel_workers_for_a_page(three_decisions):
    """Workers cost a page more than they save when many requests share the cores: the
    connections plan none, even where parallel plans are priced as free."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's parallel query")
    with connection.cursor() as cursor:
        for free in ("parallel_setup_cost", "parallel_tuple_cost", "min_parallel_table_scan_size"):
            cursor.execute(f"SET {free} = 0")
        cursor.execute("SET enable_indexscan = off")
        cursor.execute("EXPLAIN SELECT count(*) FROM decisions_decision WHERE summary LIKE '%%x%%'")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        for free in ("parallel_setup_cost", "parallel_tuple_cost", "min_parallel_table_scan_size"):
            cursor.execute(f"RESET {free}")
        cursor.execute("RESET enable_indexscan")
    assert "Seq Scan" in plan and "Gather" not in plan


def test_any_write_to_what_searches_read_gives_the_archive_a_new_version(three_decisions):
    """The version keys kept search answers (engine.search), so every way of writing must
    change it: the ORM, bulk updates, raw SQL, on each table a search reads."""
    from decisions.models import Category, Legislation, Organisation, Outcome, Provision, Remedy

    def changes(write) -> bool:
        before = archive_version(connection)
        write()
        return archive_version(connection) != before

    decision = Decision.objects.first()
    assert changes(lambda: Decision.objects.filter(pk=decision.pk).update(summary="New."))
    assert changes(lambda: Organisation.objects.update(name=models_upper("name")))
    assert changes(lambda: Category.objects.create(name="Trees", slug="trees-new"))
    assert changes(lambda: Outcome.objects.update(group="other"))
    # What was read from the text: a remedy alone, or a citation alone, changes the pages.
    assert changes(lambda: Remedy.objects.create(decision=decision, kind="apology"))
    assert changes(lambda: Remedy.objects.filter(decision=decision).update(kind="other"))
    act = Legislation.objects.create(name="Care Act 2014", slug="care-act-2014")
    provision = Provision.objects.create(legislation=act, section="9", label="s9", slug="s9")
    assert changes(lambda: decision.citations.add(provision))
    assert changes(lambda: decision.citations.remove(provision))
    assert changes(lambda: Provision.objects.filter(pk=provision.pk).update(label="Section 9"))
    assert changes(lambda: Remedy.objects.filter(decision=decision).delete())
    with connection.cursor() as cursor:
        assert changes(lambda: cursor.execute("DELETE FROM decisions_decision WHERE id = %s",
                                              [decision.pk]))  # fmt: skip
    assert not changes(lambda: list(Decision.objects.all()))  # reading changes nothing


def models_upper(field: str):
    from django.db.models.functions import Upper

    return Upper(field)
