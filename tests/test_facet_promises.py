"""Every count is a promise (issue 14, point 3): for every value any facet offers, ticking it
gives exactly the total it promised: its count, or what it adds to the values of its facet
already chosen, or nothing when a broader chosen value includes it. Hypothesis draws words and
selections (every facet, the date range, the payment range and citations) over an archive made
here, on the database of the run; every total is also checked against one worked out in Python
from the archive's rows. The /legislation/ page's numbers are promises too.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from unittest import mock

import numpy as np
import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from decisions.extraction import KINDS, REASONS
from decisions.extraction.remedies import PAYMENT
from decisions.generation import OLD_PARENTS, generate_decision
from decisions.importing import import_paths
from decisions.models import (
    Category,
    Decision,
    Organisation,
    Outcome,
    OutcomeGroup,
    Provision,
    Remedy,
)
from decisions.search import backend_for, columns, ids_matching_words
from decisions.search.engine import SearchQuery, search
from decisions.search.facets import FacetValue, Selection
from decisions.search.query import parse_query
from decisions.statistics import category_profile, legislation_index, organisation_profile
from tests.factories import decision_text

pytestmark = pytest.mark.django_db

EXAMPLES = 60
CHECKED: Counter = Counter()  # examples run and values checked, shown when the module ends

# --- the archive ---------------------------------------------------------------------------

ORGANISATIONS = (
    "Wrenmoor District Council",
    "Oakhollow Borough Council",
    "Thistlebury County Council",
    "Bramblewood Care Ltd",
    "Kestrelby City Council",
)
# Renamed parents on both sides ("Planning and development" is now "Planning"), a subcategory
# published only under the old name, a parent on its own and a single-level category.
CATEGORIES = (
    "Planning and development > Enforcement",
    "Planning > Enforcement",
    "Planning and development > Building control",
    "Planning > Planning applications",
    "Planning",
    "Highways and transport > Parking and other penalties",
    "Transport and highways > Parking and other penalties",
    "Housing > Homelessness",
    "Housing > Allocations",
    "Adult care services > Charging",
    "Trees",
    None,
)
# "Upheld" is a wording and a group: the group "upheld" holds more than the wording "upheld".
OUTCOMES = (
    "Upheld",
    "Upheld: maladministration and injustice",
    "Not upheld",
    "Closed after initial enquiries",
    "Upheld: no further action",
    "Not upheld: no maladministration",
    "Closed after initial enquiries - out of jurisdiction",
    "Premature",
    "Upheld",
    "Closed after initial enquiries",
    None,
)
TOPICS = {
    "Enforcement": "did not take enforcement action against the hedge next door",
    "Building control": "delayed the building control inspection of the extension",
    "Planning applications": "approved the planning application without considering noise",
    "Planning": "lost the planning file and the noise survey",
    "Parking and other penalties": "issued a parking penalty while the meter was broken",
    "Homelessness": "left the family in temporary accommodation for too long",
    "Allocations": "placed the homelessness application in the wrong band",
    "Charging": "made mistakes with the care charges for respite care",
    "Trees": "did not consider the tree preservation order",
    None: "delayed replying to the complaint",
}
# Words and phrases the texts hold, for the queries.
WORDS = (
    "hedge", "noise", "parking", "penalty", "homelessness", "accommodation", "tree",
    "charges", "delayed", "enforcement", "school", "band", "apologise", "tribunal",
)  # fmt: skip
PHRASES = ("enforcement action", "parking penalty", "temporary accommodation", "care charges")
BECAUSE = (
    "Mr X can appeal to the tribunal",
    "the complaint is late",
    "the Council has not had a chance to respond",
    "there is not enough injustice to Mr X",
    "an investigation is unlikely to achieve anything more",
    "Mr X has withdrawn the complaint",
)
CITES = (
    "(Local Government Act 1974, section 26(1), as amended)",
    "(Local Government Act 1974, section 24A(6))",
    "(Care Act 2014, section 9)",
    "(Care Act 2014)",
    "(Housing Act 1996, section 202)",
    "",
)
REMEDY_ITEMS = (
    "apologise to Mr X;",
    "pay Mr X £{amount} for distress;",
    "review its procedures for dealing with complaints;",
    "reassess Mr X’s needs;",
    "waive the outstanding charge;",
    "pay Mr X a suitable sum for his time and trouble;",  # a payment with no amount to read
)
AMOUNTS = (80, 150, 300, 500, 1250)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MADE = 48  # decisions written here, beside a few from the demo generator
GENERATED = 12


def made_decision(i: int) -> dict:
    """Fields (as tests.factories.decision_text) of decision i, varied by striding through
    each list at a different pace so that every value occurs, in many combinations."""
    rng = random.Random(i)
    category = CATEGORIES[(i * 5) % len(CATEGORIES)]
    outcome = OUTCOMES[(i * 3) % len(OUTCOMES)]
    year = 2019 + (i * 7) % 5
    day = None if i % 13 == 6 else f"{1 + i % 28} {MONTHS[(i * 5) % 12]} {year}"
    topic = TOPICS[category and category.split(" > ")[-1]]
    cite = CITES[(i * 7) % len(CITES)]
    group = outcome and outcome.split(":")[0].split(" - ")[0]
    if group in ("Closed after initial enquiries", "Premature"):
        because = BECAUSE[i % len(BECAUSE)]
        summary = f"We will not investigate Mr X’s complaint that the Council {topic}. "
        summary += f"This is because {because}."
        sections = {"Final decision": [f"We will not investigate. {cite}".strip()]}
    elif group == "Upheld":
        chosen = [item for n, item in enumerate(REMEDY_ITEMS) if rng.random() < 0.5 or n == i % 5]
        items = [item.format(amount=rng.choice(AMOUNTS)) for item in chosen]
        summary = f"The Council {topic}. It has agreed to put things right."
        sections = {
            "What I found": [f"The Council was at fault. {cite}".strip()],
            "Agreed action": ["Within one month the Council will:", *items],
            "Final decision": ["I have completed my investigation."],
        }
    else:
        summary = f"There was no fault in how the Council dealt with the complaint that it {topic}."
        sections = {
            "What I found": [f"The Council acted properly. {cite}".strip()],
            "Final decision": ["I have completed my investigation."],
        }
    yy = (year if day else 2023) % 100
    return {
        "reference": f"{yy:02d} {900 + i:03d} {i:03d}",
        "organisation": ORGANISATIONS[i % len(ORGANISATIONS)],
        "category": category,
        "outcome": outcome,
        "decision_date": day,
        "summary": summary,
        "sections": sections,
    }


def group_renamed_categories() -> None:
    """Group each category published under an old parent name with the current one (and the
    subcategories they share), where the importer has not done so already."""
    renamed = {old: new for new, old in OLD_PARENTS.items()}
    for old in Category.objects.filter(parent=None, name__in=renamed):
        new = Category.objects.filter(parent=None, name=renamed[old.name]).first()
        if new is None:
            continue
        _group(old, new)
        for sub in old.children.all():
            _group(sub, new.children.filter(name=sub.name).first())


def _group(old: Category, new: Category | None) -> None:
    if new is None or old.group_id or new.group_id or old.grouped.exists():
        return
    old.group = new
    old.full_clean()
    old.save()


@dataclass(frozen=True)
class Row:
    """One decision as the Python model of the search sees it."""

    id: int
    organisation: str
    category: int | None
    outcome: str | None
    outcome_group: str | None
    day: date | None
    remedies: frozenset[str]
    reason: str | None
    payment: Decimal | None
    cited: frozenset[str]  # provision slugs, and the whole act's slug of each act cited
    fictional: bool = False


@dataclass(frozen=True)
class Archive:
    rows: tuple[Row, ...]
    categories: dict[str, tuple[int, int | None, int | None]]  # slug: (id, parent, group)
    heads: tuple[str, ...]  # category slugs that head a group
    wordings: dict[str, str]  # outcome slug: group
    organisations: tuple[str, ...]
    provisions: tuple[str, ...]
    years: tuple[int, ...]


def read_archive() -> Archive:
    categories = {
        slug: (pk, parent, group)
        for slug, pk, parent, group in Category.objects.values_list(
            "slug", "pk", "parent_id", "group_id"
        )
    }
    kinds: dict[int, set[str]] = {}
    for decision, kind in Remedy.objects.values_list("decision_id", "kind"):
        kinds.setdefault(decision, set()).add(kind)
    whole = dict(
        Provision.objects.filter(section="").values_list("legislation_id", "slug")
    )  # fmt: skip
    cited: dict[int, set[str]] = {}
    through = Decision.citations.through.objects.values_list(
        "decision_id", "provision__slug", "provision__legislation_id"
    )
    for decision, slug, legislation in through:
        cited.setdefault(decision, set()).update({slug, whole[legislation]})
    rows = tuple(
        Row(
            id=d.pk,
            organisation=d.organisation.slug,
            category=d.category_id,
            outcome=d.outcome.slug if d.outcome else None,
            outcome_group=d.outcome.group if d.outcome else None,
            day=d.decision_date,
            remedies=frozenset(kinds.get(d.pk, ())),
            reason=d.reason_not_investigated,
            payment=d.payment_total,
            cited=frozenset(cited.get(d.pk, ())),
            fictional=d.is_fictional,
        )
        for d in Decision.objects.select_related("organisation", "outcome")
    )
    return Archive(
        rows=rows,
        categories=categories,
        heads=tuple(slug for slug, (_, _, group) in categories.items() if group is None),
        wordings=dict(Outcome.objects.values_list("slug", "group")),
        organisations=tuple(sorted({row.organisation for row in rows})),
        provisions=tuple(Provision.objects.values_list("slug", flat=True)),
        years=tuple(sorted({row.day.year for row in rows if row.day})),
    )


@pytest.fixture(scope="module")
def archive(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The archive, imported once for the module inside a transaction rolled back at its end."""
    folder = tmp_path_factory.mktemp("facet-promises")
    for i in range(MADE):
        (folder / f"made-{i:03d}.txt").write_text(decision_text(**made_decision(i)))
    for i in range(GENERATED):
        generated = generate_decision(i, 14)
        (folder / f"generated-{generated.file_name}").write_bytes(generated.data)
    with django_db_blocker.unblock(), transaction.atomic():
        report = import_paths([folder])
        assert (report.imported, report.failed) == (MADE + GENERATED, 0), report.errors
        group_renamed_categories()
        made = read_archive()
        yield made
        transaction.set_rollback(True)
    report_checked(request.config, len(made.rows))


def report_checked(config, decisions: int) -> None:
    """Say how much was checked, on the terminal even when output is captured."""
    line = (
        f"facet promises on {connection.vendor}: {CHECKED['examples']} examples "
        f"({CHECKED['round trip examples']} for round trips), {CHECKED['offered']} offered "
        f"values ticked ({CHECKED['count']} to their count, {CHECKED['added']} adding to "
        f"their facet's chosen values, {CHECKED['included']} already included), "
        f"{CHECKED['round trips']} chosen values unticked and ticked again, "
        f"{CHECKED['legislation']} /legislation/ numbers, {CHECKED['in memory']} searches "
        f"counted in memory and by the database alike, {CHECKED['profiles']} profiles, over "
        f"{decisions} decisions"
    )
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is None:
        print(line)
        return
    with capture.global_and_fixture_disabled():
        print(f"\n{line}")


@pytest.fixture(autouse=True)
def computed_afresh(settings):
    """Every total is computed, none kept from an earlier search."""
    settings.SEARCH_CACHE = False


def test_the_archive_offers_every_kind_of_value(archive):
    """The archive varies enough for the promises to mean something."""
    result = search(SearchQuery())
    offered = {
        facet: {(value.parameter, value.value) for value in values}
        for facet, values in result.facets.items()
    }
    assert {("outcome", "upheld"), ("outcome_wording", "upheld")} <= offered["outcome"]
    assert ("published_category", "planning-and-development-enforcement") in offered["category"]
    assert {("remedy", kind) for kind in KINDS} <= offered["remedy"]
    assert len(offered["reason"]) >= 5 and len(offered["year"]) >= 5
    planning = next(v for v in result.facets["category"] if v.value == "planning")
    members = [v for v in result.facets["category"] if v.parent == "planning"]
    assert planning.parameter == "category" and len(members) >= 3
    assert sum(1 for row in archive.rows if row.payment) >= 5
    assert Remedy.objects.filter(kind=PAYMENT, amount=None).count() >= 3
    assert len(archive.provisions) >= 6


# --- the model -----------------------------------------------------------------------------


def category_atoms(made: Archive, parameter: str, slug: str) -> set[int]:
    """What a category value matches, worked out from the rows: a category as published is
    itself and its subcategories; a group is every category published under its names."""
    if slug not in made.categories:
        return set()
    pk, _, group = made.categories[slug]

    def published(pk):
        return {pk} | {c for c, parent, _ in made.categories.values() if parent == pk}

    if parameter == "published_category" or group is not None:
        return published(pk)
    members = [c for c, _, g in made.categories.values() if c == pk or g == pk]
    return set().union(*(published(member) for member in members))


def keeps(made: Archive, row: Row, chosen: Selection) -> bool:  # noqa: C901 (one test per filter)
    """Whether `row` passes every filter of `chosen`, worked out without the search module."""
    if chosen.organisation and row.organisation not in chosen.organisation:
        return False
    if chosen.category or chosen.published_category:
        atoms = set()
        for parameter in ("category", "published_category"):
            for slug in getattr(chosen, parameter):
                atoms |= category_atoms(made, parameter, slug)
        if row.category not in atoms:
            return False
    if chosen.outcome or chosen.outcome_wording:
        if row.outcome is None:
            return False
        if row.outcome_group not in chosen.outcome and row.outcome not in chosen.outcome_wording:
            return False
    if chosen.year and (row.day is None or row.day.year not in chosen.year):
        return False
    if chosen.remedy and not row.remedies & set(chosen.remedy):
        return False
    if chosen.reason and row.reason not in chosen.reason:
        return False
    if chosen.citation and not row.cited & set(chosen.citation):
        return False
    return within_ranges(row, chosen)


def within_ranges(row: Row, chosen: Selection) -> bool:
    if (chosen.date_from or chosen.date_to) and row.day is None:
        return False
    if chosen.date_from and row.day < chosen.date_from:
        return False
    if chosen.date_to and row.day > chosen.date_to:
        return False
    if chosen.payment_min is None and chosen.payment_max is None:
        return True
    if row.payment is None:
        return False
    low, high = chosen.payment_min, chosen.payment_max
    return (low is None or row.payment >= low) and (high is None or row.payment <= high)


@dataclass(frozen=True)
class Words:
    """A query, as typed and as the sets of decisions its parts find."""

    text: str
    kind: str  # "none", "all", "any", "but" or "phrase"
    words: tuple[str, ...] = ()


def ids_found(words: Words) -> set[int] | None:
    """The decisions a query's words find, each word looked up on its own; None for all."""
    if words.kind == "none":
        return None
    if words.kind == "phrase":
        condition = backend_for(connection).text_condition(parse_query(words.text))
        return set(Decision.objects.filter(condition).values_list("pk", flat=True))
    found = [ids_matching_words(word) for word in words.words]
    if words.kind == "all":
        return set.intersection(*found)
    if words.kind == "any":
        return set.union(*found)
    return found[0] - found[1]


def expected_total(made: Archive, found: set[int] | None, chosen: Selection) -> int:
    return sum(
        1 for row in made.rows if (found is None or row.id in found) and keeps(made, row, chosen)
    )


# --- drawing searches ----------------------------------------------------------------------

FIELDS = (
    "organisation", "category", "published_category", "outcome", "outcome_wording", "year",
    "remedy", "reason", "citation", "dates", "payment",
)  # fmt: skip
# Groups and their members drawn twice as often: choosing both is where "included" and "added"
# are most easily wrong.
DRAWN = (*FIELDS, "category", "published_category", "outcome", "outcome_wording")
PAYMENTS = tuple(Decimal(n) for n in (0, 80, 150, 300, 450, 1000, 2000))


def queries() -> st.SearchStrategy[Words]:
    word = st.sampled_from(WORDS)
    pair = st.lists(word, min_size=2, max_size=2, unique=True)
    return st.one_of(
        st.just(Words("", "none")),
        word.map(lambda w: Words(w, "all", (w,))),
        pair.map(lambda p: Words(" ".join(p), "all", tuple(p))),
        pair.map(lambda p: Words(f"{p[0]} OR {p[1]}", "any", tuple(p))),
        pair.map(lambda p: Words(f"{p[0]} -{p[1]}", "but", tuple(p))),
        st.sampled_from(PHRASES).map(lambda p: Words(f'"{p}"', "phrase")),
    )


def selections(made: Archive) -> st.SearchStrategy[Selection]:
    """Up to three filters, each with one or two values from the archive (now and then a
    value that names nothing)."""
    values = {
        "organisation": (*made.organisations, "no-such-council"),
        "category": made.heads,
        "published_category": tuple(made.categories),
        "outcome": tuple(OutcomeGroup.values),
        "outcome_wording": tuple(made.wordings),
        "year": (*made.years, 2015),
        "remedy": tuple(KINDS),
        "reason": tuple(REASONS),
        "citation": made.provisions,
    }
    days = st.one_of(st.none(), st.dates(date(2018, 6, 1), date(2024, 6, 30)))
    payment = st.one_of(st.none(), st.sampled_from(PAYMENTS))

    @st.composite
    def draw(draw) -> Selection:
        chosen = {}
        for name in draw(st.sets(st.sampled_from(DRAWN), max_size=3)):
            if name == "dates":
                chosen.update(date_from=draw(days), date_to=draw(days))
            elif name == "payment":
                chosen.update(payment_min=draw(payment), payment_max=draw(payment))
            else:
                some = st.lists(st.sampled_from(values[name]), min_size=1, max_size=2, unique=True)
                chosen[name] = tuple(draw(some))
        return Selection(**chosen)

    return draw()


# --- the promises --------------------------------------------------------------------------


def total(words: Words, chosen: Selection) -> int:
    return search(SearchQuery(text=words.text, selection=chosen)).total


def ticked(chosen: Selection, value: FacetValue) -> Selection:
    given = int(value.value) if value.parameter == "year" else value.value
    return replace(chosen, **{value.parameter: (*getattr(chosen, value.parameter), given)})


def unticked(chosen: Selection, value: FacetValue) -> Selection:
    given = int(value.value) if value.parameter == "year" else value.value
    kept = tuple(v for v in getattr(chosen, value.parameter) if v != given)
    return replace(chosen, **{value.parameter: kept})


def promise(value: FacetValue) -> str:
    return "included" if value.included else "count" if value.added is None else "added"


def promised(before: int, value: FacetValue) -> int:
    if value.included:
        return before
    return before + value.added if value.added is not None else value.count


def examples(count: int):
    """Hypothesis settings for these tests: the archive is shared, and each example searches
    once for every value offered, so no deadline."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@examples(EXAMPLES)
@given(data=st.data())
def test_ticking_any_offered_value_gives_the_total_it_promised(archive, data):
    words = data.draw(queries(), label="words")
    chosen = data.draw(selections(archive), label="selection")
    found = ids_found(words)
    result = search(SearchQuery(text=words.text, selection=chosen))
    assert result.total == expected_total(archive, found, chosen)
    CHECKED["examples"] += 1
    for facet, values in result.facets.items():
        for value in values:
            if value.selected:
                continue
            note(f"ticking {facet} {value}")
            after = ticked(chosen, value)
            got = total(words, after)
            assert got == promised(result.total, value)
            assert got == expected_total(archive, found, after)
            CHECKED["offered"] += 1
            CHECKED[promise(value)] += 1


@examples(EXAMPLES // 2)
@given(data=st.data())
def test_unticking_a_chosen_value_and_ticking_it_again_gives_the_same_total(archive, data):
    words = data.draw(queries(), label="words")
    chosen = data.draw(selections(archive), label="selection")
    found = ids_found(words)
    before = total(words, chosen)
    result = search(SearchQuery(text=words.text, selection=chosen))
    CHECKED["round trip examples"] += 1
    for facet, values in result.facets.items():
        for value in values:
            if not value.selected:
                continue
            note(f"unticking {facet} {value}")
            without = unticked(chosen, value)
            assert total(words, without) == expected_total(archive, found, without)
            assert total(words, ticked(without, value)) == before
            CHECKED["round trips"] += 1


def answer(result) -> tuple:
    """All that a search shows: its pages, each hit and snippet in order, every facet value."""
    hits = [(hit.decision.pk, str(hit.snippet)) for hit in result.hits]
    return result.total, result.page, result.pages, result.sort, hits, result.facets


@examples(EXAMPLES)
@given(data=st.data())
def test_counting_in_memory_gives_the_databases_own_answer(archive, data, settings):
    """Search counts the facets and chooses the page from each process's copy of the facet
    columns (search/columns.py); the database's own statements (SEARCH_FACET_COLUMNS=0) give
    exactly the same answer, in every order and on every page, past the last one included,
    whether the matches are counted from their own rows or by masks over every row."""
    words = data.draw(queries(), label="words")
    chosen = data.draw(selections(archive), label="selection")
    sort = data.draw(st.sampled_from(("", "relevance", "newest", "oldest")), label="sort")
    page = data.draw(st.sampled_from((1, 2, 3, 10**9)), label="page")
    # 1: any matches short of every row counted from their rows; 10**9: all by masks.
    few = data.draw(st.sampled_from((1, 10**9)), label="FEW_MATCHES")
    query = SearchQuery(text=words.text, selection=chosen, sort=sort, page=page)
    settings.SEARCH_FACET_COLUMNS = True
    with mock.patch.object(columns, "FEW_MATCHES", few):
        in_memory = answer(search(query))
    settings.SEARCH_FACET_COLUMNS = False
    assert in_memory == answer(search(query))
    CHECKED["in memory"] += 1


def test_each_act_on_the_legislation_page_finds_the_number_beside_it(archive):
    acts = legislation_index()
    assert len(acts) >= 3
    for act in acts:
        chosen = Selection(citation=(act.whole.slug,))
        assert (
            total(Words("", "none"), chosen)
            == act.decisions
            == (expected_total(archive, None, chosen))
        )
        CHECKED["legislation"] += 1


def test_the_legislation_index_counted_in_memory_is_the_databases_own(archive, settings):
    """The legislation index counts from each process's copy of the citations
    (search/columns.py); the database's own statements (SEARCH_FACET_COLUMNS=0) give the
    same acts, provisions and counts, in the same order."""
    settings.SEARCH_CACHE = False

    def shown(acts) -> list:
        return [
            (act.legislation.pk, act.decisions, [(p.pk, n) for p, n in act.provisions])
            for act in acts
        ]

    settings.SEARCH_FACET_COLUMNS = True
    in_memory = shown(legislation_index())
    settings.SEARCH_FACET_COLUMNS = False
    assert len(in_memory) >= 3
    assert in_memory == shown(legislation_index())


def test_each_section_on_the_legislation_page_finds_the_number_beside_it(archive):
    for act in legislation_index():
        for provision, count in act.provisions:
            if not provision.section:
                continue
            chosen = Selection(citation=(provision.slug,))
            assert (provision.label, total(Words("", "none"), chosen)) == (provision.label, count)
            assert count == expected_total(archive, None, chosen)
            CHECKED["legislation"] += 1


def test_every_number_the_legislation_page_links_finds_that_many(archive, client):
    """Each linked number on the page gives that many decisions; the decisions citing an act
    without naming a section are counted but not linked (the act's slug finds any part)."""
    page = client.get("/legislation/").content.decode()
    linked = re.findall(
        r'<a href="/decisions/\?citation=([^"]+)">[^<]*</a>\s*(?:<span class="count">|</th><td>)'
        r"([0-9,]+)",
        page,
    )
    assert len(linked) == len(legislation_index()) + sum(
        1 for act in legislation_index() for provision, _ in act.provisions if provision.section
    )
    for slug, shown in linked:
        chosen = Selection(citation=(slug,))
        assert (slug, total(Words("", "none"), chosen)) == (slug, int(shown.replace(",", "")))
    whole_rows = [c for act in legislation_index() for p, c in act.provisions if not p.section]
    assert whole_rows and page.count("Cited without naming a section") == len(whole_rows)


# --- the profile pages ---------------------------------------------------------------------


def expected_profile(rows: list[Row]) -> dict:
    """What a profile should say about `rows`, worked out from them one by one."""
    days = sorted(row.day for row in rows if row.day)
    years = sorted({row.day.year for row in rows if row.day})
    paid = sorted(row.payment for row in rows if row.payment is not None)
    unread = set(
        Remedy.objects.filter(kind=PAYMENT, amount=None).values_list("decision_id", flat=True)
    )
    closed = [row for row in rows if row.outcome_group == OutcomeGroup.CLOSED]
    newest = sorted(
        rows, key=lambda row: (row.day is None, -row.day.toordinal() if row.day else 0, -row.id)
    )
    median = Decimal(statistics.median(paid)).quantize(Decimal("0.01")) if paid else None
    return {
        "outcomes": outcome_tally(rows),
        "first": days[0] if days else None,
        "last": days[-1] if days else None,
        "years": [
            (year, outcome_tally([row for row in rows if row.day and row.day.year == year]))
            for year in range(years[0], years[-1] + 1)
        ]
        if years
        else [],
        "latest": [row.id for row in newest[:10]],
        "payments": (
            len(paid),
            sum(paid, Decimal(0)),
            median,
            sum(1 for row in rows if row.id in unread),
        ),
        "reasons": Counter(row.reason for row in rows if row.reason),
        "reasons_unread": sum(1 for row in closed if row.reason is None),
    }


def outcome_tally(rows: list[Row]) -> tuple[dict, int]:
    counted = Counter(row.outcome_group for row in rows)
    unrecorded = counted.pop(None, 0)
    return dict(counted), unrecorded


def shown_profile(profile) -> dict:
    def tally(outcomes):
        return outcomes.by_group, outcomes.unrecorded

    return {
        "outcomes": tally(profile.outcomes),
        "first": profile.first,
        "last": profile.last,
        "years": [(row.year, tally(row.outcomes)) for row in profile.years],
        "latest": [decision.pk for decision in profile.latest],
        "payments": (
            profile.payments.decisions,
            profile.payments.total,
            profile.payments.median,
            profile.payments.unread,
        ),
        "reasons": Counter({row.reason: row.count for row in profile.reasons}),
        "reasons_unread": profile.reasons_unread,
    }


def test_every_organisations_profile_says_what_its_decisions_say(archive):
    """Each body's profile (counted from the process's copy of the facet columns) against its
    decisions counted one by one here: outcomes, years, dates, latest, payments, reasons, its
    peers (same kind, same years, fictional only if it is) and its top category groups."""
    kinds = dict(Organisation.objects.values_list("slug", "kind"))
    checked = 0
    for organisation in Organisation.objects.all():
        rows = [row for row in archive.rows if row.organisation == organisation.slug]
        if not rows:
            continue
        profile = organisation_profile(organisation)
        assert shown_profile(profile) == expected_profile(rows), organisation.name
        fictional = all(row.fictional for row in rows)
        span = range(profile.first.year, profile.last.year + 1) if profile.first else range(0)
        peers = [
            row
            for row in archive.rows
            if kinds[row.organisation] == organisation.kind
            and row.day
            and row.day.year in span
            and row.fictional == fictional
        ]
        assert profile.peer_fictional == fictional
        assert (profile.peer_outcomes.by_group, profile.peer_outcomes.unrecorded) == outcome_tally(
            peers
        )
        assert profile.peer_bodies == len({row.organisation for row in peers})
        heads = Counter(head_of(archive, row.category) for row in rows if row.category is not None)
        top = sorted(heads.items(), key=lambda item: (-item[1], item[0]))[:10]
        assert [(c.pk, n) for c, n in profile.top_categories] == top
        checked += 1
    assert checked >= 6  # the five made here and the generated ones' bodies
    assert {True, False} <= {
        organisation_profile(o).peer_fictional for o in Organisation.objects.all()
    }
    CHECKED["profiles"] += checked


def head_of(made: Archive, category: int) -> int:
    """The id of the category heading the group a category is published in."""
    by_id = {pk: (parent, group) for pk, parent, group in made.categories.values()}
    return by_id[category][1] or category


def test_every_category_groups_profile_says_what_its_decisions_say(archive):
    checked = 0
    for slug in archive.heads:
        atoms = category_atoms(archive, "category", slug)
        rows = [row for row in archive.rows if row.category in atoms]
        if not rows:
            continue
        profile = category_profile(Category.objects.get(slug=slug))
        assert shown_profile(profile) == expected_profile(rows), slug
        bodies = Counter(row.organisation for row in rows)
        ids = dict(Organisation.objects.values_list("slug", "pk"))
        top = sorted(((ids[o], n) for o, n in bodies.items()), key=lambda i: (-i[1], i[0]))[:10]
        assert [(o.pk, n) for o, n in profile.top_organisations] == top
        checked += 1
    assert checked >= 8
    CHECKED["profiles"] += checked


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(st.integers(-1, 2**31 - 1) | st.integers(-1, 40), max_size=60),
    chosen=st.lists(st.integers(-(2**40), 2**40) | st.integers(-1, 45), max_size=8),
    wide=st.booleans(),
)
def test_a_columns_chosen_values_are_found_as_numpys_isin_finds_them(values, chosen, wide):
    """columns.member_of, the look-up every facet filter in memory goes through, flags the
    rows np.isin flags, for 32- and 64-bit columns, the empty choice, one value, values far
    apart, and out of the column's range or near its type's limits."""
    column = np.asarray(values, dtype=np.int64 if wide else np.int32)
    found = columns.member_of(column, chosen)
    assert found.dtype == bool and found.shape == column.shape
    assert found.tolist() == np.isin(column, np.asarray(chosen, dtype=np.int64)).tolist()
