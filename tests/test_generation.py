"""The fictional decision generator: deterministic, unique references, realistic variant shares,
invented names only, and files the parser reads back as intended."""

import codecs
import hashlib
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from decisions.generation import (
    FICTIONAL_VALUE,
    MAX_INDEX,
    ORGANISATIONS,
    PLACE_NAMES,
    decision_reference,
    generate_decision,
    generate_decision_text,
    write_decisions,
)

BATCH_SEED = 11
REFERENCE = re.compile(r"^\d{2} \d{3} \d{3}$")
ORGANISATION_LINE = re.compile(r"^(?P<name>.+) \((?P<reference>\d{2} \d{3} \d{3})\)$")
FICTIONAL_LINE = f"Fictional : {FICTIONAL_VALUE}"
CURRENT_PARENTS = {
    "Adult care services", "Benefits and tax", "Children's care services", "Education",
    "Environment and regulation", "Housing", "Planning", "Transport and highways",
    "Other Categories",
}  # fmt: skip
OLDER_PARENTS = {
    "Corporate and other services", "Environmental services, public protection and regulation",
    "Highways and transport", "Planning and development",
}  # fmt: skip
# Real English and Welsh councils and towns that an invented place name must not be.
REAL_PLACES = {
    "newham", "camden", "kent", "surrey", "leeds", "birmingham", "bristol", "cornwall", "devon",
    "wychavon", "wyre", "fylde", "rother", "hart", "eden", "adur", "arun", "cherwell", "thanet",
    "dacorum", "broxtowe", "ashfield", "bolsover", "halton", "knowsley", "sefton", "wirral",
    "wigan", "bury", "oldham", "rochdale", "tameside", "trafford", "stockport", "salford",
    "gateshead", "sunderland", "calderdale", "kirklees", "wakefield", "barnsley", "rotherham",
    "doncaster", "sheffield", "dudley", "sandwell", "walsall", "solihull", "coventry", "cardiff",
    "swansea", "gwynedd", "powys", "ceredigion", "conwy", "torfaen", "newport", "wrexham",
    "flintshire", "hackney", "lambeth", "southwark", "lewisham", "bromley", "croydon", "merton",
    "sutton", "kingston", "richmond", "hounslow", "ealing", "brent", "harrow", "barnet", "enfield",
    "haringey", "islington", "redbridge", "havering", "bexley", "greenwich", "hillingdon",
    "ashcombe", "larkholme", "owlthorpe", "nettlecombe", "ravenscar", "inkberrow", "oatlands",
}  # fmt: skip


@pytest.fixture(scope="module")
def batch():
    return [generate_decision(index, BATCH_SEED) for index in range(1_000)]


def text_of(decision) -> str:
    return decision.data.decode(decision.encoding)


def lines_of(decision) -> list[str]:
    return [line for line in re.split(r"\r\n|\r|\n", text_of(decision)) if line.strip()]


def header_value(decision, name: str) -> str | None:
    """The value of a core header field, read from the file's own lines."""
    for line in lines_of(decision):
        if line.startswith("The Ombudsman's final decision"):
            return None
        match = re.match(rf"^{name}\s*:\s*(.*)$", line)
        if match:
            return match[1]
    return None


# --- determinism ------------------------------------------------------------------------------


def test_the_same_index_and_seed_give_the_same_bytes_in_any_order():
    indices = [0, 1, 2, 999, 12_345, 1_999_999]
    forwards = [generate_decision_text(index, 5) for index in indices]
    backwards = [generate_decision_text(index, 5) for index in reversed(indices)]
    assert forwards == list(reversed(backwards))
    assert generate_decision(12_345, 5) == generate_decision(12_345, 5)


def test_a_fresh_interpreter_generates_the_same_bytes():
    """Catches any dependence on set order or hash randomisation between processes."""
    script = (
        "import hashlib; from decisions.generation import generate_decision_text as g; "
        "print(hashlib.sha256(b''.join(g(i, 4)[1] for i in range(40))).hexdigest())"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )  # fmt: skip
    here = hashlib.sha256(b"".join(generate_decision_text(i, 4)[1] for i in range(40)))
    assert result.stdout.strip() == here.hexdigest()


def test_different_seeds_give_different_files():
    for index in range(50):
        assert generate_decision_text(index, 1)[1] != generate_decision_text(index, 2)[1]
    first = {decision_reference(index, 1) for index in range(200)}
    second = {decision_reference(index, 2) for index in range(200)}
    assert len(first & second) < 20


def test_an_index_outside_the_supported_range_is_refused():
    with pytest.raises(ValueError):
        generate_decision(-1, 1)
    with pytest.raises(ValueError):
        generate_decision(MAX_INDEX, 1)


# --- references and dates ---------------------------------------------------------------------


def test_references_are_unique_and_well_formed_over_5000_decisions():
    references = [generate_decision(index, 3).reference for index in range(5_000)]
    assert len(set(references)) == 5_000
    assert all(REFERENCE.match(reference) for reference in references)


def test_references_stay_unique_across_two_million_indices():
    indices = list(range(0, 2_000_000, 37)) + list(range(1_990_000, 2_000_000))
    references = {decision_reference(index, 8) for index in indices}
    assert len(references) == len(set(indices))


def test_the_reference_year_is_the_decision_year_or_the_year_before(batch):
    for decision in batch:
        if decision.decision_date is None:
            continue
        assert date(2013, 1, 1) <= decision.decision_date <= date(2025, 12, 31)
        complaint_year = 2000 + int(decision.reference[:2])
        assert decision.decision_date.year - complaint_year in (0, 1)


def test_decision_dates_spread_over_every_year_from_2013_to_2025(batch):
    years = Counter(d.decision_date.year for d in batch if d.decision_date)
    assert set(years) == set(range(2013, 2026))
    assert max(years.values()) < 3 * min(years.values())


# --- the files --------------------------------------------------------------------------------


def test_write_decisions_spreads_files_over_folders_of_at_most_1000(tmp_path):
    assert write_decisions(1_050, 6, tmp_path / "out") == 1_050
    folders = sorted(path for path in (tmp_path / "out").iterdir())
    assert [folder.name for folder in folders] == ["0000", "0001"]
    assert [len(list(folder.iterdir())) for folder in folders] == [1_000, 50]
    name, data = generate_decision_text(1_049, 6)
    assert (tmp_path / "out" / "0001" / name).read_bytes() == data
    assert re.match(r"^[a-z0-9-]+-\d{2}-\d{3}-\d{3}\.txt$", name)


def test_every_file_names_its_organisation_and_says_it_is_fictional(batch):
    for decision in batch:
        lines = lines_of(decision)
        position = next(i for i, line in enumerate(lines) if ORGANISATION_LINE.match(line))
        match = ORGANISATION_LINE.match(lines[position])
        assert (match["name"], match["reference"]) == (
            decision.organisation_name,
            decision.reference,
        )
        assert lines[position + 1] == FICTIONAL_LINE
        assert lines[-1].endswith("decision on behalf of the Ombudsman")


def test_every_template_field_is_filled_in(batch):
    for decision in batch:
        assert "{" not in text_of(decision) and "}" not in text_of(decision), decision.file_name


def test_windows_1252_files_hold_typographic_characters_as_single_bytes(batch):
    cp1252 = [d for d in batch if d.encoding == "cp1252"]
    assert cp1252
    for decision in cp1252:
        with pytest.raises(UnicodeDecodeError):
            decision.data.decode("utf-8")
        assert "£" in text_of(decision) or "’" in text_of(decision)


def test_each_variant_appears_in_about_its_share_of_1000_files(batch):
    def share(test) -> float:
        return sum(1 for d in batch if test(d)) / len(batch)

    text_checks = {
        "spaced": (0.45, lambda d: "Back to top" in text_of(d)),
        "utf-8 bom": (0.05, lambda d: d.data.startswith(codecs.BOM_UTF8)),
        "windows-1252": (0.05, lambda d: d.encoding == "cp1252"),
        "crlf": (0.10, lambda d: b"\r\n" in d.data),
        "cr only": (0.02, lambda d: b"\r" in d.data and b"\n" not in d.data),
        "no final newline": (0.10, lambda d: not d.data.endswith((b"\n", b"\r"))),
        "page furniture": (0.03, lambda d: not lines_of(d)[0].endswith(")")),
        "no category line": (0.02, lambda d: header_value(d, "Category") is None),
        "single-level category": (0.03, lambda d: d.category and len(d.category) == 1),
        "full month date": (0.10, lambda d: re.match(r"^\d+ [A-Z][a-z]{3,} \d{4}$",
                                                     header_value(d, "Decision date") or "")),
        "listing date": (0.03, lambda d: "-" in (header_value(d, "Decision date") or "")),
        "header spacing": (0.10, lambda d: re.search(r"^Category(: | :\S)", text_of(d), re.M)),
        "two bodies": (0.02, lambda d: len(d.organisations) == 2),
        "name with brackets": (0.02, lambda d: "(" in d.organisation_name),
        "public report": (0.01, lambda d: "Key to names used" in text_of(d)),
        "remedy field": (0.10, lambda d: "\nRemedy" in text_of(d).replace("\r", "\n")),
    }  # fmt: skip
    for name, (expected, test) in text_checks.items():
        observed = share(test)
        assert expected * 0.4 <= observed <= expected * 2.2, (name, observed)


def test_older_category_and_outcome_wordings_are_mostly_from_older_years(batch):
    dated = [d for d in batch if d.category and len(d.category) == 2]
    older = [d for d in dated if d.category[0] in OLDER_PARENTS]
    assert {d.category[0] for d in dated} <= CURRENT_PARENTS | OLDER_PARENTS
    assert older and sum(d.decision_date.year < 2020 for d in older) / len(older) > 0.8
    old_outcomes = [d for d in batch if d.outcome and ":" in d.outcome or d.outcome == "Premature"]
    assert old_outcomes
    assert sum(d.decision_date.year < 2017 for d in old_outcomes) / len(old_outcomes) > 0.6


def test_outcomes_are_mixed_like_the_ombudsmans(batch):
    outcomes = Counter(header_value(d, "Decision") for d in batch)
    current = sum(outcomes[label] for label in ("Closed after initial enquiries", "Upheld",
                                                "Not upheld"))  # fmt: skip
    assert 0.38 <= outcomes["Closed after initial enquiries"] / current <= 0.52
    assert 0.28 <= outcomes["Upheld"] / current <= 0.42
    assert 0.14 <= outcomes["Not upheld"] / current <= 0.26


def test_lengths_are_like_real_statements(batch):
    lengths = sorted(len(text_of(d)) for d in batch)
    assert 3_000 <= lengths[len(lengths) // 2] <= 15_000
    assert sum(3_000 <= n <= 16_000 for n in lengths) / len(lengths) > 0.9
    reports = [len(text_of(d)) for d in batch if "Key to names used" in text_of(d)]
    assert reports and all(28_000 <= n <= 65_000 for n in reports)


def test_a_few_files_carry_a_rare_word_and_it_is_in_the_text(batch):
    rare = [d for d in batch if d.rare_word]
    assert 5 <= len(rare) <= 50
    assert all(d.rare_word in text_of(d) for d in rare)


# --- invented organisations -------------------------------------------------------------------


def test_every_organisation_is_invented(batch):
    assert not {place.lower() for place in PLACE_NAMES} & REAL_PLACES
    assert len(set(PLACE_NAMES)) >= 80
    for decision in batch:
        assert decision.organisations[0] in ORGANISATIONS
        for body in decision.organisations:
            assert any(place in body for place in PLACE_NAMES), body


def test_organisations_are_mostly_councils_with_a_skewed_share_each(batch):
    kinds = Counter(
        "care" if re.search(r"\b(Ltd|Limited)\b", d.organisations[0])
        else "council" if re.search(r"Council$|^(London|Royal) Borough of", d.organisations[0])
        else "other"
        for d in batch
    )  # fmt: skip
    assert 0.80 <= kinds["council"] / 1_000 <= 0.90
    assert 0.08 <= kinds["care"] / 1_000 <= 0.16
    assert 0.005 <= kinds["other"] / 1_000 <= 0.06
    counts = Counter(d.organisations[0] for d in batch).most_common()
    assert counts[0][1] >= 5 * counts[-1][1]


def test_care_providers_only_get_adult_care_categories(batch):
    for decision in batch:
        if re.search(r"\b(Ltd|Limited)\b", decision.organisations[0]) and decision.category:
            assert decision.category[0] == "Adult care services"


# --- read back by the parser ------------------------------------------------------------------


def test_every_generated_file_parses_to_what_was_intended(batch):
    parsing = pytest.importorskip("decisions.parsing")
    for decision in batch:
        parsed = parsing.parse_decision(decision.data)
        where = decision.file_name
        assert parsed.reference == decision.reference, where
        assert parsed.organisation_name == decision.organisation_name, where
        assert parsed.category == decision.category, where
        assert parsed.outcome == decision.outcome, where
        assert parsed.decision_date == decision.decision_date, where
        assert parsed.summary == decision.summary, where
        assert parsed.extra == dict(decision.extra_fields), where
        if hasattr(parsed, "organisations"):
            assert parsed.organisations == decision.organisations, where
        if "furniture" in decision.variants or "no_header_fields" in decision.variants:
            assert parsed.warnings, where
