"""The parser against the real sample and every variant in docs/format.md, field by field."""

import codecs
import re
import textwrap
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.body import body_layout, sections_from_body
from decisions.parsing import (
    MAX_FILE_BYTES,
    WARNING_KINDS,
    ParsedDecision,
    ParseError,
    ParseWarning,
    parse_decision,
)
from tests.factories import SAMPLE_DIR, decision_text

SAMPLE = SAMPLE_DIR / "newham-20-003-494.txt"

SPACED = """\
Thistlebury Borough Council (19 012 345)

Category : Adult care services > Charging

Decision : Upheld

Decision date : 12 Nov 2019

The Ombudsman's final decision:

Summary: The Council wrongly charged Mrs D for care she did not receive.

Back to top

The complaint

  1. Mrs D complains the Council charged her for respite care.

Back to top

What I found

  1. The Council sent invoices for weeks when no care was given.

    • It did not check the care provider’s records.

    • It did not answer her letters.

  2. The Council has agreed to refund £1,250.

      1. It will apologise.

Back to top

Final decision

  1. I have completed my investigation.

Assistant Ombudsman’s decision on behalf of the Ombudsman
"""


def test_the_real_newham_sample_is_read_field_by_field():
    decision = parse_decision(SAMPLE.read_bytes())
    assert decision.reference == "20 003 494"
    assert decision.slug == "20-003-494"
    assert decision.organisation_name == "London Borough of Newham"
    assert decision.organisations == ("London Borough of Newham",)
    assert decision.category == ("Children's care services", "Other")
    assert decision.outcome == "Closed after initial enquiries"
    assert decision.decision_date == date(2020, 9, 29)
    assert decision.extra == {}
    assert decision.warnings == ()
    assert decision.summary.startswith("The Ombudsman will not investigate Miss B’s complaint")
    assert decision.summary.endswith("anything significant by doing so.")
    assert [s.heading for s in decision.sections] == [
        "The complaint",
        "The Ombudsman’s role and powers",
        "How I considered this complaint",
        "What I found",
        "Final decision",
    ]
    powers = decision.sections[1].paragraphs
    assert len(powers) == 8
    assert powers[5].marker == "" and powers[5].text.startswith("(Local Government Act 1974")
    assert all(p.marker == "-" for p in decision.sections[3].paragraphs)
    assert decision.decision_maker == "Investigator's decision on behalf of the Ombudsman"
    assert "Investigator's decision" not in decision.body
    assert decision.body.startswith("The complaint\n- The complainant, who I will refer to")


def test_spaced_layout_keeps_numbering_bullets_and_levels_and_drops_back_to_top():
    decision = parse_decision(SPACED.encode())
    assert decision.category == ("Adult care services", "Charging")
    assert decision.decision_date == date(2019, 11, 12)
    assert decision.summary == "The Council wrongly charged Mrs D for care she did not receive."
    assert [s.heading for s in decision.sections] == [
        "The complaint",
        "What I found",
        "Final decision",
    ]
    found = decision.sections[1].paragraphs
    assert [(p.marker, p.level) for p in found] == [
        ("1.", 0),
        ("•", 1),
        ("•", 1),
        ("2.", 0),
        ("1.", 2),
    ]
    assert found[1].text == "It did not check the care provider’s records."
    assert "Back to top" not in decision.body
    assert decision.decision_maker == "Assistant Ombudsman’s decision on behalf of the Ombudsman"


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("utf-8"), id="utf-8"),
        pytest.param(lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(lambda text: text.encode("cp1252"), id="windows-1252"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode(), id="CRLF"),
        pytest.param(lambda text: text.replace("\n", "\r").encode(), id="CR"),
        pytest.param(lambda text: text.rstrip("\n").encode(), id="no final newline"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf-16 with BOM"),
        # As `iconv -t UTF-16LE` and some export tools write it: was refused as binary (NULs).
        pytest.param(lambda text: text.encode("utf-16-le"), id="utf-16-le without BOM"),
        pytest.param(lambda text: text.encode("utf-16-be"), id="utf-16-be without BOM"),
    ],
)
def test_encodings_and_line_ends_give_the_same_decision(encode):
    text = decision_text(
        summary="Mr X’s “complaint” about a £500 charge was upheld.",
        sections={"What I found": ["The Council’s letter said “no”.", "It owes £500."]},
    )
    expected = parse_decision(text.encode("utf-8"))
    decision = parse_decision(encode(text))
    assert decision.summary == "Mr X’s “complaint” about a £500 charge was upheld."
    assert decision.sections == expected.sections
    assert decision.sections[0].paragraphs[1].text == "It owes £500."
    assert decision.reference == expected.reference == "21 004 517"


def test_windows_1252_is_reported_as_a_warning():
    decision = parse_decision(decision_text(summary="It’s £5.").encode("cp1252"))
    assert decision.summary == "It’s £5."
    assert ParseWarning("not-utf8", "not UTF-8: read as Windows-1252") in decision.warnings


def test_a_file_mixing_utf8_and_windows_1252_lines_reads_both():
    text = decision_text(summary="UTF8 line with Mr X’s case.")
    data = text.encode("utf-8").replace(b"eleven weeks", "eleven weeks’".encode("cp1252"))
    decision = parse_decision(data)
    assert decision.summary == "UTF8 line with Mr X’s case."
    assert "eleven weeks’" in decision.body


def test_a_line_mixing_utf8_and_windows_1252_reads_each_character_right():
    text = decision_text(summary="Miss B’s payment of POUND300.")
    data = text.encode("utf-8").replace(b"POUND", "£".encode("cp1252"))
    assert parse_decision(data).summary == "Miss B’s payment of £300."
    # Windows-1252 leaves 0x81 undefined: read as Latin-1, not lost.
    data = text.encode("utf-8").replace(b"POUND", b"\x81")
    assert parse_decision(data).summary == "Miss B’s payment of \x81300."


def test_extra_header_fields_are_kept_by_name_including_several_lines():
    text = decision_text(
        extra={
            "Remedy": "Financial redress: Avoidable distress/time and trouble",
            "Service improvement": "Review of procedures",
        }
    ).replace(
        "Service improvement :",
        "Financial redress: Loss of service\nService improvement :",
    )
    decision = parse_decision(text.encode())
    assert decision.extra == {
        "Remedy": "Financial redress: Avoidable distress/time and trouble\n"
        "Financial redress: Loss of service",
        "Service improvement": "Review of procedures",
    }
    assert decision.outcome == "Upheld"


def test_single_level_category():
    decision = parse_decision(decision_text(category="Trees").encode())
    assert decision.category == ("Trees",)


@pytest.mark.parametrize(
    "line",
    [
        "Category: Planning > Enforcement",
        "Category :Planning > Enforcement",
        "Category  :  Planning  >  Enforcement",
    ],
)
def test_header_spacing_variants(line):
    text = decision_text().replace("Category : Housing > Homelessness", line)
    assert parse_decision(text.encode()).category == ("Planning", "Enforcement")


@pytest.mark.parametrize(
    ("written", "category"),
    [
        ("Adult care services - Assessment and care plan",
         ("Adult care services", "Assessment and care plan")),
        ("Adult care services / Assessment and care plan",
         ("Adult care services", "Assessment and care plan")),
        ("Adult care services: Charging", ("Adult care services", "Charging")),
        ("Adult care services » Direct payments", ("Adult care services", "Direct payments")),
        ("Children’s care services – Looked after children",
         ("Children’s care services", "Looked after children")),
        ("Housing->Homelessness", ("Housing", "Homelessness")),
        ("Planning and development - Enforcement", ("Planning and development", "Enforcement")),
        ("Environmental services, public protection & regulation | Noise",
         ("Environmental services, public protection & regulation", "Noise")),
        ("Adult care services -", ("Adult care services",)),
        ("Adult care services /\nAssessment and care plan",  # wrapped after its mark
         ("Adult care services", "Assessment and care plan")),
        ("Adult care services", ("Adult care services",)),
        # Not after a known parent: one name, never cut.
        ("Housing benefit - council tax", ("Housing benefit - council tax",)),
        ("Planning and development", ("Planning and development",)),
    ],
)  # fmt: skip
def test_a_known_parent_and_its_subcategory_parted_by_another_mark_are_two_levels(
    written, category
):
    # "Adult care services - Charging" was one top-level category of that name, apart from
    # the decisions under "Adult care services > Charging".
    decision = parse_decision(decision_text(category=written).encode())
    assert decision.category == category


def test_organisation_name_with_parentheses_takes_the_last_group_as_reference():
    name = "Bramblewood Care Ltd (Thistlebury House)"
    decision = parse_decision(decision_text(organisation=name).encode())
    assert decision.organisation_name == name
    assert decision.organisations == (name,)
    assert decision.reference == "21 004 517"


@pytest.mark.parametrize(
    ("first", "rest", "name"),
    [
        ("London Borough of", "Wrenmoor", "London Borough of Wrenmoor"),
        ("Wrenmoor Council and", "Oakhollow NHS Trust", "Wrenmoor Council and Oakhollow NHS Trust"),
        ("Oakhollow Care Ltd -", "Ash House", "Oakhollow Care Ltd - Ash House"),
    ],
)  # fmt: skip
def test_an_organisation_name_wrapped_onto_a_second_line_is_read_whole(first, rest, name):
    text = decision_text(organisation=rest).replace(rest, f"{first}\n{rest}", 1)
    decision = parse_decision(text.encode())
    assert decision.organisation_name == name and decision.warnings == ()
    # A line of page text above a whole name is still skipped, not joined to it.
    banner = "Cookie settings\n" + decision_text(organisation="London Borough of Wrenmoor")
    decision = parse_decision(banner.encode())
    assert decision.organisation_name == "London Borough of Wrenmoor"
    assert [w.kind for w in decision.warnings] == ["page-text-skipped"]


def test_a_reference_wrapped_onto_a_line_of_its_own_takes_the_name_above_it():
    text = decision_text(organisation="London Borough of Wrenmoor")
    decision = parse_decision(text.replace("Wrenmoor (", "Wrenmoor\n(", 1).encode())
    assert decision.organisation_name == "London Borough of Wrenmoor"
    assert decision.reference == "21 004 517" and decision.warnings == ()
    assert decision.category == ("Housing", "Homelessness")
    # A label, a field or nothing above it names no body: still refused.
    for above in ("Complaint reference:", "Subject: Final decision", ""):
        error = refusal(text.replace("London Borough of Wrenmoor ", f"{above}\n", 1).encode())
        assert error.reason == "the reference has no organisation name before it"


def test_two_bodies_in_one_line_are_kept_whole_and_split_in_order():
    name = "Wrenmoor County Council and Oakhollow Borough Council"
    decision = parse_decision(decision_text(organisation=name).encode())
    assert decision.organisation_name == name
    assert decision.organisations == ("Wrenmoor County Council", "Oakhollow Borough Council")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("29 Sep 2020", date(2020, 9, 29)),
        ("05 Mar 2021", date(2021, 3, 5)),
        ("5 March 2021", date(2021, 3, 5)),
        ("05-Mar-2021", date(2021, 3, 5)),
        ("1 Sept 2016", date(2016, 9, 1)),
        ("5 March, 2021", date(2021, 3, 5)),
        ("03-Feb-22", date(2022, 2, 3)),
        ("05/03/2021", date(2021, 3, 5)),  # day first, as in the UK
        ("5.3.2021", date(2021, 3, 5)),
        # as others write it: a weekday, the month first, a database's, dashes, a note after
        ("Tuesday 5 March 2023", date(2023, 3, 5)),
        ("Tue, 5 March 2023", date(2023, 3, 5)),
        ("March 5, 2023", date(2023, 3, 5)),
        ("Mar 5th 2023", date(2023, 3, 5)),
        ("2023-03-05", date(2023, 3, 5)),
        ("05-03-2023", date(2023, 3, 5)),
        ("03\u2013Feb\u20132022", date(2022, 2, 3)),
        ("3 Feb 2022 (amended 5 Feb 2022)", date(2022, 2, 3)),
        ("3  Feb   2022", date(2022, 2, 3)),
        # typed or exported with more round it: a full stop, "of", a year first with slashes,
        # a spreadsheet's or a database's time of day
        ("5 March 2021.", date(2021, 3, 5)),
        ("5th of March 2021", date(2021, 3, 5)),
        ("2021/03/05", date(2021, 3, 5)),
        ("2021-03-05 00:00:00", date(2021, 3, 5)),
        ("05 Mar 2021 14:30", date(2021, 3, 5)),
    ],
)
def test_both_date_spellings_and_the_listing_form(written, expected):
    assert parse_decision(decision_text(decision_date=written).encode()).decision_date == expected


@pytest.mark.parametrize("name", ["Date", "Date of decision", "date"])
def test_the_decision_date_under_another_name_is_the_decision_date(name):
    text = decision_text().replace("Decision date : 5 Mar 2021", f"{name} : 5 Mar 2021")
    decision = parse_decision(text.encode())
    assert decision.decision_date == date(2021, 3, 5)
    assert decision.extra == {} and decision.warnings == ()


def test_header_fields_run_together_on_one_line_or_parted_by_tabs_are_each_read():
    one_line = decision_text().replace(
        "Category : Housing > Homelessness\nDecision : Upheld\nDecision date : 5 Mar 2021",
        "Category : Housing > Homelessness    Decision : Upheld\tDecision date : 5 Mar 2021",
    )
    tabs = decision_text().replace(" : ", "\t", 3)
    for text in (one_line, tabs):
        decision = parse_decision(text.encode())
        assert decision.category == ("Housing", "Homelessness")
        assert (decision.outcome, decision.decision_date) == ("Upheld", date(2021, 3, 5))
        assert decision.warnings == ()


def test_a_category_line_naming_several_records_the_first_and_says_so():
    several = "Adult care services > Charging; Housing > Homelessness"
    decision = parse_decision(decision_text(category=several).encode())
    assert decision.category == ("Adult care services", "Charging")
    assert decision.warnings == (
        ParseWarning(
            "several-categories",
            "line 2: several categories: only the first, Adult care services > Charging, is "
            "recorded",
        ),
    )


@pytest.mark.parametrize(
    "outcome",
    [
        "Upheld: maladministration and injustice",
        "Closed after initial enquiries - out of jurisdiction",
        "Report issued",
    ],
)
def test_outcome_label_is_kept_exactly(outcome):
    assert parse_decision(decision_text(outcome=outcome).encode()).outcome == outcome


def test_an_empty_category_line_is_said_to_be_empty_not_missing():
    decision = parse_decision(decision_text(category="").encode())
    assert decision.category is None
    assert decision.warnings == (
        ParseWarning("no-category", "empty Category line: category not recorded"),
    )


def test_back_to_top_in_the_spaced_header_is_dropped_not_read_as_a_value():
    """The spaced layout puts "Back to top" before each heading, the first one in the header."""
    text = decision_text(extra={"Remedy": "Financial redress: Quantifiable loss"}).replace(
        "The Ombudsman's final decision:", "\nBack to top\n\nThe Ombudsman's final decision:"
    )
    decision = parse_decision(text.encode())
    assert decision.extra == {"Remedy": "Financial redress: Quantifiable loss"}
    assert decision.warnings == ()
    plain = parse_decision(decision_text().replace("Summary:", "Back to top\nSummary:").encode())
    assert plain.warnings == () and plain.summary.startswith("The Council delayed")


def test_the_sites_footer_below_the_signature_is_skipped_with_a_warning():
    footer = "Back to top\nContact us\nAccessibility statement\nPrivacy notice\n"
    footer += "© Local Government and Social Care Ombudsman\n"
    decision = parse_decision((decision_text() + footer).encode())
    assert decision.decision_maker == "Investigator's decision on behalf of the Ombudsman"
    assert [s.heading for s in decision.sections] == [
        "The complaint",
        "What I found",
        "Final decision",
    ]
    assert decision.warnings == (
        ParseWarning("page-footer-skipped", "skipped 4 line(s) of page text below the signature"),
    )
    # Prose after the signature is the decision's own: kept, as a note below it.
    prose = parse_decision((decision_text() + "The Council has since apologised.\n").encode())
    assert prose.decision_maker == "Investigator's decision on behalf of the Ombudsman"
    assert prose.warnings == ()
    assert prose.sections[-1].heading == "Notes"
    assert prose.sections[-1].paragraphs[-1].text == "The Council has since apologised."


def test_words_either_side_of_a_manual_line_or_page_break_do_not_run_together():
    said = "- The Council should:\x0bapologise;\x0bpay £150.\x0c- It has agreed."
    text = decision_text(sections={"Agreed action": ["PLACEHOLDER"]})
    decision = parse_decision(text.replace("- PLACEHOLDER", "\n".join([said] * 6)).encode())
    paragraphs = [p.text for p in decision.sections[0].paragraphs]
    assert paragraphs[:2] == ["The Council should: apologise; pay £150.", "It has agreed."]
    assert len(paragraphs) == 12  # 30 of them are not "full of control characters"


def test_a_joint_decision_headed_the_ombudsmens_final_decision_is_read():
    for heading in ("The Ombudsmen's final decision:", "The Ombudsmen’s final decision:"):
        text = decision_text().replace("The Ombudsman's final decision:", heading)
        decision = parse_decision(text.encode())
        assert decision.summary.startswith("The Council delayed")
        assert decision.outcome == "Upheld" and decision.sections


def test_page_furniture_above_the_organisation_line_is_skipped_with_a_warning():
    text = "Privacy settings\nRequired cookies\nWe use cookies (2 kinds)\n\n" + decision_text()
    decision = parse_decision(text.encode())
    assert decision.organisation_name == "Wrenmoor District Council"
    assert decision.warnings == (
        ParseWarning(
            "page-text-skipped", "skipped 4 line(s) of page text above the organisation line"
        ),
    )


def test_missing_category_decision_and_date_lines_are_not_recorded_and_warned():
    text = decision_text(category=None, outcome=None, decision_date=None)
    decision = parse_decision(text.encode())
    assert (decision.category, decision.outcome, decision.decision_date) == (None, None, None)
    assert decision.warnings == (
        ParseWarning("no-category", "no Category line: category not recorded"),
        ParseWarning("no-outcome", "no Decision line: decision not recorded"),
        ParseWarning("no-decision-date", "no Decision date line: decision date not recorded"),
    )
    assert decision.summary.startswith("The Council delayed")


def test_every_kind_of_warning_is_named_by_a_kind_that_has_a_description():
    text = decision_text(category=None, outcome=None, decision_date=None, summary="It’s late.")
    text = text.replace("Summary: ", "").replace(")\n", ")\nA stray line\n", 1)
    data = ("Cookie settings\n\n" + text + "Contact us\n").encode("cp1252")
    kinds = [warning.kind for warning in parse_decision(data).warnings]
    several = decision_text(category="Housing > Homelessness; Trees")  # has a category line
    kinds += [warning.kind for warning in parse_decision(several.encode()).warnings]
    assert sorted(kinds) == sorted(WARNING_KINDS)


@pytest.mark.parametrize("label", ["Summary:\n", "Summary\n", "Summary :\n"])
def test_summary_may_start_on_the_line_after_summary(label):
    text = decision_text().replace("Summary: ", label)
    decision = parse_decision(text.encode())
    assert decision.summary.startswith("The Council delayed reviewing")
    assert decision.warnings == () and decision.sections[0].heading == "The complaint"


def test_headings_with_straight_or_curly_apostrophes_are_both_headings():
    text = decision_text(
        sections={
            "The Ombudsman's role and powers": ["We investigate complaints."],
            "The Ombudsman’s role and powers": ["Again."],
        }
    )
    headings = [s.heading for s in parse_decision(text.encode()).sections]
    assert headings == ["The Ombudsman's role and powers", "The Ombudsman’s role and powers"]


def test_the_rows_of_a_table_pasted_as_text_stay_in_their_section_not_headings():
    text = decision_text(
        sections={"Agreed action": ["Within one month the Council will pay Mr X:"]}
    ).replace(
        "- Within one month the Council will pay Mr X:\n",
        "- Within one month the Council will pay Mr X:\nDistress\t£200\n"
        "Time and trouble    £100\nA total of £300\n",
    )
    decision = parse_decision(text.encode())
    [section] = decision.sections
    assert section.heading == "Agreed action"
    assert [p.text for p in section.paragraphs][1:] == [
        "Distress\t£200", "Time and trouble    £100", "A total of £300"]  # fmt: skip


def test_reference_is_normalised_to_single_spaces():
    text = decision_text().replace("(21 004 517)", "(21  004\u00a0517)")
    assert parse_decision(text.encode()).reference == "21 004 517"


def test_characters_a_web_page_carries_unseen_are_dropped_and_its_line_separators_end_lines():
    clean = parse_decision(decision_text().encode())
    text = (
        decision_text(
            organisation="Wrenmoor District Coun\u00adcil", category="Housing > Home\u200blessness"
        )
        .replace("(21 004 517)", "(21\u2009004\u200b 517)")
        .replace("Category :", "\u200bCategory :")
        .replace("\nDecision :", "\u2028Decision\u2060 :")
        .replace("Mr X’s", "Mr\u202fX’s")
    )
    parsed = parse_decision(text.encode())
    assert parsed.organisation_name == clean.organisation_name == "Wrenmoor District Council"
    assert parsed.reference == clean.reference
    assert parsed.category == clean.category == ("Housing", "Homelessness")
    assert parsed.outcome == clean.outcome == "Upheld"
    assert parsed.summary == clean.summary
    assert not parsed.warnings


# --- what is refused, and why ---------------------------------------------------------------


def refusal(data: bytes) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_decision(data)
    return caught.value


def test_empty_and_blank_files_are_refused():
    assert refusal(b"").reason == "empty file"
    assert refusal(b" \n\r\n\t\n").reason == "empty file"


def test_binary_files_are_refused():
    assert "binary file" in refusal(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").reason
    assert "binary file" in refusal(bytes(range(1, 32)) * 20).reason
    # NUL bytes at random, not every other byte as UTF-16 has them.
    assert "binary file" in refusal(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 50).reason


def test_missing_reference_is_refused():
    text = decision_text().replace(" (21 004 517)", "")
    assert "no organisation line" in refusal(text.encode()).reason


@pytest.mark.parametrize("reference", ["21 004 51X", "2100 4517", "AB 004 517", "21-004"])
def test_malformed_reference_is_refused_naming_the_line(reference):
    error = refusal(decision_text(reference=reference).encode())
    assert error.reason.startswith(f"malformed reference ({reference})")
    assert error.line == 1
    assert str(error).startswith("line 1: malformed reference")


@pytest.mark.parametrize(
    ("line", "wrong"),
    [
        ("Wrenmoor District Council (21 004 592).", "is followed by '.'"),
        (
            "Wrenmoor District Council (21 004 592) - final decision",
            "is followed by '- final decision'",
        ),
        ("Wrenmoor District Council [21 004 592]", "is not in round brackets at the end"),
        ("Wrenmoor District Council 21 004 592", "is not in round brackets at the end"),
    ],
)
def test_a_reference_not_at_the_lines_end_in_brackets_is_refused_saying_so(line, wrong):
    # Was "no organisation line: no line ending in a reference …", though line 1 has one.
    text = decision_text().replace("Wrenmoor District Council (21 004 517)", line)
    error = refusal(text.encode())
    assert error.line == 1
    assert error.reason.startswith(f"the reference 21 004 592 {wrong}")
    assert error.reason.endswith("must be the body's name then the reference in brackets, as "
                                 "in 'Name of the council (21 004 592)'")  # fmt: skip


@pytest.mark.parametrize(
    "written",
    ["Ref: 21 004 517", "ref 21 004 517", "Our ref. 21 004 517", "Reference no. 21 004 517"],
)
def test_a_reference_typed_with_its_label_in_the_brackets_is_read(written):
    # "Wrenmoor District Council (Ref: 21 004 517)" was refused as a malformed reference.
    decision = parse_decision(decision_text().replace("(21 004 517)", f"({written})").encode())
    assert (decision.organisation_name, decision.reference) == (
        "Wrenmoor District Council", "21 004 517"
    )  # fmt: skip


def test_reference_without_an_organisation_name_is_refused():
    error = refusal(decision_text(organisation="").encode())
    assert error.reason == "the reference has no organisation name before it"


@pytest.mark.parametrize("written", ["31 Feb 2021", "30 February 2020", "00 Jan 2020"])
def test_impossible_dates_are_refused_naming_the_line(written):
    error = refusal(decision_text(decision_date=written).encode())
    assert error.reason == f"impossible decision date {written!r}"
    assert error.line == 4


@pytest.mark.parametrize(
    ("written", "meant"),
    [("03/25/2021", "25 Mar 2021"), ("12/31/2020", "31 Dec 2020"), ("3/25/21", "25 Mar 2021")],
)
def test_a_date_written_month_first_is_refused_saying_how_it_was_read(written, meant):
    # Was only "impossible decision date '03/25/2021'", which does not say why.
    error = refusal(decision_text(decision_date=written).encode())
    assert error.line == 4
    assert error.reason == (
        f"impossible decision date {written!r}: there is no month {written.split('/')[1]} (a "
        "date in figures is read day first, as in the UK); if the month comes first, as in "
        f"the US, write it as {meant}"
    )
    error = refusal(decision_text(decision_date="2021-25-03").encode())
    assert error.reason.endswith("there is no month 25; for 25 Mar 2021 write 2021-03-25")


def test_a_date_still_to_come_is_refused_and_a_short_year_to_come_is_of_the_last_century():
    later = date.today() + timedelta(days=2)
    error = refusal(decision_text(decision_date=later.strftime("%d %b %Y")).encode())
    assert error.reason == f"decision date {later.strftime('%d %b %Y')!r} is in the future"
    assert error.line == 4
    tomorrow = date.today() + timedelta(days=1)  # somewhere it may already be tomorrow
    written = tomorrow.strftime("%d %b %Y")
    assert parse_decision(decision_text(decision_date=written).encode()).decision_date == tomorrow
    # A short year still to come is the last century's: refused before 1974, not read as 20yy.
    next_year = f"03-Feb-{(date.today().year + 1) % 100:02d}"
    assert "in the future" not in refusal(decision_text(decision_date=next_year).encode()).reason
    assert parse_decision(decision_text(decision_date="03-Feb-99").encode()).decision_date == (
        date(1999, 2, 3)
    )


def test_two_decisions_in_one_file_are_refused_naming_where_the_second_starts():
    first = decision_text(reference="23 000 020")
    second = decision_text(reference="23 000 021", organisation="Oakhollow Borough Council")
    error = refusal((first + "\n" + second).encode())
    assert error.reason == "a second decision starts here: one decision a file (split the file)"
    assert error.line == len(first.splitlines()) + 2
    # A reference cited in the text, or the heading's words in a sentence, are no second one.
    cited = first.replace(
        "- I have completed my investigation.",
        "- We looked at an earlier complaint about Oakhollow Borough Council (23 000 021)\n"
        "- The Ombudsman's final decision is that there was fault.",
    )
    assert parse_decision(cited.encode()).reference == "23 000 020"


@pytest.mark.parametrize("written", ["sometime in 2020", "Smarch 5, 2020", "2020-13-45x", "5 2020"])
def test_unreadable_date_is_refused(written):
    error = refusal(decision_text(decision_date=written).encode())
    assert error.reason.startswith("malformed decision date")


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("5 Marhc 2021", "Marhc"),
        ("Smarch 5, 2020", "Smarch"),
        ("Friday 5th of Mrach 2021", "Mrach"),
    ],
)
def test_a_date_with_a_misspelt_month_is_refused_naming_the_word(written, month):
    # Was only "malformed decision date …: expected a date like 29 Sep 2020", the shape given.
    error = refusal(decision_text(decision_date=written).encode())
    assert error.reason == (
        f"malformed decision date {written!r} ({month!r} is no month): expected a date like "
        "29 Sep 2020"
    )


def test_header_with_no_body_is_refused():
    text = decision_text().split("Summary:")[0]
    error = refusal(text.encode())
    assert error.reason.startswith("header with no body")
    assert error.line == 5


def test_file_without_the_decision_heading_is_refused():
    text = decision_text().replace("The Ombudsman's final decision:", "")
    assert "is missing" in refusal(text.encode()).reason


def test_file_over_the_size_limit_is_refused():
    text = decision_text(summary="word " * (MAX_FILE_BYTES // 5))
    assert "byte limit" in refusal(text.encode()).reason


# --- never anything but a decision or a ParseError ------------------------------------------

header_lines = st.sampled_from(
    [
        "London Borough of Newham (20 003 494)",
        "Category : Housing > Other",
        "Decision : Upheld",
        "Decision date : 31 Feb 2020",
        "Decision date : 5 March 2021",
        "The Ombudsman's final decision:",
        "Summary:",
        "Summary: text",
        "Back to top",
        "  1. item",
        "    • bullet",
        "(12 345 678)",
        "Remedy : Financial redress: x",
        "Final decision",
        "",
        "\ufeff",
        "a) sub",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_decision_or_a_parse_error(data):
    try:
        decision = parse_decision(data)
    except ParseError as error:
        assert error.reason
    else:
        assert isinstance(decision, ParsedDecision)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(header_lines, st.text(max_size=80)), max_size=30),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_any_text_built_from_decision_like_lines_gives_a_decision_or_a_parse_error(lines, end):
    try:
        decision = parse_decision(end.join(lines).encode("utf-8", "surrogatepass"))
    except ParseError as error:
        assert error.reason
    else:
        assert re.fullmatch(r"[0-9]{2} [0-9]{3} [0-9]{3}", decision.reference)
        assert decision.summary or decision.sections


@pytest.mark.parametrize("data", [SAMPLE.read_bytes(), SPACED.encode()], ids=["compact", "spaced"])
def test_body_and_layout_give_back_the_sections(data):
    decision = parse_decision(data)
    rebuilt = sections_from_body(decision.body, body_layout(decision.sections))
    assert rebuilt == [
        {
            "heading": section.heading,
            "paragraphs": [
                {"marker": p.marker, "level": p.level, "text": p.text} for p in section.paragraphs
            ],
        }
        for section in decision.sections
    ]


def test_a_body_edited_out_of_step_with_its_layout_reads_as_plain_paragraphs():
    sections = sections_from_body("First line\n\nSecond line", ["h"])
    assert sections == [
        {
            "heading": "",
            "paragraphs": [
                {"marker": "", "level": 0, "text": "First line"},
                {"marker": "", "level": 0, "text": "Second line"},
            ],
        }
    ]


def test_summary_on_the_next_line_as_a_marked_item_is_the_summary():
    text = decision_text().replace("Summary: The Council", "Summary:\n- The Council")
    decision = parse_decision(text.encode())
    assert decision.summary.startswith("The Council delayed reviewing")
    assert decision.sections[0].heading == "The complaint"


def test_cr_line_ends_with_mixed_encodings_read_each_line_in_its_own_encoding():
    text = decision_text(summary="It’s £5.").replace("\n", "\r")
    data = text.encode("utf-8").replace(b"eleven weeks", "eleven weeks’".encode("cp1252"))
    decision = parse_decision(data)
    assert decision.summary == "It’s £5."
    assert "eleven weeks’" in decision.body


def test_a_byte_order_mark_before_windows_1252_text_is_not_part_of_the_name():
    data = codecs.BOM_UTF8 + decision_text(organisation="Café Care Ltd").encode("cp1252")
    assert parse_decision(data).organisation_name == "Café Care Ltd"


def test_two_remedy_lines_are_kept_together():
    text = decision_text(extra={"Remedy": "Apology"}).replace(
        "Remedy : Apology", "Remedy : Apology\nRemedy : Financial redress: Loss of service"
    )
    assert parse_decision(text.encode()).extra == {
        "Remedy": "Apology\nFinancial redress: Loss of service"
    }


def test_a_repeated_category_line_is_refused():
    text = decision_text().replace("Decision : Upheld", "Category : Trees\nDecision : Upheld")
    error = refusal(text.encode())
    assert error.reason == "the 'Category' header line appears twice"
    assert error.line == 3


@pytest.mark.parametrize("reference", ["２１ ００４ ５１７", "21004517", "21-004-517"])
def test_references_in_other_digits_or_without_spaces_are_malformed(reference):
    assert refusal(decision_text(reference=reference).encode()).reason.startswith(
        "malformed reference"
    )


def test_text_over_the_limit_once_decoded_is_refused():
    # Under the limit as Windows-1252 bytes, over it as UTF-8 text (’ is 3 bytes in UTF-8).
    text = decision_text(summary="’" * (MAX_FILE_BYTES // 2))
    assert len(text.encode("cp1252")) < MAX_FILE_BYTES
    assert "byte limit" in refusal(text.encode("cp1252")).reason


@pytest.mark.parametrize(
    "signature",
    [
        "Investigator's decision on behalf of the Ombudsmen",
        "Decision on behalf of the Local Government and Social Care Ombudsman",
        "Assistant Ombudsman’s decision on behalf of the Local Government Ombudsman",
    ],
)
def test_the_signatures_of_joint_and_fully_named_decisions_are_the_decision_maker(signature):
    decision = parse_decision(decision_text(signature=signature).encode())
    assert decision.decision_maker == signature
    assert all(signature not in p.text for s in decision.sections for p in s.paragraphs)
    assert [s.heading for s in decision.sections] == [
        "The complaint",
        "What I found",
        "Final decision",
    ]


def test_a_report_signed_by_name_over_the_ombudsmans_title_has_both_as_its_decision_maker():
    signature = "Michael King\nLocal Government and Social Care Ombudsman"
    decision = parse_decision(decision_text(signature=signature).encode())
    assert decision.decision_maker == "Michael King, Local Government and Social Care Ombudsman"
    assert decision.sections[-1].paragraphs[-1].text == "I have completed my investigation."


@pytest.mark.parametrize(
    "heading",
    ["Agreed actions:", "Action:", "Remedy:", "What should happen:",
     "Agreed action (within one month)", "Recommendations (within three months):",
     "AGREED ACTION:"],
)  # fmt: skip
def test_the_headings_of_a_decisions_remedy_are_headings_in_their_other_wordings(heading):
    sections = {
        "What I found": ["The Council was at fault."],
        heading: ["The Council will pay Mr X £200 for his distress."],
    }
    decision = parse_decision(decision_text(sections=sections).encode())
    assert [s.heading for s in decision.sections] == ["What I found", heading.rstrip(":")]


def test_an_over_long_signature_line_stays_a_paragraph():
    long_line = "x" * 250 + " decision on behalf of the Ombudsman"
    decision = parse_decision(decision_text(signature=long_line).encode())
    assert decision.decision_maker == ""
    assert decision.sections[-1].paragraphs[-1].text == long_line


VALID = SAMPLE.read_bytes()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID)), st.integers(0, 40), st.binary(max_size=20)),
        max_size=6,
    )
)
def test_a_real_decision_damaged_anywhere_gives_a_decision_or_a_parse_error(edits):
    data = VALID
    for position, length, replacement in edits:
        data = data[:position] + replacement + data[position + length :]
    try:
        decision = parse_decision(data)
    except ParseError as error:
        assert error.reason
    else:
        assert re.fullmatch(r"[0-9]{2} [0-9]{3} [0-9]{3}", decision.reference)
        assert len(decision.organisation_name) <= 500


@pytest.mark.parametrize("separator", [" -", " –", " —", ":"])
def test_a_summary_line_parted_by_a_dash_is_the_summary(separator):
    text = decision_text().replace("Summary:", f"Summary{separator}")
    decision = parse_decision(text.encode())
    assert decision.summary == "The Council delayed reviewing Mr X’s homelessness application."
    assert not decision.warnings


def test_a_reports_summary_block_is_its_summary():
    text = decision_text().replace(
        "Summary: The Council delayed reviewing Mr X’s homelessness application.\n",
        "Report summary\n- Housing: homelessness\n- The Council delayed Mr X’s review.\n",
    )
    decision = parse_decision(text.encode())
    assert decision.summary == "Housing: homelessness The Council delayed Mr X’s review."
    assert decision.sections[0].heading == "Report summary"
    assert not decision.warnings


def test_the_category_decision_and_date_lines_above_the_organisation_line_are_read():
    text = (
        "Privacy settings\n"
        "Category : Housing > Homelessness\n"
        "Decision : Upheld\n"
        "\n"
        "Decision date : 3 Feb 2022\n"
        "Wrenham District Council (21 014 001)\n"
        "The Ombudsman's final decision:\n"
        "Summary: Mr J complained about the Council's delay.\n"
        "Final decision\n"
        "- I have completed my investigation.\n"
    )
    decision = parse_decision(text.encode())
    assert decision.category == ("Housing", "Homelessness")
    assert decision.outcome == "Upheld"
    assert decision.decision_date == date(2022, 2, 3)
    assert [w.text for w in decision.warnings] == [
        "skipped 1 line(s) of page text above the organisation line"
    ]


def test_a_header_line_both_above_and_below_the_organisation_line_is_refused_as_twice_given():
    text = decision_text().replace("Wrenmoor", "Decision : Not upheld\nWrenmoor", 1)
    assert "Decision" in refusal(text.encode()).reason


def body_of(
    lines: list[str], summary: str = "Summary: Mr M complained about a case review."
) -> str:
    return "\n".join(["Wrenmoor District Council (21 000 001)", "Category : Housing > Other",
                      "Decision : Upheld", "Decision date : 5 Mar 2021",
                      "The Ombudsman's final decision:", summary, *lines,
                      "Investigator's decision on behalf of the Ombudsman"])  # fmt: skip


def outline(decision: ParsedDecision) -> list[tuple[str, list[str]]]:
    return [(s.heading, [p.text for p in s.paragraphs]) for s in decision.sections]


def test_a_quoted_letter_stays_text_of_its_section_and_the_next_paragraph_stays_there_too():
    text = body_of([
        "What I found",
        "- The Council wrote to Mr M on 20 June 2022. The letter said:",
        "Dear Mr M", "Case review outcome", "The panel has decided the threshold was not met",
        "Yours sincerely", "Community Safety Team",
        "- The letter did not explain why.",
    ])  # fmt: skip
    [(heading, paragraphs)] = outline(parse_decision(text.encode()))
    assert heading == "What I found"
    assert (
        paragraphs[0].endswith("The letter said:")
        and paragraphs[-1] == "The letter did not explain why."
    )
    assert "Community Safety Team" in paragraphs


def test_a_hard_wrapped_paragraph_is_one_paragraph_and_no_heading():
    text = body_of([
        "The complaint",
        "1. Ms W complains the Council suspended her application in January 2022",
        "because it said she had rent arrears at her previous tenancy in",
        "Northgate Court",
        "2. She says she owed nothing.",
    ])  # fmt: skip
    assert outline(parse_decision(text.encode())) == [("The complaint", [
        "Ms W complains the Council suspended her application in January 2022 because it said "
        "she had rent arrears at her previous tenancy in Northgate Court",
        "She says she owed nothing.",
    ])]  # fmt: skip


def test_numbered_headings_are_headings():
    text = body_of(
        [
            "1. The complaint",
            "- Mrs W complains.",
            "2. What I found",
            "- There was fault.",
            "3. Agreed action",
            "- The Council will apologise.",
        ]
    )
    headings = [heading for heading, _ in outline(parse_decision(text.encode()))]
    assert headings == ["The complaint", "What I found", "Agreed action"]


def test_a_reports_summary_block_with_its_subject_line_is_its_summary():
    text = body_of(["Report summary", "Education – special educational needs",
                    "Miss K complains the Council failed to provide her son’s support.",
                    "Finding", "Fault found causing injustice and recommendations made.",
                    "The complaint", "- Miss K complains."], summary="")  # fmt: skip
    decision = parse_decision(text.encode())
    assert decision.summary == (
        "Education – special educational needs Miss K complains the Council failed to provide "
        "her son’s support."
    )
    assert [h for h, _ in outline(decision)] == ["Report summary", "Finding", "The complaint"]


def test_paragraphs_after_a_finished_summary_are_the_body_not_the_summary():
    text = body_of(
        [
            "Ms V received a penalty charge notice for parking on Fenwick Parade.",
            "She wants the Council to cancel the penalty.",
            "The Ombudsman’s role and powers",
            "- We investigate complaints about councils.",
        ],
        summary="Summary: We will not investigate Ms V’s complaint about a parking penalty.",
    )
    decision = parse_decision(text.encode())
    assert decision.summary == "We will not investigate Ms V’s complaint about a parking penalty."
    assert outline(decision)[0] == ("", [
        "Ms V received a penalty charge notice for parking on Fenwick Parade.",
        "She wants the Council to cancel the penalty.",
    ])  # fmt: skip


@pytest.mark.parametrize(
    "furniture", ["Back to top ↑", "[Back to top]", "Print this page", "↑ Back to top"]
)
def test_the_web_pages_own_lines_are_dropped_whatever_their_arrows(furniture):
    text = body_of(["The complaint", "- Mr M complains.", furniture, "What I found", "- Fault."])
    assert outline(parse_decision(text.encode())) == [
        ("The complaint", ["Mr M complains."]),
        ("What I found", ["Fault."]),
    ]


def test_a_key_to_names_holds_its_entries_however_they_are_parted():
    text = body_of(
        [
            "Key to names used",
            "Miss K The complainant",
            "Y Her son",
            "Officer L – a SEN caseworker",
            "The complaint",
            "- Miss K complains.",
        ]
    )
    assert outline(parse_decision(text.encode())) == [
        ("Key to names used", ["Miss K The complainant", "Y Her son",
                               "Officer L – a SEN caseworker"]),
        ("The complaint", ["Miss K complains."]),
    ]  # fmt: skip


def test_a_line_opening_with_a_decimal_is_text_not_a_nested_number():
    text = body_of(["What I found", "- The Council’s officer visited twice.",
                    "2.5 hours of care were missed each week."])  # fmt: skip
    [(heading, paragraphs)] = outline(parse_decision(text.encode()))
    assert paragraphs[-1] == "2.5 hours of care were missed each week."
    decision = parse_decision(text.encode())
    assert decision.sections[0].paragraphs[-1].marker == ""


# --- header and body lines as other people copy them (fictional bodies) ----------------------

WRAP_HEADER = "Wrenmoor District Council (21 000 001)\n{fields}\nThe Ombudsman's final decision:\n"
WRAP_BODY = "Summary: Mr M complained.\nThe complaint\n- Mr M complains.\n"


@pytest.mark.parametrize(
    ("fields", "category", "outcome"),
    [
        ("Category : Housing > Homelessness\nOutcome : Not upheld", ("Housing", "Homelessness"),
         "Not upheld"),
        ("Category : Housing > Homelessness\nFinal decision : Upheld", ("Housing", "Homelessness"),
         "Upheld"),
        ("Category : Housing > Other\nDecision : Upheld\nOutcome : upheld", ("Housing", "Other"),
         "Upheld"),
        ("Category – Housing > Homelessness\nDecision — Upheld", ("Housing", "Homelessness"),
         "Upheld"),
        ("Category\nHousing > Homelessness\nDecision\nUpheld\nDecision date\n12 Mar 2022",
         ("Housing", "Homelessness"), "Upheld"),
        ("Category : Environmental services, public protection and regulation >\nNoise",
         ("Environmental services, public protection and regulation", "Noise"), None),
        ("Category : Corporate and other services > Councillor conduct and\nstandards\n"
         "Decision : Closed after initial enquiries - out of\njurisdiction",
         ("Corporate and other services", "Councillor conduct and standards"),
         "Closed after initial enquiries - out of jurisdiction"),
        ("Category : Housing &gt; Homelessness", ("Housing", "Homelessness"), None),
        # A spreadsheet's column names: "Decision-date" was an extra field, the date lost.
        ("Category : Housing > Homelessness\nDecision : Upheld\nDecision_date : 12 Mar 2022\n"
         "Decision-date : 12 Mar 2022", ("Housing", "Homelessness"), "Upheld"),
    ],
)  # fmt: skip
def test_core_header_fields_are_read_as_a_person_reads_them(fields, category, outcome):
    """Another name for the Decision line, a dash for the colon, a name and its value on two
    lines, a field wrapped onto the next line, an entity from a page's source: each read, with
    no line ignored."""
    decision = parse_decision((WRAP_HEADER.format(fields=fields) + WRAP_BODY).encode())
    assert (decision.category, decision.outcome) == (category, outcome)
    assert "header-line-ignored" not in [w.kind for w in decision.warnings]
    assert decision.extra == {}
    if "12 Mar 2022" in fields:
        assert decision.decision_date == date(2022, 3, 12)


def test_a_core_fields_name_alone_with_no_value_is_an_empty_line_and_two_values_are_refused():
    empty = parse_decision(
        (WRAP_HEADER.format(fields="Category\nDecision : Upheld") + WRAP_BODY).encode()
    )
    assert (empty.category, empty.outcome) == (None, "Upheld")
    assert "empty Category line: category not recorded" in [w.text for w in empty.warnings]
    twice = WRAP_HEADER.format(fields="Decision : Upheld\nOutcome : Not upheld") + WRAP_BODY
    with pytest.raises(ParseError, match="appears twice"):
        parse_decision(twice.encode())


def test_a_joint_name_wrapped_before_its_last_word_is_read_whole():
    text = decision_text(organisation="Council").replace(
        "Council (",
        "Brookfield Care Homes Ltd (Willow Lodge) and Ashby Fenwick County\nCouncil (",
        1,
    )
    decision = parse_decision(text.encode())
    assert decision.organisations == (
        "Brookfield Care Homes Ltd (Willow Lodge)",
        "Ashby Fenwick County Council",
    )
    assert decision.warnings == ()


def test_a_summary_wrapped_mid_sentence_goes_on_and_is_no_heading():
    text = body_of(
        ["in the", "Council’s handling of his disabled facilities grant application. This is",
         "because it is premature.", "The complaint", "- Mr M complains."],
        summary="Summary: We will not investigate Mr M’s complaint about delays",
    )  # fmt: skip
    decision = parse_decision(text.encode())
    assert decision.summary == (
        "We will not investigate Mr M’s complaint about delays in the Council’s handling of his "
        "disabled facilities grant application. This is because it is premature."
    )
    assert outline(decision) == [("The complaint", ["Mr M complains."])]


def test_a_paragraph_wrapped_before_a_name_a_number_or_inside_a_bracket_is_one_paragraph():
    text = body_of([
        "What I found",
        "1. The Council’s policy is set out in its allocation scheme at paragraph",
        "6.4. It says the Council will backdate the award. It did not backdate Mrs",
        "K’s priority date. (Local",
        "Government Act 1974, section 26(1), as amended)",
        "2. The Council has agreed to pay Mrs K £300.",
        "3. It says the Council will apologise:",
        "within one month.",
    ])  # fmt: skip
    assert outline(parse_decision(text.encode())) == [("What I found", [
        "The Council’s policy is set out in its allocation scheme at paragraph 6.4. It says the "
        "Council will backdate the award. It did not backdate Mrs K’s priority date. (Local "
        "Government Act 1974, section 26(1), as amended)",
        "The Council has agreed to pay Mrs K £300.",
        "It says the Council will apologise: within one month.",
    ])]  # fmt: skip


def test_a_spaced_decision_hard_wrapped_has_its_paragraphs_whole():
    """In the spaced layout a blank line stands between every two lines the page gave: a line
    with none above it is the rest of the one above, even where that ended a sentence."""
    text = "\n".join([
        "Wrenmoor District Council (21 000 001)", "", "Category : Housing > Other", "",
        "Decision : Upheld", "", "Decision date : 5 Mar 2021", "",
        "The Ombudsman's final decision:", "",
        "Summary: Mr M complained about the Council’s review of his housing", "application.", "",
        "Back to top", "", "What I found", "",
        "  1. The officer’s report described the extension and its effect on Mrs",
        "     B’s home. It considered light.", "In late August 2025, the Council replied.", "",
        "  2. We cannot investigate a matter that has been before a court. (Local",
        "     Government Act 1974, section 26(6)(c), as amended)", "",
        "    • it is unlikely we could add to any previous investigation by the Council, or", "",
        "    • it is unlikely further investigation will lead to a different outcome.", "",
        "  3. The Council did not reply.", "",
        "Back to top", "", "Final decision", "", "  1. I have completed my investigation.", "",
        "Investigator's decision on behalf of the Ombudsman",
    ])  # fmt: skip
    decision = parse_decision(text.encode())
    assert (
        decision.summary == "Mr M complained about the Council’s review of his housing application."
    )
    assert outline(decision) == [
        ("What I found", [
            "The officer’s report described the extension and its effect on Mrs B’s home. It "
            "considered light. In late August 2025, the Council replied.",
            "We cannot investigate a matter that has been before a court. (Local Government Act "
            "1974, section 26(6)(c), as amended)",
            "it is unlikely we could add to any previous investigation by the Council, or",
            "it is unlikely further investigation will lead to a different outcome.",
            "The Council did not reply.",
        ]),
        ("Final decision", ["I have completed my investigation."]),
    ]  # fmt: skip


def test_a_date_wrapped_between_its_parts_is_one_paragraph():
    text = body_of([
        "What I found",
        "- On 26 November 2012, Mr G complained to the Council. On 25 December",
        "2012, Mr G brought the complaint to us. On 28",
        "March 2013, he wrote again.",
        "- The Council did not reply.",
    ])  # fmt: skip
    assert outline(parse_decision(text.encode())) == [("What I found", [
        "On 26 November 2012, Mr G complained to the Council. On 25 December 2012, Mr G brought "
        "the complaint to us. On 28 March 2013, he wrote again.",
        "The Council did not reply.",
    ])]  # fmt: skip


# --- copies made from a PDF, a Word file or an email (fictional bodies) -------------------------


def test_an_emails_subject_line_with_the_reference_is_no_organisation_line():
    text = (
        "From: Complaints Team <c@example.gov.uk>\nSubject: LGSCO final decision (22 008 015)\n\n"
    )
    decision = parse_decision((text + decision_text(reference="22 008 015")).encode())
    assert decision.organisation_name == "Wrenmoor District Council"
    assert decision.reference == "22 008 015"


def test_what_a_printed_copy_repeats_on_every_page_is_dropped_and_its_sentence_joined():
    text = body_of([
        "What I found",
        "- Mrs J complained the Council did not reply and did not",
        "Final decision 21 000 001", "Page 2 of 3", "14 March 2023", "2", "- 3 -",
        "-----------------Page Break-----------------",
        "22/05/2023, 14:32 Wrenmoor District Council (21 000 001) - Local Government Ombudsman",
        "https://www.lgo.org.uk/decisions/housing/21-000-001 1/2",
        "Wrenmoor District Council (21 000 001)", "Decision : Upheld",
        "tell her what was happening.",
        "- It agreed to apologise.",
    ])  # fmt: skip
    assert outline(parse_decision(text.encode())) == [("What I found", [
        "Mrs J complained the Council did not reply and did not tell her what was happening.",
        "It agreed to apologise.",
    ])]  # fmt: skip


def test_notes_below_the_signature_are_kept_and_the_signature_is_the_decision_maker():
    text = body_of(["Final decision", "- I have completed my investigation.1"]).replace(
        "Investigator's decision on behalf of the Ombudsman",
        "Investigator's decision on behalf of the Ombudsman\n"
        "1 Mrs G's complaint to the Council dated 3 May 2021.\n[2] Provider visit logs.",
    )
    decision = parse_decision(text.encode())
    assert decision.decision_maker == "Investigator's decision on behalf of the Ombudsman"
    assert outline(decision) == [
        ("Final decision", ["I have completed my investigation.1"]),
        (
            "Notes",
            ["1 Mrs G's complaint to the Council dated 3 May 2021.", "[2] Provider visit logs."],
        ),
    ]


def test_notes_below_a_report_signed_by_name_are_kept_and_the_name_signs_it():
    text = body_of(["Decision", "9. I have found fault causing injustice.[1]"]).replace(
        "Investigator's decision on behalf of the Ombudsman",
        "Michael Trent\nLocal Government and Social Care Ombudsman\n"
        "[1] Section 42(2) requires the Council to secure the provision.",
    )
    decision = parse_decision(text.encode())
    assert decision.decision_maker == "Michael Trent, Local Government and Social Care Ombudsman"
    assert outline(decision) == [
        ("Decision", ["I have found fault causing injustice.[1]"]),
        ("Notes", ["[1] Section 42(2) requires the Council to secure the provision."]),
    ]


def test_ligatures_bold_marks_broken_words_and_pdf_bullets_read_as_plain_text():
    text = decision_text(
        organisation="Stoke-on-\nTrentham City Council",
        category="Transport and highways > Traﬃc management",
        sections={"**What I found**": [
            "The oﬃcer did not ﬁnd the notiﬁcation. He delayed an investi-\ngation and a long-",
            "term plan.",
        ]},
    ).replace("- term plan.", "term plan.").replace("- The oﬃcer", "● The oﬃcer")  # fmt: skip
    decision = parse_decision(text.encode())
    assert decision.organisation_name == "Stoke-on-Trentham City Council"
    assert decision.category == ("Transport and highways", "Traffic management")
    [(heading, [paragraph])] = [(s.heading, s.paragraphs) for s in decision.sections]
    assert heading == "What I found" and paragraph.marker == "●"
    assert paragraph.text == (
        "The officer did not find the notification. He delayed an investi-gation and a "
        "long-term plan."
    )


def test_a_pdf_saved_as_text_is_refused_as_a_pdf():
    with pytest.raises(ParseError, match="a PDF file, not text"):
        parse_decision(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")


def test_a_decision_quoted_in_an_email_reply_is_read_without_its_quotation_marks():
    quoted = "\n".join(f"> {line}" if line else ">" for line in decision_text().splitlines())
    text = "From: Dawson, Mark\nSubject: RE: Ombudsman decision\n\nHere it is.\n\n" + quoted
    decision = parse_decision(text.encode())
    assert (decision.organisation_name, decision.outcome) == ("Wrenmoor District Council", "Upheld")
    assert [s.heading for s in decision.sections] == [
        "The complaint",
        "What I found",
        "Final decision",
    ]
    assert decision.decision_maker == "Investigator's decision on behalf of the Ombudsman"


def test_paragraphs_numbered_in_brackets_are_numbered_paragraphs_and_letters_sub_items():
    text = body_of(["What I found", "(1) The records show a visit.", "(a) on 3 May;",
                    "(2) The Council sent a reminder."])  # fmt: skip
    [(heading, paragraphs)] = [
        (s.heading, s.paragraphs) for s in parse_decision(text.encode()).sections
    ]
    assert [(p.marker, p.level) for p in paragraphs] == [("(1)", 0), ("(a)", 1), ("(2)", 0)]


@pytest.mark.parametrize(
    "signature",
    [
        "Assistant Ombudsman's decision",
        "Deputy Ombudsman’s decision",
        "Decision on behalf of the Local Commissioner",
        "Decision of the Local Government Ombudsman",
        "Investigator’s decision on behalf of the Local Government & Social Care Ombudsman",
        "Investigator's decision on behalf of the Local Government Ombudsman and the Health "
        "Service Ombudsman",
        "Joint decision on behalf of the Local Government and Social Care Ombudsman and the "
        "Parliamentary and Health Service Ombudsman",
    ],
)
def test_signatures_of_every_period_are_the_decision_maker_never_a_heading(signature):
    decision = parse_decision(decision_text(signature=signature).encode())
    assert decision.decision_maker == signature
    assert [s.heading for s in decision.sections] == [
        "The complaint",
        "What I found",
        "Final decision",
    ]
    assert decision.sections[-1].paragraphs[-1].text == "I have completed my investigation."


def test_a_name_signed_over_the_local_commissioners_title_is_the_decision_maker():
    decision = parse_decision(decision_text(signature="Anne Marsh\nLocal Commissioner").encode())
    assert decision.decision_maker == "Anne Marsh, Local Commissioner"
    assert [s.heading for s in decision.sections][-1] == "Final decision"


def test_a_numeric_date_with_a_two_digit_year_is_read_day_first():
    decision = parse_decision(decision_text(decision_date="05/03/13").encode())
    assert decision.decision_date == date(2013, 3, 5)


def test_an_email_saved_whole_in_quoted_printable_is_decoded():
    header = "Subject: Final decision\nContent-Transfer-Encoding: quoted-printable\n\n"
    text = decision_text(
        summary="The Council=E2=80=99s delay in providing te=\nmporary rooms. Pay =C2=A3500."
    )
    decision = parse_decision((header + text).encode())
    assert decision.summary == "The Council’s delay in providing temporary rooms. Pay £500."


def test_the_decision_heading_with_extra_spaces_is_the_heading():
    text = decision_text().replace(
        "The Ombudsman's final decision:", "The  Ombudsman's  final decision :"
    )
    assert parse_decision(text.encode()).summary.startswith("The Council delayed")


def test_a_table_pasted_with_tabs_in_the_spaced_layout_keeps_its_rows():
    """The spaced layout puts a blank line between the page's lines, but a table pasted into
    it keeps its rows together: each is a row, not the rest of the line above, hard-wrapped."""
    text = SPACED.replace(
        "  2. The Council has agreed to refund £1,250.",
        "  2. The charges were:\n\nPeriod\tWeekly charge\nApril to June\t£120.00\n"
        "July to March\t£145.50\n\n  3. The Council has agreed to refund £1,250.",
    )
    [found] = [s for s in parse_decision(text.encode()).sections if s.heading == "What I found"]
    rows = [p.text for p in found.paragraphs if "\t" in p.text]
    assert rows == ["Period\tWeekly charge", "April to June\t£120.00", "July to March\t£145.50"]


def test_a_line_in_lower_case_after_a_bracket_or_an_abbreviation_goes_on_its_paragraph():
    text = body_of([
        "The complaint",
        "1. Mr and Mrs K complain the Council did not tell them of an application (ref. 3/0412)",
        "for a side extension next door. They would have objected, e.g.",
        "on grounds of loss of light, as set out at para.",
        "9 below.",
        "2. They also complain of delay:",
        "- the Council took eleven months to reply;",
        "the Council did not apologise.",
    ])  # fmt: skip
    assert outline(parse_decision(text.encode())) == [("The complaint", [
        "Mr and Mrs K complain the Council did not tell them of an application (ref. 3/0412) for a "
        "side extension next door. They would have objected, e.g. on grounds of loss of light, as "
        "set out at para. 9 below.",
        "They also complain of delay:",
        "the Council took eleven months to reply;",
        "the Council did not apologise.",
    ])]  # fmt: skip


def test_a_heading_after_a_citation_line_standing_alone_starts_its_section():
    # The real sample's layout: a citation on its own line after a paragraph, then a heading
    # not among the usual ones. It was read as a paragraph, and the section's paragraphs were
    # filed under the one above.
    text = decision_text(
        sections={
            "What I found": ["The Council must help applicants. This is the relief duty."],
            "Key facts": ["On 3 May 2022 Mr X applied."],
            "Final decision": ["I have completed my investigation."],
        }
    ).replace("relief duty.\n", "relief duty.\n(Housing Act 1996, section 189B)\n")
    sections = parse_decision(text.encode()).sections
    assert [s.heading for s in sections] == ["What I found", "Key facts", "Final decision"]
    assert [p.text for p in sections[0].paragraphs][-1] == "(Housing Act 1996, section 189B)"
    assert [p.text for p in sections[1].paragraphs] == ["On 3 May 2022 Mr X applied."]


HARD_WRAPPED_SECTIONS = {
    "The complaint": [
        "Mrs B complains the Council took eleven months to decide her application for a "
        "disabled facilities grant. She says this left her unable to use her bathroom safely.",
    ],
    "What I found": [
        "We investigate complaints about councils and certain other bodies. Where an "
        "individual, organisation or private company is providing services on behalf of a "
        "council, we can investigate complaints about the actions of these providers.",
        "A council must decide a valid application as soon as reasonably practicable and no "
        "later than six months after the date of the application. (Housing Grants, "
        "Construction and Regeneration Act 1996, section 34)",
    ],
    "Key facts": [
        "On 3 May 2022 Mrs B applied. The Council decided her application in April 2023, "
        "five months later than the law allows, and it has not explained the delay to her.",
    ],
    "Final decision": ["I have completed my investigation. There was fault causing injustice."],
}


@pytest.mark.parametrize("width", [60, 72, 76, 90])
def test_a_body_hard_wrapped_at_a_width_reads_as_the_unwrapped_one(width):
    # As an email quoting the decision, or a copy from a PDF, gives it. A wrapped line was
    # read as a heading ("Where an individual, organisation or private company is"), and a
    # paragraph was cut in two wherever a line began with a capital letter.
    text = decision_text(
        summary="Mrs B complained about the Council’s delay in deciding her grant. We found "
        "fault causing injustice, and the Council agreed to apologise and pay her £300.",
        sections=HARD_WRAPPED_SECTIONS,
    )
    head, _, body = text.partition("The Ombudsman's final decision:\n")
    wrapped = "\n".join(
        wrapped_line
        for line in body.splitlines()
        for wrapped_line in textwrap.wrap(line, width, break_on_hyphens=False)
    )
    expected = parse_decision(text.encode())
    decision = parse_decision(f"{head}The Ombudsman's final decision:\n{wrapped}\n".encode())
    assert decision.summary == expected.summary
    assert [s.heading for s in decision.sections] == list(HARD_WRAPPED_SECTIONS)
    assert paragraphs_as_cited(decision) == paragraphs_as_cited(expected)
    assert decision.decision_maker == expected.decision_maker


def paragraphs_as_cited(decision: ParsedDecision) -> list[list[str]]:
    """Each section's paragraphs as the page numbers them: a citation line that a wrap left
    standing alone is part of the paragraph above it (decisions/reading.py)."""
    sections = []
    for section in decision.sections:
        texts: list[str] = []
        for paragraph in section.paragraphs:
            if texts and paragraph.text.startswith("("):
                texts[-1] += " " + paragraph.text
            else:
                texts.append(paragraph.text)
        sections.append(texts)
    return sections


def test_a_number_ending_a_sentence_wrapped_to_a_lines_start_is_no_new_paragraph():
    # "… gave one in week" / "23. It took …" was read as paragraph 23 (and in the compact
    # layout as a numbered paragraph among "- " items), cutting the sentence in two.
    text = body_of(
        [
            "The complaint",
            "1. Mrs B asked for a decision by March. The Council gave one in week",
            "23. It took five months.",
            "2. She says the Council then paid her £",
            "150. That did not cover her costs.",
            "What I found",
            "- The Council accepted the application in March when her son was aged",
            "14. He was unable to use the bathroom.",
            "- The Council should",
            "1. apologise to Mrs B; and",
            "2. pay her £200.",
            "3. The Council has agreed to do so.",
        ],
        summary="Summary: The Council took five months, not the\n28. days it promised.",
    )
    decision = parse_decision(text.encode())
    assert decision.summary == "The Council took five months, not the 28. days it promised."
    assert [[(p.marker, p.text) for p in s.paragraphs] for s in decision.sections] == [
        [
            ("1.", "Mrs B asked for a decision by March. The Council gave one in week 23. It took "
             "five months."),
            ("2.", "She says the Council then paid her £ 150. That did not cover her costs."),
        ],
        [
            ("-", "The Council accepted the application in March when her son was aged 14. He "
             "was unable to use the bathroom."),
            ("-", "The Council should"),
            ("1.", "apologise to Mrs B; and"),  # a list's 1 and 2: numbers in their order
            ("2.", "pay her £200."),
            ("3.", "The Council has agreed to do so."),
        ],
    ]  # fmt: skip


def test_words_second_and_third_level_bullets_copied_as_text_are_bullets():
    # A list copied from Word gives "•<tab>", "o<tab>" and "\uf0a7<tab>": the "o" items were
    # joined to the paragraph above ("… failed to: o write to Mr X;") or stood as paragraphs.
    text = body_of(
        [
            "What I found",
            "1.\tThe Council failed to:",
            "o\twrite to Mr X;",
            "o\treview his case; or",
            "\t\uf0a7\tkeep a record.",
            "2.\tThe Council has agreed to apologise.",
        ]
    )
    [section] = parse_decision(text.encode()).sections
    assert [(p.marker, p.level, p.text) for p in section.paragraphs] == [
        ("1.", 0, "The Council failed to:"),
        ("o", 1, "write to Mr X;"),
        ("o", 1, "review his case; or"),
        ("\uf0a7", 1, "keep a record."),
        ("2.", 0, "The Council has agreed to apologise."),
    ]


def test_a_subsection_or_a_sum_wrapped_to_a_lines_start_goes_on_from_the_line_above():
    # "… under section 188" / "(1) of the Housing Act …" was read as a paragraph "(1)", and
    # "… paid the Council £" / "1,200. It …" as a paragraph of its own.
    text = body_of(
        [
            "What I found",
            "- The Council had a duty under section 188",
            "(1) of the Housing Act 1996 to house Mr M.",
            "- Mr M paid the Council £",
            "1,200. It refunded half.",
            "- The Council should:",
            "(a) apologise; and",
            "(b) pay Mr M £200.",
        ]
    )
    [section] = parse_decision(text.encode()).sections
    assert [(p.marker, p.text) for p in section.paragraphs] == [
        ("-", "The Council had a duty under section 188 (1) of the Housing Act 1996 to house "
         "Mr M."),
        ("-", "Mr M paid the Council £ 1,200. It refunded half."),
        ("-", "The Council should:"),
        ("(a)", "apologise; and"),
        ("(b)", "pay Mr M £200."),
    ]  # fmt: skip


def test_paragraphs_numbered_further_on_after_an_unfinished_line_stay_paragraphs():
    # A line that did not end its sentence (a list's introduction, a web address) before a
    # paragraph numbered on from a gap ("3." then "5."), or a lettered sub-item after a line
    # ending "Part 7", was joined to the line above as a wrapped figure.
    text = body_of(
        [
            "What I found",
            "3. Mr X complained again. The Council's reply was as follows",
            "5. I asked the Council for its records",
            "7. The Council says the officer was on leave from 1 to 14 June 2020",
            "9. I have seen its reply.",
            "- Its decision was made under Part 7",
            "(a) it delayed; and",
            "(b) it failed to review.",
        ]
    )
    [section] = parse_decision(text.encode()).sections
    assert [(p.marker, p.text) for p in section.paragraphs] == [
        ("3.", "Mr X complained again. The Council's reply was as follows"),
        ("5.", "I asked the Council for its records"),
        ("7.", "The Council says the officer was on leave from 1 to 14 June 2020"),
        ("9.", "I have seen its reply."),
        ("-", "Its decision was made under Part 7"),
        ("(a)", "it delayed; and"),
        ("(b)", "it failed to review."),
    ]


def test_words_lettered_and_roman_lists_copied_as_text_are_sub_items_shown_with_their_letters():
    # Word copies "a.<tab>…", "A)<tab>…", "ii.<tab>…": each was a paragraph of its own, shown
    # as a table ("a." | "apologise …") for the tab in it.
    from decisions.reading import cited_paragraphs  # here: it loads Django's models
    from decisions.search.query import parse_query

    items = ["a.\tapologise to Mr X; and", "b.\tpay him £200.", "ii.\treview its letters.",
             "B)\ttrain its staff."]  # fmt: skip
    text = body_of(["Agreed action", "1. Within one month the Council will:", *items, "2. Next."])
    [section] = parse_decision(text.encode()).sections
    assert [(p.marker, p.level) for p in section.paragraphs] == [
        ("1.", 0), ("a.", 1), ("b.", 1), ("ii.", 1), ("B)", 1), ("2.", 0)
    ]  # fmt: skip
    lines = [{"marker": p.marker, "level": p.level, "text": p.text} for p in section.paragraphs]
    first, second = cited_paragraphs(lines, parse_query(""), first=1)
    [lettered] = [part for part in first.parts if part.is_list]
    assert lettered.ordered
    assert [item.marker for item in lettered.items] == ["a.", "b.", "ii.", "B)"]
    # "s. 188" at a wrapped line's start is no item: only a tab follows Word's letters.
    wrapped = parse_decision(body_of(["Agreed action", "- The Council's duty under", "s. 188 "
                                      "of the Housing Act applied."]).encode())  # fmt: skip
    assert [p.text for p in wrapped.sections[0].paragraphs] == [
        "The Council's duty under s. 188 of the Housing Act applied."
    ]
