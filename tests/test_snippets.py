"""The passage a list of results shows (decisions/search/snippets.py): pure Python, the same on
both databases, so these run without one."""

import re

import pytest
import snowballstemmer
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.search.query import STOP_WORDS, parse_query
from decisions.search.snippets import CUT, PASSAGE_CHARACTERS, passages

START, STOP = "«", "»"
FILLER = "The officer read the file again and wrote to the family about the next steps. " * 20


def passage(query: str, summary: str, body: str = "", stemmer: str = "english") -> str:
    found = passages({1: summary}, lambda ids: {1: body}, parse_query(query), stemmer, START, STOP)
    return found[1]


def test_bodies_are_asked_for_only_where_the_summary_does_not_hold_the_words():
    asked = []

    def bodies(ids):
        asked.extend(ids)
        return {pk: "The quokka and the wombat." for pk in ids}

    summaries = {1: "A quokka and a wombat.", 2: "A quokka alone.", 3: "Nothing here."}
    shown = passages(summaries, bodies, parse_query("quokka wombat"), "english", START, STOP)
    assert asked == [2, 3]
    assert shown[1] == "A «quokka» and a «wombat»."
    assert shown[2] == "A «quokka» alone. The «quokka» and the «wombat»."


def marked(text: str) -> list[str]:
    return re.findall(r"«([^»]*)»", text)


@pytest.mark.parametrize("stemmer", ["english", "porter"])
def test_words_are_marked_where_they_stem_as_the_query_word_does(stemmer):
    shown = passage(
        "complaint", "Her complaints and his complaint were complained of.", "", stemmer
    )
    assert marked(shown) == ["complaints", "complaint"]  # "complained" is complain
    # A stem need not be the start of the word as typed: "happy" is happi, as is "happiness".
    assert marked(passage("happy", "A happiness survey, and a happy ending.", "", stemmer)) == [
        "happiness",
        "happy",
    ]


def test_a_word_is_marked_whatever_its_case_and_accents():
    assert marked(passage("cafe", "The CAFÉ and the Café by the Cafe.", "", "porter")) == [
        "CAFÉ",
        "Café",
        "Cafe",
    ]


def test_words_after_characters_of_every_width_are_marked_where_they_are():
    """The text is scanned as UTF-8: each match is marked on its own characters however many
    bytes the characters before it take."""
    text = "Paid £5 ☕ to the café 😀 naïve 𝔘 council, then the Council’s 😀😀 councils."
    expected = text.replace("council,", "«council»,").replace("Council’s", "«Council»’s")
    assert passage("council", text) == expected.replace("councils.", "«councils».")


def test_words_inside_longer_words_and_stop_words_are_not_marked():
    shown = passage('"the council"', "The councillor wrote to the Council's officer.")
    assert marked(shown) == ["Council"]


def test_the_passage_is_cut_round_the_words_and_says_where_it_was_cut():
    body = f"{FILLER} A quokka sat by the gate of the depot. {FILLER}"
    shown = passage("quokka", "The Council lost the survey.", body)
    assert shown.startswith(CUT) and shown.endswith(CUT)
    assert "«quokka» sat by the gate of the depot." in shown
    assert len(shown) < PASSAGE_CHARACTERS + 60  # about forty words, cut at whole words


def test_the_summary_is_the_passage_when_it_holds_every_part_of_the_search():
    summary = "The Council lost the quokka survey."
    body = f"{FILLER} A quokka sat by the wombat pen."
    assert passage("quokka", summary, body) == "The Council lost the «quokka» survey."
    # One of the words only in the body: the passage comes from the whole text.
    both = passage("quokka wombat", summary, body)
    assert "«wombat»" in both
    # A phrase is held only with its words one after another.
    summary = "The special provision met her educational needs."
    shown = passage(
        '"special educational needs"', summary, f"{FILLER} Her special educational needs."
    )
    assert "Her «special» «educational» «needs»." in shown
    # OR: the summary holds one of the two, which is enough.
    summary = "The Council lost the quokka survey."
    assert passage("wombat OR quokka", summary, body) == "The Council lost the «quokka» survey."


def test_words_far_apart_give_two_passages_in_the_order_of_the_text():
    body = f"A quokka sat by the gate. {FILLER} A wombat dug under the fence."
    shown = passage("wombat quokka", "The Council lost the survey.", body)
    assert marked(shown) == ["quokka", "wombat"]
    assert shown.count(" … ") == 1


def test_a_redaction_is_never_cut_in_two():
    summary = "[redacted] waited eleven weeks for the Council to reply."
    assert (
        passage("waited", summary) == "[redacted] «waited» eleven weeks for the Council to reply."
    )
    shown = passage("waited", "", "word " * 60 + "[redacted] waited")
    assert shown.startswith(f"{CUT}word") and shown.endswith("[redacted] «waited»")


def test_a_decision_found_by_its_reference_or_organisation_shows_its_summary():
    summary = "The Council lost the survey. " * 20
    shown = passage("Thistlebury", summary, FILLER)
    assert not marked(shown)
    assert shown.startswith("The Council lost the survey.") and shown.endswith(CUT)


WORDS = ["quokka", "quokkas", "council", "councils", "happy", "happiness", "the", "of", "wombat"]
# Characters of two, three and four bytes in UTF-8, before and between the words.
OTHER_WIDTHS = ["café", "£1,250", "naïve", "☕", "😀", "𝔘"]


@settings(max_examples=200, deadline=None)
@given(
    summary=st.lists(st.sampled_from(WORDS), max_size=30),
    body=st.lists(
        st.sampled_from([*WORDS, *OTHER_WIDTHS, "[redacted]", "filler.", "text,"]),
        min_size=40,
        max_size=400,
    ),
    query=st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
    stemmer=st.sampled_from(["english", "porter"]),
)
def test_a_passage_is_the_texts_own_words_with_exactly_the_matching_ones_marked(
    summary, body, query, stemmer
):
    summary_text, body_text = " ".join(summary), " ".join(body)
    shown = passage(" ".join(query), summary_text, body_text, stemmer)
    stem = snowballstemmer.stemmer(stemmer).stemWord
    wanted = {stem(word) for word in query if word not in STOP_WORDS}
    whole = f" {' '.join(summary + body)} "
    for fragment in shown.split(" … "):
        plain = fragment.removeprefix(CUT).removesuffix(CUT).replace(START, "").replace(STOP, "")
        # Whole words of the text, in its order, nothing added or cut in two.
        assert f" {plain} " in whole, (plain, shown)
        for word in fragment.removeprefix(CUT).removesuffix(CUT).split():
            token = word.strip(START + STOP + ".,")
            if token == "[redacted]":
                continue
            is_marked = word.startswith(START) and word.rstrip(".,").endswith(STOP)
            assert is_marked == (stem(token.lower()) in wanted), (word, shown)
