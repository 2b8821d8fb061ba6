"""The search module and the search page, on whichever database the run uses."""

import html
import random
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

import pytest
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisions.importing import import_paths
from decisions.models import (
    Category,
    Decision,
    Legislation,
    Organisation,
    Outcome,
    OutcomeGroup,
    Provision,
)
from decisions.search import backend_for, postgresql, ranking, read_connection, sqlite
from decisions.search.columns import facet_columns
from decisions.search.engine import PER_PAGE, SearchQuery, matching_decisions, search
from decisions.search.facets import Selection
from decisions.search.query import LONE_AND, MAX_QUERY_LENGTH, NOTHING_TO_SEARCH, Term, parse_query
from decisions.search.ranking import ranker
from decisions.search.similar import SIMILAR, distinctive_words, similar_decisions
from decisions.statistics import legislation_index
from tests.factories import FICTIONAL, SEARCH_COUNCILS

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Spec:
    reference: str
    organisation: str
    category: str
    outcome: str
    decision_date: str | None
    summary: str

    @property
    def slug(self):
        return self.reference.replace(" ", "-")

    @property
    def year(self):
        return int(self.decision_date.split()[-1]) if self.decision_date else None


W, O, B = "Wrenmoor District Council", "Oakhollow Borough Council", "Bramblewood Care Ltd"  # noqa: E741
SPECS = [
    Spec(
        "21 000 001",
        W,
        "Housing > Homelessness",
        "Upheld",
        "5 Mar 2021",
        "The Council delayed its homelessness review.",
    ),
    Spec(
        "21 000 002",
        W,
        "Housing > Allocations",
        "Not upheld",
        "6 Apr 2021",
        "No fault in how the Council dealt with temporary accommodation.",
    ),
    Spec(
        "20 000 003",
        W,
        "Education > School transport",
        "Closed after initial enquiries",
        "7 May 2020",
        "We will not investigate the school bus complaint.",
    ),
    Spec(
        "20 000 004",
        O,
        "Housing > Homelessness",
        "Upheld: maladministration and injustice",
        "8 Jun 2020",
        "The Council left Mrs D in accommodation that was temporary for too long.",
    ),
    Spec(
        "19 000 005",
        O,
        "Trees",
        "Not upheld",
        "9 Jul 2019",
        "The Council properly considered the tree preservation order.",
    ),
    Spec(
        "19 000 006",
        O,
        "Housing > Allocations",
        "Upheld",
        "10 Aug 2019",
        "The Council complained of noise but the parking penalty stood.",
    ),
    Spec(
        "22 000 007",
        B,
        "Adult care services > Charging",
        "Upheld",
        "11 Sep 2022",
        "The care provider overcharged for respite care.",
    ),
    Spec(
        "22 000 008",
        B,
        "Adult care services > Charging",
        "Closed after initial enquiries",
        None,
        "Noise from a neighbouring home is not for us.",
    ),
]


@pytest.fixture
def archive(write_decision):
    folder = None
    for spec in SPECS:
        path = write_decision(
            f"{spec.slug}.txt",
            reference=spec.reference,
            organisation=spec.organisation,
            category=spec.category,
            outcome=spec.outcome,
            decision_date=spec.decision_date,
            summary=spec.summary,
            sections={"What I found": [f"Paragraph about case {spec.reference}."]},
        )
        folder = path.parent
    report = import_paths([folder])
    assert report.imported == len(SPECS)
    return SPECS


def references(result):
    return [hit.decision.reference for hit in result.hits]


def found(text="", **selection):
    return set(references(search(SearchQuery(text=text, selection=Selection(**selection)))))


# --- facets --------------------------------------------------------------------------------

GROUPS = {
    "Upheld": "upheld",
    "Upheld: maladministration and injustice": "upheld",
    "Not upheld": "not_upheld",
    "Closed after initial enquiries": "closed",
}
ORGANISATION_SLUGS = {
    W: "wrenmoor-district-council",
    O: "oakhollow-borough-council",
    B: "bramblewood-care-ltd",
}


def keeps(spec, facet, values):
    """Whether a spec passes one facet's selection, worked out from the specs alone."""
    if not values:
        return True
    if facet == "organisation":
        return ORGANISATION_SLUGS[spec.organisation] in values
    if facet == "outcome":
        return GROUPS[spec.outcome] in values
    if facet == "year":
        return spec.year in values
    parent = spec.category.split(" > ")[0]
    return any(value in (parent.lower().replace(" ", "-"),) for value in values)


def expected_counts(selection: dict, facet: str) -> Counter:
    others = [
        spec for spec in SPECS if all(keeps(spec, f, v) for f, v in selection.items() if f != facet)
    ]
    key = {
        "organisation": lambda s: ORGANISATION_SLUGS[s.organisation],
        "outcome": lambda s: GROUPS[s.outcome],
        "year": lambda s: str(s.year) if s.year else None,
    }[facet]
    return Counter(key(spec) for spec in others if key(spec) is not None)


@pytest.mark.parametrize(
    "selection",
    [
        {},
        {"outcome": ("upheld",)},
        {"outcome": ("upheld",), "organisation": ("oakhollow-borough-council",)},
        {"year": (2019, 2021), "outcome": ("not_upheld", "closed")},
        {"category": ("housing",), "year": (2020,)},
    ],
)
def test_each_facet_counts_with_the_other_facets_applied_but_not_its_own(archive, selection):
    result = search(SearchQuery(selection=Selection(**selection)))
    expected_total = sum(all(keeps(spec, f, v) for f, v in selection.items()) for spec in SPECS)
    assert result.total == expected_total
    for facet in ("organisation", "outcome", "year"):
        counts = {v.value: v.count for v in result.facets[facet] if v.parent is None}
        expected = expected_counts(selection, facet)
        assert {k: n for k, n in counts.items() if n} == dict(expected), facet
        chosen = {v.value for v in result.facets[facet] if v.selected and v.parent is None}
        assert chosen == {str(value) for value in selection.get(facet, ())}


def test_choosing_a_parent_category_selects_its_subcategories(archive):
    result = search(SearchQuery(selection=Selection(category=("housing",))))
    assert set(references(result)) == {"21 000 001", "21 000 002", "20 000 004", "19 000 006"}
    housing = [v for v in result.facets["category"] if v.value == "housing"][0]
    children = [v for v in result.facets["category"] if v.parent == "housing"]
    assert housing.count == 4 and housing.selected
    assert {(c.label, c.count) for c in children} == {("Homelessness", 2), ("Allocations", 2)}
    # Included through their parent, not chosen themselves: unticking the parent removes them.
    assert all(child.included and not child.selected for child in children)
    only = found(category=("housing-homelessness",))
    assert only == {"21 000 001", "20 000 004"}


def test_outcome_groups_gather_old_and_new_wordings(archive):
    assert found(outcome=("upheld",)) == {"21 000 001", "20 000 004", "19 000 006", "22 000 007"}
    upheld = [v for v in search(SearchQuery()).facets["outcome"] if v.parent == "upheld"]
    assert {(v.label, v.count) for v in upheld} == {
        ("Upheld", 3),
        ("Upheld: maladministration and injustice", 1),
    }


def test_a_date_range_and_years(archive):
    assert found(date_from=date(2021, 1, 1)) == {"21 000 001", "21 000 002", "22 000 007"}
    assert found(date_from=date(2020, 1, 1), date_to=date(2020, 12, 31)) == {
        "20 000 003",
        "20 000 004",
    }
    assert found(year=(2019, 2022)) == {"19 000 005", "19 000 006", "22 000 007"}


# --- the query language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("homelessness", {"21 000 001"}),
        ("council temporary", {"21 000 002", "20 000 004"}),  # every word, anywhere
        ("complaints", {"20 000 003"}),  # stemmed: finds "complaint"
        ('"temporary accommodation"', {"21 000 002"}),  # in that order only
        ("“temporary accommodation”", {"21 000 002"}),  # a phone's curly quotes too
        ("„temporary accommodation“", {"21 000 002"}),
        ("parking OR respite", {"19 000 006", "22 000 007"}),
        ("noise -parking", {"22 000 008"}),
        ("noise NOT parking", {"22 000 008"}),
        ("-council", {"22 000 007", "22 000 008"}),
        ("Oakhollow tree", {"19 000 005"}),  # the organisation's name is searched too
        ("21 000 002", {"21 000 002"}),  # the reference too (when it is not a jump)
        ("ｃｏｕｎｃｉｌ ｔｅｍｐｏｒａｒｙ", {"21 000 002", "20 000 004"}),  # typed full-width
        ("ＨＯＭＥＬＥＳＳＮＥＳＳ", {"21 000 001"}),
    ],
)
def test_query_language(archive, text, expected):
    assert found(text) == expected


def test_a_letter_typed_with_a_separate_accent_is_searched_as_the_letter_it_shows():
    assert parse_query("cafe\u0301 ｃａｆé") == parse_query("café café")


def test_every_kind_of_quotation_mark_still_makes_a_phrase_once_letters_are_normalised():
    # NFKC makes a double prime two primes: it was no quotation mark by the time they were read.
    for typed in ("″noise nuisance″", "“noise nuisance”", "＂noise nuisance＂", "«noise nuisance»"):
        assert parse_query(typed) == parse_query('"noise nuisance"'), typed
    assert parse_query("cafe\u0301").clauses == ((Term(("café",)),),)


@pytest.mark.parametrize(
    ("typed", "note"),
    [
        ("AND", LONE_AND),
        ("NOT AND", LONE_AND),
        ("AND council", LONE_AND),
        ("council AND", LONE_AND),
        ("-", NOTHING_TO_SEARCH),
        ("- -", NOTHING_TO_SEARCH),
    ],
)
def test_an_and_or_a_dash_with_nothing_to_join_is_explained(typed, note):
    assert note in parse_query(typed).notes
    assert parse_query("care AND home").notes == ()


def test_stop_words_alone_search_everything_and_say_so(archive):
    result = search(SearchQuery(text="the and"))
    assert result.total == len(SPECS)
    assert result.notes == (
        "“the” is too common to search for, so it was left out.",
        "“and” is too common to search for, so it was left out.",
    )


@pytest.mark.parametrize("typed", ["&", "😀", '""', "& -+"])
def test_a_search_of_no_letters_or_digits_searches_everything_and_says_so(archive, typed):
    result = search(SearchQuery(text=typed))
    assert result.total == len(SPECS)
    assert result.notes == tuple(
        f"“{token}” has no letters or digits to search for, so it was left out."
        for token in typed.split()
    )


def test_each_note_is_given_once_and_a_long_search_is_cut_between_words():
    repeated = parse_query("the the a the council")
    assert repeated.notes == (
        "“the” is too common to search for, so it was left out.",
        "“a” is too common to search for, so it was left out.",
    )
    assert [term.words for clause in repeated.clauses for term in clause] == [("council",)]
    long = parse_query("council " * 200)  # the 500th character falls inside a word
    assert {term.words for clause in long.clauses for term in clause} == {("council",)}
    assert long.notes == (
        f"Only the words in the first {MAX_QUERY_LENGTH} characters of the search were used.",
    )


HOSTILE = [
    '"',
    '""',
    '"unclosed phrase',
    "(",
    ")",
    "*",
    "**",
    "a*",
    ":",
    "summary:",
    "body:x",
    "AND",
    "OR",
    "NOT",
    "AND OR NOT",
    "- -",
    "-",
    "NEAR(a b)",
    "^x",
    "{a b}",
    "col:val",
    "'; DROP TABLE decisions_decision; --",
    "1=1 OR 1=1",
    "\x00\x01\x02",
    "\u202e",
    "é",
    "ẞ",
    "x" * 10_000,
    "word " * 2_000,
    "\\",
    "%",
    "_",
    "$$",
    "!!",
    "<->",
    "&",
    "|",
    "<script>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_anything_typed_gives_a_result_or_a_note_never_an_error(archive, client, text):
    result = search(SearchQuery(text=text))
    assert 0 <= result.total <= len(SPECS)
    response = client.get("/decisions/", {"q": text})
    assert response.status_code == 200
    api = client.get("/api/decisions/", {"q": text})
    assert api.status_code == 200 and api.json()["count"] == result.total


# Characters that mean something to FTS5, to tsquery, to SQL or to the query language.
SYNTAX = st.sampled_from(
    list("\"'()*:^+-~!&|<>@%_\\;.,-") + ["AND", "OR", "NOT", "NEAR", "<->", "--", "/*"]
)
QUERIES = st.lists(
    st.one_of(SYNTAX, st.text(max_size=12), st.sampled_from(["council", "homelessness"])),
    max_size=12,
).map(" ".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(QUERIES, st.text(max_size=200)))
def test_any_text_searches_without_a_database_error(archive, text):
    """Fuzzing the query translator on whichever database the run uses: whatever is typed,
    a result comes back (every match a real decision), never an exception."""
    result = search(SearchQuery(text=text))
    assert 0 <= result.total <= len(SPECS)
    assert len(result.hits) == min(result.total, PER_PAGE)
    assert sum(v.count for v in result.facets["organisation"]) == result.total


# --- results ---------------------------------------------------------------------------------


def test_newest_and_oldest_put_undated_decisions_last(archive):
    dated = sorted((s for s in SPECS if s.decision_date), key=lambda s: (s.year, s.reference))
    newest = references(search(SearchQuery(sort="newest")))
    oldest = references(search(SearchQuery(sort="oldest")))
    assert newest[-1] == oldest[-1] == "22 000 008"
    assert newest[0] == "22 000 007"
    assert oldest[0] == "19 000 005"
    assert [r for r in oldest if r != "22 000 008"] == [s.reference for s in dated]


def test_default_sort_is_relevance_with_a_query_and_newest_without(archive):
    assert search(SearchQuery(text="council")).sort == "relevance"
    assert search(SearchQuery()).sort == "newest"
    assert search(SearchQuery(sort="relevance")).sort == "newest"


def test_relevance_ranks_a_match_in_the_organisation_above_one_in_the_text(archive):
    result = search(SearchQuery(text="Oakhollow OR tree"))
    assert references(result)[0] == "19 000 005"  # both: in its organisation and its text


def brute_force_ranking(result_query: SearchQuery) -> list[str]:
    """The references of every match of the query, best first, each ranked on its own by the
    ranking index's BM25 (search/ranking.py) or, with none, by the database's ranking function
    (ties newest id first): what any page must be a slice of."""
    parsed = parse_query(result_query.text)
    ids = list(matching_decisions(result_query).values_list("id", flat=True))
    connection = read_connection()
    if index := ranker(connection):
        scores = index.scores(parsed, ids)
        ranked = sorted(scores, key=lambda pk: (-scores[pk], -pk))
        by_id = Decision.objects.in_bulk(ranked)
        return [by_id[pk].reference for pk in ranked]
    if connection.vendor == "sqlite":
        sql = (
            f"SELECT rowid, {sqlite.BM25} FROM {sqlite.INDEX} "
            f"WHERE {sqlite.INDEX} MATCH %s AND rowid = %s"
        )
        key = lambda pk, score: (score, -pk)  # noqa: E731 (bm25: lower is better)
        params = [sqlite._positive(parsed)]
    else:
        query, params = postgresql._positive(parsed)
        sql = f"SELECT id, ts_rank(search_vector, {query}) FROM decisions_decision WHERE id = %s"
        key = lambda pk, score: (-score, -pk)  # noqa: E731
    scores = {}
    with connection.cursor() as cursor:
        for pk in ids:  # one at a time: nothing about the others can change a decision's score
            cursor.execute(sql, [*params, pk])
            [(found, score)] = cursor.fetchall()
            scores[found] = score
    ranked = sorted(scores, key=lambda pk: key(pk, scores[pk]))
    by_id = Decision.objects.in_bulk(ranked)
    return [by_id[pk].reference for pk in ranked]


@pytest.fixture
def ranking_archive(write_decision):
    """60 decisions a day apart, the newest first by number, each saying "quokka" a different
    number of times in its summary or its text, the oldest most often: a ranking of only the
    newest matches would miss the best. Three in five say "wombat" too."""
    folder = None
    for number in range(60):
        day = date.fromordinal(date(2021, 1, 1).toordinal() + 100 - number)
        times = number // 6
        where = "summary" if number % 2 else "text"
        wombat = " A wombat quokka." if number % 5 < 3 else ""
        folder = write_decision(
            f"{number}.txt",
            reference=f"21 200 {number:03d}",
            organisation=SEARCH_COUNCILS[number % 2],
            outcome=("Upheld", "Not upheld")[number % 4 == 0],
            decision_date=day.strftime("%-d %b %Y"),
            summary="A quokka." + (" Quokka." * times if where == "summary" else "") + wombat,
            sections={
                "What I found": ["The quokka was seen." + (" Quokka." * times * (where == "text"))],
                "Final decision": [f"Decision {number} is complete."],
            },
        ).parent
    import_paths([folder])


RANKED_QUERIES = [
    SearchQuery(text="quokka"),
    SearchQuery(text="quokka wombat"),
    SearchQuery(text="wombat OR quokka"),
    SearchQuery(text='"wombat quokka"'),
    SearchQuery(text="quokka -wombat"),
    SearchQuery(text="quokka", selection=Selection(outcome=("upheld",))),
    SearchQuery(text="quokka", selection=Selection(organisation=("oakhollow-borough-council",))),
]


# Each way a page is ranked: by the ranking index (the default), with the facets counted in
# memory or by the database, and each way the index finds the listed decisions' best
# (Ranker._chosen: walking its best hits, from one hit on as far as the listed found say, or
# scoring the listed alone, asked for by id or as a set of ids); and without the index, from
# every match's rank fetched into memory, and by the database (SEARCH_FACET_COLUMNS=0) in the
# facet counts' statement (PostgreSQL) or in a statement of its own (SQLite; PostgreSQL for a
# page past the last).
RANKING_PATHS = [
    "ranking index",
    "ranking index, walking from one hit",
    "ranking index, scoring the listed as ids",
    "ranking index, scoring the listed as a set",
    "ranking index, counted by the database",
    "in memory",
    "database, with counts",
    "database, apart",
]


@pytest.mark.parametrize("path", RANKING_PATHS)
@pytest.mark.parametrize("query", RANKED_QUERIES, ids=lambda query: repr(query)[12:70])
def test_every_page_is_a_slice_of_every_match_ranked_one_by_one(
    ranking_archive, query, path, monkeypatch, settings
):
    backend = backend_for(read_connection())
    settings.SEARCH_CACHE = False
    settings.SEARCH_FACET_COLUMNS = path != "ranking index, counted by the database" and (
        path.startswith("ranking index") or path == "in memory"
    )
    if not path.startswith("ranking index"):
        settings.SEARCH_RANKING_DIR = ""
    else:
        assert ranker(read_connection()) is not None
    if path.startswith("ranking index, walking"):
        monkeypatch.setattr(ranking, "WALK_MARGIN", 0)
        monkeypatch.setattr(ranking, "WALK_AT_LEAST", 1)
        monkeypatch.setattr(ranking, "WALK_US_PER_HIT", 0)
    elif path.startswith("ranking index, scoring"):
        monkeypatch.setattr(ranking, "WALK_US_PER_HIT", 10**9)
        monkeypatch.setattr(ranking, "ID_TERMS_AT_MOST", 10**9 if path.endswith("ids") else 0)
    if path == "database, with counts" and not backend.RANKS_WITH_COUNTS:
        pytest.skip(f"{read_connection().vendor} ranks in a statement of its own")
    if path.startswith("database"):  # else each database ranks its own way (RANKS_WITH_COUNTS)
        monkeypatch.setattr(backend, "RANKS_WITH_COUNTS", path == "database, with counts")
    expected = brute_force_ranking(query)
    assert len(expected) > PER_PAGE  # more than a page, so that later pages are checked too
    pages = []
    for number in range(1, 5):
        result = search(replace(query, page=number))
        assert result.total == len(expected)
        pages += references(result) if number <= result.pages else []
    assert pages == expected
    last = search(replace(query, page=10**12))  # past the last page, and any number the
    assert references(last) == expected[(last.pages - 1) * PER_PAGE :]  # database can hold
    if query.text == "quokka":
        # Made so that the best are the oldest: a window of the newest matches misses them.
        newest = matching_decisions(query).values_list("reference", flat=True)[:PER_PAGE]
        assert not set(expected[:3]) & set(newest)


def test_the_facet_columns_are_read_again_after_any_change_and_only_then(archive, settings):
    """Search counts from each process's copy of the facet columns (search/columns.py): the
    same copy while the archive is unchanged, a fresh one after any write, even raw SQL."""
    settings.SEARCH_CACHE = False
    connection = read_connection()
    copy = facet_columns(connection)
    assert facet_columns(connection) is copy
    upheld = SearchQuery(selection=Selection(outcome=("upheld",)))
    before = search(upheld)
    decision = before.hits[0].decision
    other = Outcome.objects.filter(group=OutcomeGroup.NOT_UPHELD).first()
    with connection.cursor() as cursor:  # no Django code sees this write
        cursor.execute(
            "UPDATE decisions_decision SET outcome_id = %s WHERE id = %s", [other.pk, decision.pk]
        )
    after = search(upheld)
    assert after.total == before.total - 1
    assert decision.reference not in references(after)
    assert facet_columns(connection) is not copy


def test_the_citations_are_read_again_after_any_change(archive, settings):
    """The citation filter and the legislation index count from each process's copy of the
    citations (search/columns.py): a citation added or removed behind Django's back, by raw
    SQL, is counted on the next page."""
    settings.SEARCH_CACHE = False
    act = Legislation.objects.create(name="Fictional Quokka Act 2001", slug="quokka-act-2001")
    whole = Provision.objects.create(legislation=act, label=act.name, slug="quokka-act-2001")
    section = Provision.objects.create(
        legislation=act, section="3", label=f"{act.name}, section 3", slug="quokka-act-2001-s3"
    )
    first, second = Decision.objects.order_by("id")[:2]
    first.citations.add(section)
    citing = SearchQuery(selection=Selection(citation=(whole.slug,)))
    assert references(search(citing)) == [first.reference]
    connection = read_connection()
    table = Decision.citations.through._meta.db_table
    with connection.cursor() as cursor:  # no Django code sees these writes
        cursor.execute(
            f"INSERT INTO {table} (decision_id, provision_id) VALUES (%s, %s)",
            [second.pk, section.pk],
        )
    assert set(references(search(citing))) == {first.reference, second.reference}
    [indexed] = [cited for cited in legislation_index() if cited.legislation == act]
    assert (indexed.decisions, indexed.provisions) == (2, [(section, 2)])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE decision_id = %s", [first.pk])
    assert references(search(citing)) == [second.reference]
    [indexed] = [cited for cited in legislation_index() if cited.legislation == act]
    assert (indexed.decisions, indexed.provisions) == (1, [(section, 1)])


def test_the_names_a_search_shows_are_read_again_after_any_change(archive, settings):
    """The organisations', categories' and outcomes' names are held for a version of the
    archive (search/version.py, per_version): renamed behind Django's back by raw SQL, each
    shows its new name on the next search."""
    settings.SEARCH_CACHE = False

    def labels(result) -> set[str]:
        return {value.label for values in result.facets.values() for value in values}

    before = labels(search(SearchQuery()))
    renamed = {
        "decisions_organisation": Decision.objects.first().organisation,
        "decisions_category": Decision.objects.exclude(category=None).first().category,
    }
    with read_connection().cursor() as cursor:
        for table, row in renamed.items():
            cursor.execute(f"UPDATE {table} SET name = 'Renamed ' || name WHERE id = %s", [row.pk])
        outcome = Decision.objects.exclude(outcome=None).first().outcome
        cursor.execute(
            "UPDATE decisions_outcome SET label = 'Renamed ' || label WHERE id = %s", [outcome.pk]
        )
    after = labels(search(SearchQuery()))
    assert f"Renamed {renamed['decisions_organisation'].name}" in after
    assert any(label.endswith(f"Renamed {renamed['decisions_category'].name}") for label in after)
    assert f"Renamed {outcome.label}" in after
    assert renamed["decisions_organisation"].name not in after
    assert before - after  # the old names are gone


def test_decisions_like_one_are_the_best_of_every_match_of_its_words_in_its_tier(
    ranking_archive, settings
):
    """A decision page's "Decisions like this one" ranks every match of the decision's words in
    its subcategory (all 60 share one here), not a window of the newest: the oldest say
    "quokka" most. Ranked by the ranking index, and without it by the database."""
    settings.SEARCH_CACHE = False
    decision = Decision.objects.get(reference="21 200 059")
    words = distinctive_words(decision)
    for ranked_by in ("index", "database"):
        if ranked_by == "database":
            settings.SEARCH_RANKING_DIR = ""
        ranked = brute_force_ranking(SearchQuery(text=" OR ".join(words)))
        expected = [reference for reference in ranked if reference != decision.reference]
        assert len(expected) > SIMILAR
        found = [similar.reference for similar in similar_decisions(decision).decisions]
        assert found == expected[:SIMILAR], ranked_by


SIMILAR_WORDS = ["quokka", "wombat", "numbat", "bilby", "dingo", "possum"]


@pytest.fixture
def similar_archive(write_decision):
    """40 decisions: in two subcategories of one category, one of another, and none; each
    about a few of six animals, some several times, some about none; on days with ties, some
    undated; a few of them fictional examples."""
    rng = random.Random(7)
    categories = [
        *["Housing > Repairs"] * 14,
        *["Housing > Allocations"] * 10,
        *["Planning > Enforcement"] * 10,
        *[None] * 6,
    ]
    paths = []
    for number, category in enumerate(categories):
        words = rng.sample(SIMILAR_WORDS, rng.randint(0, 4))
        said = " and ".join(word for word in words for _ in range(rng.randint(1, 3)))
        summary = f"Mr X complained about the {said or 'hedge'}."
        paths.append(
            write_decision(
                f"{number}.txt",
                reference=f"22 400 {number:03d}",
                category=category,
                decision_date=None if number % 13 == 5 else f"{number % 9 + 1} Jun 2022",
                summary=summary,
                sections={"The complaint": [summary], "Final decision": ["I have finished."]},
                extra=FICTIONAL if number % 11 == 3 else None,
            )
        )
    assert import_paths(paths).imported == len(categories)


def brute_force_similar(decision: Decision, ranked_by: str) -> list[str]:
    """Every decision like `decision`, best first, worked out one by one: of its kind (real or
    fictional); its subcategory's matches of its words, best first, then the rest of its
    subcategory, newest first; then its category's matches, then any other's. Matches and
    scores are the ranking index's (any word in any field scores) or the database's."""
    text = " OR ".join(distinctive_words(decision))
    everyone = list(Decision.objects.select_related("category"))
    if ranked_by == "index":
        scores = ranker(read_connection()).scores(parse_query(text), [d.pk for d in everyone])
        best = sorted((pk for pk in scores if scores[pk] > 0), key=lambda pk: (-scores[pk], -pk))
    else:
        by_reference = {d.reference: d.pk for d in everyone}
        best = [
            by_reference[reference] for reference in brute_force_ranking(SearchQuery(text=text))
        ]
    place = {pk: number for number, pk in enumerate(best)}

    def top(category) -> int | None:
        return category and (category.parent_id or category.pk)

    def key(other: Decision) -> tuple:
        if decision.category_id and other.category_id == decision.category_id:
            tier = 0
        elif decision.category_id and top(other.category) == top(decision.category):
            tier = 1
        else:
            tier = 2
        if other.pk in place:
            return (tier, 0, place[other.pk])
        day = other.decision_date
        return (tier, 1, day is None, -(day.toordinal() if day else 0), -other.pk)

    alike = [
        other
        for other in everyone
        if other.pk != decision.pk
        and other.is_fictional == decision.is_fictional
        and (other.pk in place or other.category_id == decision.category_id is not None)
    ]
    return [other.reference for other in sorted(alike, key=key)]


@pytest.mark.parametrize(
    "ranked_by", ["index, walking", "index, scoring ids", "index, scoring a set", "database"]
)
def test_each_decisions_similar_decisions_are_the_first_ten_of_every_decision_ranked_one_by_one(
    similar_archive, ranked_by, settings, monkeypatch
):
    """Whichever ranks them, a decision's similar decisions are the first ten of every other
    decision ranked on its own (brute_force_similar): the tiers in turn, every match of the
    words in each, and the rest of the subcategory newest first. The ranking index finds them
    each way (Ranker._chosen: walking its best hits, or scoring the tier's decisions, asked
    for by id or as a set of ids), and the database searches none of the words then (its
    full-text index is not read)."""
    settings.SEARCH_CACHE = False
    if ranked_by == "database":
        settings.SEARCH_RANKING_DIR = ""
    else:
        walking = ranked_by == "index, walking"
        monkeypatch.setattr(ranking, "WALK_US_PER_HIT", 0 if walking else 10**9)
        monkeypatch.setattr(ranking, "ID_TERMS_AT_MOST", 10**9 if ranked_by.endswith("ids") else 0)
        ranked_by = "index"
    searched = re.compile(r"\bMATCH\b|@@", re.IGNORECASE)
    shapes = Counter()
    for decision in Decision.objects.select_related("category").order_by("pk"):
        expected = brute_force_similar(decision, ranked_by)
        with CaptureQueriesContext(read_connection()) as queries:
            found = [d.reference for d in similar_decisions(decision).decisions]
        assert found == expected[:SIMILAR], decision.reference
        if ranked_by == "index":
            assert not any(searched.search(query["sql"]) for query in queries), decision.reference
        shapes[(decision.category_id is not None, decision.is_fictional, len(found))] += 1
    # The archive holds what the comparison needs: decisions with and without a category,
    # real and fictional, with ten like them and with fewer.
    assert {(True, False), (False, False), (True, True)} <= {shape[:2] for shape in shapes}
    assert {found for _, _, found in shapes} > {SIMILAR}


def test_snippets_highlight_the_terms_and_escape_the_text(archive, write_decision):
    import_paths(
        [
            write_decision(
                "x.txt",
                reference="23 000 009",
                summary="<script>alert(1)</script> a quokka appeared",
            )
        ]
    )
    [hit] = search(SearchQuery(text="quokka")).hits
    assert "<mark>quokka</mark>" in hit.snippet
    # The only markup in a snippet is the highlighting; any text that looks like HTML is escaped.
    assert "<" not in re.sub(r"</?mark>", "", hit.snippet)


FILLER = "The officer read the file again and wrote to the family about the next steps. " * 30


def test_a_snippet_shows_where_the_words_are(write_decision):
    import_paths(
        [
            write_decision(
                summary="The Council lost the survey.",
                sections={"What I found": [f"{FILLER} A quokka sat by the gate of the depot."]},
            )
        ]
    )
    [hit] = search(SearchQuery(text="quokka")).hits
    assert "<mark>quokka</mark> sat by the gate" in hit.snippet


def test_a_snippet_comes_from_the_summary_when_the_summary_holds_the_words(write_decision):
    """A decision's snippet is its summary's passage when the summary holds the search's
    words (docs/search.md). The words in two places, only one of them in the summary, come
    from the whole text."""
    body = f"{FILLER} A quokka sat by the gate of the depot, and a wombat."
    import_paths([write_decision(summary="The Council lost the quokka survey.",
                                 sections={"What I found": [body]})])  # fmt: skip
    [hit] = search(SearchQuery(text="quokka")).hits
    assert "lost the <mark>quokka</mark> survey" in hit.snippet
    assert "depot" not in hit.snippet
    [hit] = search(SearchQuery(text="quokka wombat")).hits
    assert "<mark>wombat</mark>" in hit.snippet


def test_pages_of_twenty_and_a_page_past_the_end_is_the_last(write_decision):
    for number in range(PER_PAGE + 5):
        write_decision(f"{number}.txt", reference=f"21 100 {number:03d}")
    import_paths([write_decision("0.txt", reference="21 100 000").parent])
    first = search(SearchQuery())
    assert (first.total, first.pages, len(first.hits)) == (25, 2, 20)
    last = search(SearchQuery(page=99))
    assert (last.page, len(last.hits)) == (2, 5)
    assert not set(references(first)) & set(references(last))


# --- the page and its JSON -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["21 000 002", "21000002", "21-000-002", " 21 000 002 ", "２１ ０００ ００２"]
)
def test_typing_a_reference_goes_to_the_decision(archive, client, typed):
    response = client.get("/decisions/", {"q": typed})
    assert response.status_code == 302
    assert response["Location"] == "/decisions/21-000-002/"


def test_an_unknown_reference_is_searched_like_words(archive, client):
    response = client.get("/decisions/", {"q": "99 999 999"})
    assert response.status_code == 200
    assert "0 decisions" in response.content.decode()
    assert "No decisions match: try fewer or different words." in response.content.decode()


def test_bad_parameters_are_named_and_match_nothing_or_are_left_out(archive, client):
    response = client.get(
        "/decisions/",
        {
            "organisation": "no-such-council",
            "year": "abc",
            "page": "-3",
            "sort": "sideways",
            "date_from": "31/02/2020",
        },
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    # A filter given a value that names nothing never widens the search: nothing matches it.
    assert "0 decisions" in page
    assert "The council or body “no-such-council” is not in the archive" in page
    assert "The year “abc” is not in the archive" in page
    assert "The “from” date “31/02/2020” could not be read" in page
    # The page and the order only choose how the results are shown: left out, and said.
    assert "The page given could not be used, so it was left out." in page
    assert "The sort order given could not be used, so it was left out." in page


@pytest.mark.parametrize("number", ["2e1", "1.5", "٢", " 2x"])
def test_a_page_number_is_whole_digits_or_it_is_left_out(archive, client, number):
    page = html.unescape(client.get("/decisions/", {"page": number}).content.decode())
    assert "The page given could not be used, so it was left out." in page
    assert "Page 1 of" in page


def test_dates_the_wrong_way_round_are_explained(archive, client):
    response = client.get("/decisions/", {"date_from": "2021-01-01", "date_to": "2020-01-01"})
    page = html.unescape(response.content.decode())
    assert "0 decisions" in page
    assert "The “from” date is after the “to” date, so no decision can match." in page


def test_payment_amounts_the_wrong_way_round_are_explained(archive, client):
    response = client.get("/decisions/", {"payment_min": "500", "payment_max": "100"})
    page = html.unescape(response.content.decode())
    assert "0 decisions" in page
    assert "The “from £” amount is more than the “to £” amount, so no decision can match." in page
    same = html.unescape(client.get("/decisions/?payment_min=100&payment_max=100").content.decode())
    assert "so no decision can match" not in same


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("payment_min=-0", "The lowest payment “-0” is a negative amount"),
        ("payment_max=-0.00", "The highest payment “-0.00” is a negative amount"),
        ("payment_min=-5", "The lowest payment “-5” is a negative amount"),
        ("payment_min=0.001", "The lowest payment “0.001” has more than two decimal places"),
        ("payment_max=99999999999", "The highest payment “99999999999” is more than any payment"),
        ("payment_min=1e-999", "The lowest payment “1e-999” has too many digits for an amount"),
        ("date_from=0001-01-01", "The “from” date “0001-01-01” is not a date with a four-digit"),
        ("date_to=0024-03-01", "The “to” date “0024-03-01” is not a date with a four-digit"),
    ],
)
def test_an_amount_below_nothing_or_a_date_of_no_decision_is_refused_and_said(
    archive, client, given, said
):
    """Its chip read "Payments from £-0" or "From 1 Jan 1"; now it matches nothing, as a value
    that cannot be read does, and the page, the API and the export all say why."""
    page = html.unescape(client.get(f"/decisions/?{given}").content.decode())
    assert said in page and "0 decisions" in page
    assert "£-" not in page and " Jan 1<" not in page and "Jan 1 " not in page
    assert said in client.get(f"/api/decisions/?{given}").json()["error"]["message"]
    assert client.get(f"/decisions/export.csv?{given}").status_code == 400
    kept = client.get("/api/decisions/?date_from=1974-01-01&date_to=2100-12-31&payment_min=+0")
    assert kept.status_code == 200


def test_a_far_off_date_bound_leaves_that_side_open(archive, client):
    """ "1900-01-01" or "9999-12-31" is how people (and programs) leave a side of a range
    open: every dated decision is on the right side of it."""
    everything = client.get("/api/decisions/?date_from=1974-01-01").json()["count"]
    assert everything > 0
    for bound in ("date_from=1900-01-01", "date_to=9999-12-31", "date_from=1970-01-01"):
        answer = client.get(f"/api/decisions/?{bound}")
        assert answer.status_code == 200 and answer.json()["count"] == everything, bound
    page = client.get("/decisions/?date_from=1900-01-01").content.decode()
    assert "1 Jan 1900" in page


def test_a_value_given_twice_is_chosen_once(archive, client):
    response = client.get("/decisions/?year=2021&year=2021&q=council&q=council")
    assert response.status_code == 302
    assert response["Location"] == "/decisions/?year=2021&q=council"
    page = client.get(response["Location"]).content.decode()
    assert page.count('aria-label="Remove filter 2021"') == 1


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("date_from=2020-01-01&date_from=2021-03-10", "date_from=2021-03-10"),
        ("payment_min=5&outcome=upheld&payment_min=500", "payment_min=500&outcome=upheld"),
        ("q=noise&year=2021&q=council&sort=oldest&sort=newest", "q=council&year=2021&sort=newest"),
        ("date_to=2021-03-20&date_to=", "date_to=2021-03-20"),
    ],
)
def test_a_filter_that_takes_one_value_given_several_is_written_with_the_one_used(
    archive, client, given, written
):
    """A hand-edited address naming a "from" date twice showed a chip for each ("From 1 Jan
    2020", "From 10 Mar 2021") and counted two filters, though only the last is used: taking
    away that one's chip then brought the other into use unseen."""
    response = client.get(f"/decisions/?{given}")
    assert response.status_code == 302
    assert response["Location"] == f"/decisions/?{written}"
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert page.count('aria-label="Remove filter From') <= 1
    assert page.count('aria-label="Remove filter Payments from') <= 1


@pytest.mark.parametrize(("added", "heard"), [(1, "+1 more decision<"), (2, "+2 more decisions<")])
def test_what_ticking_a_value_adds_is_read_out_in_the_right_number(added, heard):
    from decisions.search.facets import FacetValue
    from decisions.templatetags.facets import facet_value

    value = FacetValue("upheld", "Upheld", 5, False, parameter="outcome", added=added)
    shown = facet_value(value).replace('<span class="visually-hidden">', "")
    assert heard in shown


def test_chips_remove_one_filter_each(archive, client):
    page = client.get(
        "/decisions/", {"q": "council", "outcome": "upheld", "year": "2021"}
    ).content.decode()
    assert 'href="?q=council&amp;year=2021" aria-label="Remove filter Upheld"' in page
    assert 'href="?q=council&amp;outcome=upheld" aria-label="Remove filter 2021"' in page
    assert 'href="/decisions/?q=council">Clear all' in page


def test_chips_name_their_values_when_nothing_matches(archive, client):
    wording = Outcome.objects.get(label="Upheld: maladministration and injustice").slug
    organisation = Organisation.objects.order_by("name").first()
    asked = {"q": "zzyzx", "outcome_wording": wording, "organisation": organisation.slug,
             "category": "housing", "remedy": "payment", "outcome": "not_upheld"}  # fmt: skip
    response = client.get("/decisions/", asked)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "0 decisions" in page
    labels = re.findall(r'aria-label="Remove filter ([^"]*)"', page)
    wording = "Upheld: maladministration and injustice (as worded)"
    assert labels == [organisation.name, "Housing", "Not upheld", wording, "Financial payment"]


def test_the_facets_name_their_chosen_values_when_nothing_matches(archive, client):
    """A chosen value that the counts do not offer (a category as published, a wording of an
    outcome no match has) stays ticked, so that it can be unticked, under the name its row
    gives it, as its chip names it; one that names nothing is shown as it was given."""
    wording = Outcome.objects.get(label="Upheld: maladministration and injustice").slug
    published = Category.objects.get(name="Homelessness", parent__name="Housing").slug
    asked = {"q": "zzyzx", "outcome_wording": wording, "published_category": published,
             "organisation": "no-such-fictional-body"}  # fmt: skip
    response = client.get("/decisions/", asked)
    ticked = {
        (value.parameter, value.label)
        for values in response.context["result"].facets.values()
        for value in values
        if value.selected
    }
    assert ticked == {
        ("outcome_wording", "Upheld: maladministration and injustice"),
        ("published_category", "Housing > Homelessness"),
        ("organisation", "no-such-fictional-body"),
    }
    page = html.unescape(response.content.decode())
    assert wording not in re.sub(r'(value|href|name|id|for)="[^"]*"', "", page)


def test_date_and_amount_chips_read_as_the_results_write_them(archive, client):
    """However the address writes a date or an amount, its chip writes it as the list of
    results does; one that cannot be read is named as written, and unknown."""
    asked = {"date_from": "01/02/2021", "date_to": "2024-06-30", "payment_min": "1250.5",
             "payment_max": "x"}  # fmt: skip
    page = html.unescape(client.get("/decisions/", asked).content.decode())
    labels = re.findall(r'aria-label="Remove filter ([^"]*)"', page)
    assert labels[:3] == ["From 1 Feb 2021", "To 30 Jun 2024", "Payments from £1,250.50"]
    assert labels[3] == "Highest payment “x” (unknown)"


def test_json_search_has_count_page_results_and_facets(archive, client):
    data = client.get("/api/decisions/", {"q": "council", "outcome": "upheld"}).json()
    expected = found("council", outcome=("upheld",))
    assert data["count"] == len(expected)
    assert {r["reference"] for r in data["results"]} == expected
    assert "body" not in data["results"][0] and "<mark>" in data["results"][0]["snippet"]
    outcome = {v["value"]: v for v in data["facets"]["outcome"] if v["parent"] is None}
    assert outcome["upheld"]["selected"] is True
    assert outcome["not_upheld"]["count"] == len(found("council", outcome=("not_upheld",)))
    housing = [v for v in data["facets"]["category"] if v["value"] == "housing-homelessness"]
    assert housing[0]["parent"] == "housing"


def test_a_kept_answer_is_the_answer_a_new_search_gives(archive, write_decision, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    query = SearchQuery(text="council", selection=Selection(outcome=("upheld",)))
    first = search(query)
    with CaptureQueriesContext(connection) as again:
        kept = search(query)
    assert len(again.captured_queries) == 1  # only the archive's version is read
    settings.SEARCH_CACHE = False
    fresh = search(query)
    for answer in (kept, fresh):
        assert references(answer) == references(first)
        assert (answer.total, answer.facets, answer.sort) == (first.total, first.facets, first.sort)
    settings.SEARCH_CACHE = True
    import_paths([write_decision("new.txt", reference="23 000 099", outcome="Upheld")])
    assert search(query).total == first.total + 1  # a change is seen at once


def test_a_real_decisions_similar_decisions_are_real_and_an_examples_are_examples(
    write_decision,
):
    summary = "The Council mishandled the quokka sanctuary’s licence renewal for Mr X."
    paths = [
        write_decision(
            f"{number}.txt",
            reference=f"22 300 {number:03}",
            summary=summary,
            extra=FICTIONAL if number % 2 else None,
        )
        for number in range(8)
    ]
    assert import_paths(paths).imported == 8

    def similar_to(reference: str) -> dict[str, bool]:
        decision = Decision.objects.get(reference=reference)
        return {d.reference: d.is_fictional for d in similar_decisions(decision).decisions}

    real, invented = similar_to("22 300 000"), similar_to("22 300 001")
    assert len(real) == len(invented) == 3
    assert not any(real.values()) and all(invented.values())


@pytest.mark.parametrize(
    "typed",
    ["£4,516.87", "4,516.87", '"£4,516.87"', "516.87", "harrowmere.gov.uk",
     "complaints@harrowmere.gov.uk", "www.harrowmere.gov.uk/complain", "missing"],
)  # fmt: skip
def test_an_amount_with_pence_or_an_address_is_found_as_written_on_either_database(
    write_decision, typed
):
    """PostgreSQL's parser keeps "516.87" and "harrowmere.gov.uk" whole where FTS5 and the
    words of a query part them, and skips all that follows "<script>": each is found as the
    decision writes it, on both."""
    words = {"What I found": [
        "The Council will refund Mrs X £4,516.87 for the care she paid for.",
        "Its policy is at www.harrowmere.gov.uk/complain; write to complaints@harrowmere.gov.uk.",
        "Its page showed <script> where the form should be: the form was missing.",
    ]}  # fmt: skip
    import_paths([write_decision("amount.txt", reference="21 000 001", sections=words),
                  write_decision("other.txt", reference="21 000 002")])  # fmt: skip
    found = search(SearchQuery(text=typed))
    assert [hit.decision.reference for hit in found.hits] == ["21 000 001"], typed
    assert found.total == 1


def test_the_pages_title_says_the_total_the_page_and_the_filters(archive, client):
    """A screen reader says the title as a page loads: after a tick or a new page, it says
    what changed."""
    title = re.compile(r"<title>([^<]+)</title>")
    page = html.unescape(client.get("/decisions/", {"q": "council", "outcome": "upheld"}).text)
    total = found("council", outcome=("upheld",))
    expected = f"“council”: {len(total)} decisions, 1 filter · Search decisions · Ombudsman"
    assert title.search(page)[1] == expected + " decisions archive"
    page = html.unescape(client.get("/decisions/", {"page": "2"}).text)  # past the last
    assert title.search(page)[1].startswith(f"{Decision.objects.count()} decisions · ")


@pytest.mark.parametrize(
    ("asked", "boxes", "problem"),
    [
        ({"date_from": "2022-01-01", "date_to": "2021-01-01"}, ("date-from", "date-to"), "date"),
        ({"payment_min": "500", "payment_max": "100"}, ("payment-min", "payment-max"), "payment"),
    ],
)
def test_a_range_the_wrong_way_round_is_said_beside_both_its_boxes(
    archive, client, asked, boxes, problem
):
    """WCAG 3.3.1: the words are tied to the two boxes they are about, which are marked."""
    page = client.get("/decisions/", asked).content.decode()
    assert re.search(
        rf'<p class="notice" id="{problem}-range-problem" role="status">The “from', page
    )
    for box in boxes:
        tag = re.search(rf'<input id="{box}"[^>]*>', page)[0]
        assert 'aria-invalid="true"' in tag and f"{problem}-range-problem" in tag
    assert page.count("so no decision can match") == 1
