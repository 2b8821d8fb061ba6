"""Every example on /how-to-search/ does what the page says, on whichever database the run uses.

The examples are read from the rendered page (each is a <code data-example>), searched against
fictional decisions written for them, and must find exactly the decisions listed here: a new
example on the page fails the test until it is given its decisions and its answer.
"""

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions.importing import import_paths
from decisions.search.engine import SearchQuery, search
from decisions.search.query import LONE_NOT, LONE_OR, STOP_WORDS, Term, parse_query
from tests.factories import FICTIONAL

# Each decision's whole searchable text is its summary (and the shared lines below), so what
# each example should find can be read off this table.
SUMMARIES = {
    "homelessness-review": "The Council was slow with the homelessness application and the review.",
    "homelessness": "The Council accepted a homelessness duty at once.",
    "review": "The Council finished its review of the school place within weeks.",
    "temporary-accommodation": "The family spent a year in temporary accommodation.",
    "accommodation-temporary": "The accommodation offered was only temporary.",
    "parking": "A parking fine was cancelled.",
    "bus": "A bus pass was refused.",
    "loud-music": "Neighbours played loud music at night.",
    "loud-apart": "The music was not loud enough to act on.",
    "noise": "Noise from a factory went on for months.",
    "noise-music": "Noise and music from a pub went on for months.",
    "repair-or-replace": "The Council offered to repair or replace the boiler.",
    "replace-or-repair": "The landlord would replace or repair the fence.",
    "repair": "The Council would repair the roof.",
    "replace": "The Council agreed to replace the windows.",
    "complaint": "The complaint about a missed bin collection was late.",
    "complained": "The resident complained about a missed bin collection.",
    "charge": "The charge for respite was correct.",
    "charges": "Charges for day centres were explained.",
    "charging": "The charging policy was followed.",
    "cost-care": "The cost of care at home rose sharply.",
    "cost": "The cost of the works was shared.",
    "care": "Care at home was arranged.",
    "reference": "A garden wall was left standing.",
}
REFERENCE = "20 003 494"  # the page's reference example names this decision

# What each example on the page finds, as the page describes it: exactly these decisions.
FINDS = {
    "complaints": {"complaint"},  # "also finds complaint ... does not find complained"
    "charged": {"charge", "charges", "charging"},
    "homelessness review": {"homelessness-review"},
    '"temporary accommodation"': {"temporary-accommodation"},
    "“temporary accommodation”": {"temporary-accommodation"},
    "parking or bus": {"parking", "bus"},
    "parking OR bus": {"parking", "bus"},
    '"loud music" or noise': {"loud-music", "noise", "noise-music"},
    '"repair or replace"': {"repair-or-replace"},
    "noise -music": {"noise"},
    "noise NOT music": {"noise"},
    "the cost of care": {"cost-care"},
    "(parking)*": {"parking"},
}
# Examples the page says find what other words find.
FINDS_WHAT = {"the cost of care": "cost care", "(parking)*": "parking"}
# Examples that go straight to a decision.
GOES_TO = {REFERENCE: "reference", "20003494": "reference", "20-003-494": "reference"}

pytestmark = pytest.mark.django_db


class _Examples(HTMLParser):
    def __init__(self):
        super().__init__()
        self.examples, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "code" and "data-example" in dict(attrs):
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "code" and self._open is not None:
            self.examples.append(" ".join("".join(self._open).split()))
            self._open = None


def page_examples(client) -> list[str]:
    response = client.get("/how-to-search/")
    assert response.status_code == 200
    parser = _Examples()
    parser.feed(response.content.decode())
    return parser.examples


def reference_of(name: str) -> str:
    if name == "reference":
        return REFERENCE
    return f"24 {list(SUMMARIES).index(name):03d} 001"


@pytest.fixture
def help_archive(write_decision):
    for name, summary in SUMMARIES.items():
        path = write_decision(
            f"{name}.txt",
            reference=reference_of(name),
            organisation="Fernleigh Borough Council",
            category="Environmental services",
            outcome="Not upheld",
            extra=FICTIONAL,
            summary=summary,
            sections={"Final decision": ["I have completed my investigation."]},
        )
    report = import_paths([path.parent])
    assert report.imported == len(SUMMARIES)


def found(text: str) -> set[str]:
    by_reference = {reference_of(name): name for name in SUMMARIES}
    result = search(SearchQuery(text=text))
    assert result.total == len(result.hits)  # every match on the first page
    return {by_reference[hit.decision.reference] for hit in result.hits}


def test_every_example_on_the_page_has_its_answer_here(client):
    examples = page_examples(client)
    assert len(examples) == len(set(examples)), "an example appears twice on the page"
    assert set(examples) == set(FINDS) | set(GOES_TO)


@pytest.mark.parametrize("example", sorted(FINDS))
def test_each_example_finds_what_the_page_says(help_archive, client, example):
    assert found(example) == FINDS[example]
    if example in FINDS_WHAT:
        assert found(FINDS_WHAT[example]) == FINDS[example]
    # The search page and the JSON API give the same answer.
    data = client.get("/api/decisions/", {"q": example}).json()
    assert {r["reference"] for r in data["results"]} == {
        reference_of(name) for name in FINDS[example]
    }
    page = client.get("/decisions/", {"q": example})
    assert page.status_code == 200


@pytest.mark.parametrize("example", sorted(GOES_TO))
def test_a_typed_reference_goes_straight_to_its_decision(help_archive, client, example):
    response = client.get("/decisions/", {"q": example})
    assert response.status_code == 302
    assert response.url == "/decisions/" + REFERENCE.replace(" ", "-") + "/"


def test_stemming_agrees_on_both_databases_for_the_page_words(help_archive):
    """The rule the page states: endings are matched, with the one miss the page names."""
    assert found("complaint") == found("complaints") == {"complaint"}
    assert found("complained") == found("complain") == {"complained"}
    assert found("charges") == found("charging") == found("charge") == FINDS["charged"]


# --- the query translator: or -----------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8).filter(
    lambda word: word not in STOP_WORDS and word not in ("or", "and", "not")
)


@given(left=st.lists(WORDS, min_size=1, max_size=3), right=st.lists(WORDS, min_size=1, max_size=3))
def test_a_lower_case_or_between_words_is_read_as_or(left, right):
    text = " ".join(left) + " {} " + " ".join(right)
    lower, upper = parse_query(text.format("or")), parse_query(text.format("OR"))
    assert lower == upper
    assert lower.notes == ()
    # The words either side of it are the two choices of one clause; the rest must all match.
    assert (Term((left[-1],)), Term((right[0],))) in lower.clauses
    assert len(lower.clauses) == len(left) + len(right) - 1


@given(words=st.lists(WORDS, min_size=1, max_size=3))
def test_or_inside_quotes_is_a_word_of_the_phrase(words):
    parsed = parse_query('"' + " or ".join(["noise", *words]) + '"')
    assert parsed.clauses == ((Term(tuple(" or ".join(["noise", *words]).split())),),)


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("Noise Or smell", ((("noise",), ("smell",)),)),
        ("parking or the bus", ((("parking",), ("bus",)),)),  # a stop word keeps or waiting
        ("loud noise or smell", ((("loud",),), (("noise",), ("smell",)))),
        ("noise or or smell", ((("noise",), ("smell",)),)),
    ],
)
def test_how_or_is_read(text, clauses):
    parsed = parse_query(text)
    assert tuple(tuple(term.words for term in clause) for clause in parsed.clauses) == clauses


@pytest.mark.parametrize("text", ["or", "OR", "or noise", "noise or", "noise OR", "or or"])
def test_an_or_without_a_word_on_each_side_is_left_out_and_said(text):
    parsed = parse_query(text)
    assert parsed.notes == (LONE_OR,)
    assert all(len(clause) == 1 for clause in parsed.clauses)


@pytest.mark.parametrize("text", ["NOT", "care NOT", "noise NOT NOT"])
def test_a_not_without_a_word_after_it_is_left_out_and_said(text):
    parsed = parse_query(text)
    assert parsed.notes == (LONE_NOT,) and parsed.excluded == ()
    assert [term.words for clause in parsed.clauses for term in clause] == [
        (word,) for word in text.lower().split() if word != "not"
    ]
