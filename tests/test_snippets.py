"""The passage a list of results shows (decisions/search/snippets.py): pure Python, the same on
both databases, so these run without one."""

import re

import pytest
import snowballstemmer
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.search.query import STOP_WORDS, parse_query
from decisions.search.snippets import CUT, PASSAGE_CHARACTERS, passages
from decisions.search.snippets import marked as marked_text

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


@pytest.mark.parametrize("stemmer", ["english", "porter"])
def test_a_phrases_words_are_marked_only_where_they_are_the_phrase(stemmer):
    """A passage, and a decision's whole text, mark a phrase where it stands, not each of its
    words wherever it is; a word searched for alone is marked wherever it is."""
    text = (
        "Special arrangements were made for her education. She has special educational "
        "needs, and the needs of the family were assessed, with special help for educational needs."
    )
    query = parse_query('"special educational needs"')
    for shown in (passage('"special educational needs"', text, "", stemmer),
                  marked_text(text, query, stemmer, START, STOP)):  # fmt: skip
        assert marked(shown) == ["special", "educational", "needs"]
        assert "She has «special» «educational» «needs», and the needs" in shown
    # Only stop words between its words: still the phrase, as the databases read it.
    assert marked(passage('"educational needs of the family"', text, "", stemmer)) == []
    assert marked(passage('"needs of the family"', text, "", stemmer)) == ["needs", "family"]
    # The same words also asked for alone: marked wherever they are.
    both = passage('needs "special educational needs"', text, "", stemmer)
    assert marked(both) == ["special", "educational", "needs", "needs", "needs"]
    # A word the index parts (self-funding) is the phrase of its parts.
    parted = "She was self-funding. Her self assessment of funding was late."
    assert marked(passage("self-funding", parted, "", stemmer)) == ["self", "funding"]


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


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(st.sampled_from([*WORDS, *OTHER_WIDTHS, "filler.", "a", "and"]), max_size=120),
    phrase=st.lists(st.sampled_from(WORDS), min_size=2, max_size=3),
    stemmer=st.sampled_from(["english", "porter"]),
)
def test_a_phrase_is_marked_exactly_where_its_words_stand_one_after_another(text, phrase, stemmer):
    """Worked out word by word: a phrase's words, each in its place, with at most stop words
    (and no more than 40 characters) between one and the next."""
    stem = snowballstemmer.stemmer(stemmer).stemWord
    terms = [word for word in phrase if word not in STOP_WORDS]
    wanted = [stem(word) for word in terms]
    ends = [len(" ".join(text[: i + 1])) for i in range(len(text))]
    found = [i for i, word in enumerate(text) if word in WORDS and stem(word) in wanted]

    def next_to(i: int, j: int) -> bool:  # only stop words (or no words) between, close by
        between = text[i + 1 : j]
        words = [w for token in between for w in re.findall(r"[^\W_]+", token)]
        return all(w.lower() in STOP_WORDS for w in words) and ends[j - 1] - ends[i] + 1 < 40

    expected = set()
    for k in range(len(found) - len(wanted) + 1):
        run = found[k : k + len(wanted)]
        if [stem(text[i]) for i in run] == wanted and all(
            next_to(a, b) for a, b in zip(run, run[1:], strict=False)
        ):
            expected.update(run)
    shown = marked_text(" ".join(text), parse_query(f'"{" ".join(phrase)}"'), stemmer, START, STOP)
    assert marked(shown) == [text[i] for i in sorted(expected)], (phrase, shown)
