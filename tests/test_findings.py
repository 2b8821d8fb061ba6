"""Findings stored beside decisions: on import, re-import and re-extraction; searched by the
remedy and reason facets and the payment and citation filters; shown in the API, the CSV,
the profiles, /legislation/ and the decision page (with similar decisions). Runs on the
database of the run (SQLite or PostgreSQL)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.management import call_command

from decisions.extraction import Findings, rules_fingerprint
from decisions.extraction import Remedy as FoundRemedy
from decisions.findings import finding_values
from decisions.importing import import_paths
from decisions.models import Decision, ExtractionRun, Provision, Remedy
from decisions.search.engine import SearchQuery, search
from decisions.search.facets import Selection
from tests.refusals import refuse_inserts

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CITING = "(Local Government Act 1974, section 26(1), as amended)"


def upheld(reference, pay, *, organisation="Wrenmoor District Council", extra=None, cite=CITING):
    """Fields of an upheld decision that asks for an apology and the payments `pay`."""
    payments = " and ".join(f"£{amount} for {purpose}" for amount, purpose in pay)
    return {
        "reference": reference,
        "organisation": organisation,
        "outcome": "Upheld",
        "extra": extra,
        "summary": "The Council delayed the review. It has agreed to apologise and pay Mr X.",
        "sections": {
            "What I found": [f"The Council took eleven weeks. {cite}"],
            "Agreed action": ["Within one month the Council will:",
                              "apologise to Mr X;", f"pay Mr X {payments}."] if pay else
                             ["Within one month the Council will apologise to Mr X."],
            "Final decision": ["I have completed my investigation."],
        },
    }  # fmt: skip


def closed(reference, because, *, organisation="Wrenmoor District Council", cite=CITING):
    return {
        "reference": reference,
        "organisation": organisation,
        "outcome": "Closed after initial enquiries",
        "summary": f"We will not investigate Mr X’s complaint. This is because {because}.",
        "sections": {"Final decision": [f"We will not investigate. {cite}"]},
    }


@pytest.fixture
def archive(write_decision):
    """Decisions whose findings are worked out here, from what each was written to say."""
    specs = {
        "21 000 001": upheld("21 000 001", [(300, "distress"), (150, "time and trouble")]),
        "21 000 002": upheld(
            "21 000 002",
            [(1250, "the care charges it should refund")],
            cite="(Care Act 2014, section 9)",
        ),  # fmt: skip
        "21 000 003": upheld("21 000 003", [], organisation="Oakhollow Borough Council"),
        "21 000 004": closed("21 000 004", "Mr X can appeal to the tribunal"),
        "21 000 005": closed("21 000 005", "the complaint is late", cite="(Care Act 2014)"),
        "21 000 006": upheld(
            "21 000 006",
            [(80, "distress")],
            organisation="Oakhollow Borough Council",
            cite="(Local Government Act 1974, section 26 (1))",
        ),  # fmt: skip
    }
    paths = [write_decision(f"{r[-3:]}.txt", **fields) for r, fields in specs.items()]
    assert import_paths(paths).imported == len(specs)
    return specs


def remedies_of(reference):
    return [
        (r.kind, r.amount, r.purpose)
        for r in Remedy.objects.filter(decision__reference=reference).order_by("position")
    ]


def test_import_stores_each_decisions_remedies_reason_and_citations(archive):
    assert remedies_of("21 000 001") == [
        ("apology", None, ""),
        ("payment", Decimal("300.00"), "distress"),
        ("payment", Decimal("150.00"), "time and trouble"),
    ]
    assert remedies_of("21 000 002")[1] == ("payment", Decimal("1250.00"), "refund")
    first = Decision.objects.get(reference="21 000 001")
    assert first.payment_total == Decimal("450.00")
    assert first.reason_not_investigated is None
    assert [p.label for p in first.citations.all()] == ["Local Government Act 1974, section 26(1)"]
    reasons = dict(Decision.objects.values_list("reference", "reason_not_investigated"))
    assert (reasons["21 000 004"], reasons["21 000 005"]) == (
        "better_placed_elsewhere",
        "out_of_time",
    )
    # "26 (1)" and "26(1)" are one provision.
    sixth = Decision.objects.get(reference="21 000 006")
    assert list(sixth.citations.all()) == list(first.citations.all())


def test_a_remedy_header_decides_which_kinds_of_remedy_there_were(write_decision):
    fields = upheld("21 000 010", [(200, "distress")], extra={"Remedy": "Apology"})
    import_paths([write_decision(**fields)])
    assert remedies_of("21 000 010") == [("apology", None, "")]  # no payment: the header wins
    fields = upheld("21 000 011", [], extra={"Remedy": "Financial redress: Quantifiable loss"})
    import_paths([write_decision("b.txt", **fields)])
    assert remedies_of("21 000 011") == [("payment", None, "refund")]


def test_a_remedies_header_its_entries_on_one_line_and_a_field_after_it_are_read_apart(
    write_decision,
):
    extra = {"Remedies": "Apology, Financial redress: Avoidable distress/time and trouble",
             "Compliance status": "Complied"}  # fmt: skip
    import_paths([write_decision(**upheld("21 000 012", [(200, "distress")], extra=extra))])
    assert remedies_of("21 000 012") == [
        ("apology", None, ""), ("payment", Decimal("200.00"), "distress")]  # fmt: skip
    assert Decision.objects.get().extra == extra


def test_reimport_changes_nothing_and_a_changed_file_replaces_its_findings(write_decision):
    path = write_decision(**upheld("21 000 020", [(300, "distress")]))
    import_paths([path])
    before = Remedy.objects.count(), Decision.citations.through.objects.count()
    assert import_paths([path]).unchanged == 1
    assert (Remedy.objects.count(), Decision.citations.through.objects.count()) == before
    write_decision(**upheld("21 000 020", [(500, "distress")], cite="(Care Act 2014, section 9)"))
    assert import_paths([path]).updated == 1
    assert remedies_of("21 000 020")[1] == ("payment", Decimal("500.00"), "distress")
    decision = Decision.objects.get()
    assert [p.label for p in decision.citations.all()] == ["Care Act 2014, section 9"]
    assert decision.payment_total == Decimal("500.00")


def test_a_figure_too_large_for_a_payment_is_stored_as_none_and_every_page_still_opens(
    write_decision, client
):
    # Stored, £12,345,678,901 is more than the column holds: SQLite kept it all the same, and
    # every read of the decision failed after; PostgreSQL refused the decision.
    fields = upheld("21 000 015", [("12,345,678,901", "distress"), (150, "time and trouble")])
    report = import_paths([write_decision(**fields)])
    assert report.imported == 1
    assert remedies_of("21 000 015")[1:] == [("payment", Decimal("150.00"), "time and trouble")]
    decision = Decision.objects.get()
    assert decision.payment_total == Decimal("150.00")
    for url in ("/", "/decisions/", decision.get_absolute_url(), "/api/decisions/"):
        assert client.get(url).status_code == 200, url


def test_a_payment_total_more_than_the_column_holds_is_stored_as_none():
    payments = Findings(
        tuple(FoundRemedy("payment", Decimal(99_999_999), "") for _ in range(101)), False, None, ()
    )
    assert finding_values(payments)["payment_total"] is None
    assert finding_values(Findings(payments.remedies[:100], False, None, ()))[
        "payment_total"
    ] == Decimal(9_999_999_900)


def test_a_decision_whose_findings_are_refused_is_not_left_half_written(write_decision):
    good = write_decision("a.txt", **upheld("21 000 030", [(100, "distress")]))
    bad = write_decision("b.txt", **upheld("21 000 031", [(666, "distress")]))
    refuse_inserts("decisions_remedy", "new.amount = 666")  # after its decision is written
    report = import_paths([good, bad])
    assert (report.imported, report.failed) == (1, 1)
    assert (
        report.errors[0].path.endswith("b.txt")
        and "refused by test trigger" in report.errors[0].reason
    )
    assert not Decision.objects.filter(reference="21 000 031").exists()
    assert len(remedies_of("21 000 030")) == 2
    assert Remedy.objects.count() == 2  # none of the refused decision's


def test_dry_run_writes_no_findings(write_decision):
    import_paths([write_decision(**upheld("21 000 040", [(100, "distress")]))], dry_run=True)
    assert (Remedy.objects.count(), Provision.objects.count()) == (0, 0)


def test_extract_decisions_re_reads_changed_rules_and_writes_only_what_changed(archive, capsys):
    call_command("extract_decisions")
    assert "decisions read: 6, changed: 0" in capsys.readouterr().out
    # As if the rules had been worse when these were imported:
    Remedy.objects.filter(decision__reference="21 000 001").delete()
    Decision.objects.filter(reference="21 000 004").update(reason_not_investigated=None)
    Decision.objects.get(reference="21 000 006").citations.clear()
    call_command("extract_decisions", "--batch-size", "2")
    output = capsys.readouterr()
    assert "decisions read: 6, changed: 3" in output.out
    assert "6 of 6 read" in output.err
    assert len(remedies_of("21 000 001")) == 3
    assert Decision.objects.get(reference="21 000 004").reason_not_investigated == (
        "better_placed_elsewhere"
    )
    assert Decision.objects.get(reference="21 000 006").citations.count() == 1


def test_each_extract_decisions_run_is_recorded_with_its_rules_and_what_changed(
    archive, capsys, client, django_user_model
):
    call_command("extract_decisions")
    Remedy.objects.filter(decision__reference="21 000 001").delete()
    Decision.objects.get(reference="21 000 006").citations.clear()
    call_command("extract_decisions", "--batch-size", "4")
    output = capsys.readouterr().out
    assert "changed: 21 000 001, 21 000 006\n" in output
    first, second = ExtractionRun.objects.order_by("pk")
    assert (first.read, first.changed, first.not_read, first.changed_references) == (6, 0, 0, [])
    assert (second.read, second.changed, second.not_read) == (6, 2, 0)
    assert second.changed_references == ["21 000 001", "21 000 006"]
    assert second.rules == first.rules == rules_fingerprint() and len(second.rules) == 12
    assert second.finished_at >= second.started_at
    assert second.command == "extract_decisions --batch-size 4"
    assert f"recorded as findings run {second.pk}" in output
    # Staff read the record in the admin, each changed decision linked to its page.
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw-tests"))
    page = client.get(f"/admin/decisions/extractionrun/{second.pk}/change/").content.decode()
    decision = Decision.objects.get(reference="21 000 006")
    assert f'<a href="/admin/decisions/decision/{decision.pk}/change/">21 000 006</a>' in page
    listing = client.get("/admin/decisions/extractionrun/").content.decode()
    assert second.rules in listing


def test_a_run_stopped_part_way_keeps_what_it_had_done(archive, monkeypatch):
    import decisions.findings as findings

    Remedy.objects.filter(decision__reference="21 000 001").delete()
    Decision.objects.get(reference="21 000 006").citations.clear()
    real_store = findings.store_findings

    def store_once_then_stop(read, related):
        if any(decision.reference == "21 000 006" for decision, _ in read):
            raise KeyboardInterrupt  # as if stopped while writing the third batch
        real_store(read, related)

    monkeypatch.setattr(findings, "store_findings", store_once_then_stop)
    with pytest.raises(KeyboardInterrupt):
        call_command("extract_decisions", "--batch-size", "2")
    [run] = ExtractionRun.objects.all()
    assert (run.finished_at, run.read, run.changed) == (None, 4, 1)
    assert run.changed_references == ["21 000 001"]
    assert len(remedies_of("21 000 001")) == 3  # the first batch's writes were kept
    assert Decision.objects.get(reference="21 000 006").citations.count() == 0


# --- search --------------------------------------------------------------------------------


def found(**chosen) -> set[str]:
    result = search(SearchQuery(selection=Selection(**chosen)))
    return {hit.decision.reference for hit in result.hits}


def counts(result, facet) -> dict[str, int]:
    return {value.value: value.count for value in result.facets[facet]}


def test_remedy_facet_counts_each_kind_and_filters_by_any_chosen(archive):
    result = search(SearchQuery())
    assert counts(result, "remedy") == {"apology": 4, "payment": 3}
    assert found(remedy=("payment",)) == {"21 000 001", "21 000 002", "21 000 006"}
    assert found(remedy=("apology",), organisation=()) == {
        "21 000 001", "21 000 002", "21 000 003", "21 000 006"}  # fmt: skip
    chosen = search(SearchQuery(selection=Selection(remedy=("payment",))))
    # Its own facet keeps every kind's count; the others count only the chosen.
    assert counts(chosen, "remedy") == {"apology": 4, "payment": 3}
    assert counts(chosen, "outcome")["upheld"] == 3
    assert counts(chosen, "reason") == {}


def test_payment_range_filters_by_each_decisions_total(archive):
    assert found(payment_min=Decimal(400)) == {"21 000 001", "21 000 002"}
    assert found(payment_min=Decimal(100), payment_max=Decimal(450)) == {"21 000 001"}
    assert found(payment_max=Decimal(80)) == {"21 000 006"}
    assert found(payment_min=Decimal(5000)) == set()


def test_reason_facet_and_filter(archive):
    result = search(SearchQuery())
    assert counts(result, "reason") == {"better_placed_elsewhere": 1, "out_of_time": 1}
    assert found(reason=("out_of_time",)) == {"21 000 005"}


def test_citation_filter_by_section_or_by_the_whole_act(archive):
    section = Provision.objects.get(label="Local Government Act 1974, section 26(1)")
    assert found(citation=(section.slug,)) == {
        "21 000 001",
        "21 000 003",
        "21 000 004",
        "21 000 006",
    }
    care_act = Provision.objects.get(legislation__name="Care Act 2014", section="")
    assert found(citation=(care_act.slug,)) == {"21 000 002", "21 000 005"}
    result = search(SearchQuery(text="delayed", selection=Selection(citation=(care_act.slug,))))
    assert [hit.decision.reference for hit in result.hits] == ["21 000 002"]
    assert result.total == 1


def test_bad_finding_parameters_are_named_and_never_widen_the_search(archive, client):
    given = {"remedy": "bribe", "payment_min": "lots", "payment_max": "-5", "reason": "x",
             "citation": "no-such-act"}  # fmt: skip
    response = client.get("/decisions/", given)
    assert response.status_code == 200
    notices = [notice.message for notice in response.context["unknown"]]
    for parameter, value in given.items():
        assert any(f"({parameter}={value})" in message for message in notices), parameter
    # Each names nothing, so the search finds nothing rather than the whole archive.
    assert response.context["result"].total == 0


# --- pages, API and CSV --------------------------------------------------------------------


def test_a_feeds_title_names_every_filter_of_its_search(archive, client):
    cited = Provision.objects.exclude(section="").first()
    titles = {
        "remedy=payment&remedy=apology": "Financial payment · Apology",
        "reason=out_of_time": "not investigated: Out of time",
        "payment_min=200&payment_max=500.50": "payments from £200 · payments up to £500.50",
        f"citation={cited.slug}": f"cites {cited.label}",
        "q=council&remedy=payment": "“council” · Financial payment",
    }
    for asked, title in titles.items():
        feed = ET.fromstring(client.get(f"/decisions/feed/?{asked}").content)
        assert feed.find(f"{ATOM}title").text == f"Ombudsman decisions: {title}", asked


def test_decision_page_shows_findings_above_the_text_with_links(archive, client):
    page = client.get("/decisions/21-000-001/").content.decode()
    box = page[page.index('id="findings"') : page.index('id="summary-heading"')]
    assert "Payment of £300 for distress" in box and "Payment of £150 for time and trouble" in box
    section = Provision.objects.get(label="Local Government Act 1974, section 26(1)")
    assert f'href="/decisions/?citation={section.slug}"' in box
    assert 'href="/decisions/?remedy=apology"' in box
    closed_page = client.get("/decisions/21-000-005/").content.decode()
    assert "Out of time: the complaint was late" in closed_page


def test_search_results_say_what_each_paid_or_why_it_was_not_investigated(archive, client):
    response = client.get("/decisions/", {"organisation": "wrenmoor-district-council"})
    results = response.content.decode().split('class="result"')[1:]
    by_reference = {
        reference: next(r for r in results if reference in r)
        for reference in ("21 000 001", "21 000 002", "21 000 005")
    }
    assert "£450 in payments" in by_reference["21 000 001"]
    assert "£1,250 in payments" in by_reference["21 000 002"]
    assert "Out of time: the complaint was late" in by_reference["21 000 005"]
    assert "in payments" not in by_reference["21 000 005"]


def test_api_and_csv_carry_the_findings(archive, client):
    record = client.get("/api/decisions/21-000-001/").json()
    assert record["remedies"] == [
        {"type": "apology", "amount": None, "purpose": None},
        {"type": "payment", "amount": 300.0, "purpose": "distress"},
        {"type": "payment", "amount": 150.0, "purpose": "time and trouble"},
    ]
    assert record["payment_total"] == 450.0 and record["reason_not_investigated"] is None
    assert record["citations"][0]["act"] == "Local Government Act 1974"
    assert record["citations"][0]["section"] == "26(1)"
    results = client.get("/api/decisions/", {"reason": "better_placed_elsewhere"}).json()
    assert [r["reference"] for r in results["results"]] == ["21 000 004"]
    assert results["results"][0]["reason_not_investigated"] == "better_placed_elsewhere"

    def references(**parameters):
        found = client.get("/api/decisions/", parameters).json()["results"]
        return sorted(r["reference"] for r in found)

    # Totals: 001 £450, 002 £1,250, 006 £80; 003 pays nothing.
    assert references(payment_min="400") == ["21 000 001", "21 000 002"]
    assert references(remedy="payment", payment_max="500") == ["21 000 001", "21 000 006"]
    assert references(remedy="apology", payment_max="100") == ["21 000 006"]
    care_act = Provision.objects.get(legislation__name="Care Act 2014", section="").slug
    assert references(citation=care_act) == ["21 000 002", "21 000 005"]
    body = b"".join(client.get("/decisions/export.csv", {"remedy": "payment"}).streaming_content)
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    assert set(rows) == {"21 000 001", "21 000 002", "21 000 006"}
    assert rows["21 000 001"]["remedies"] == (
        "Apology; Payment of £300 for distress; Payment of £150 for time and trouble"
    )
    assert rows["21 000 001"]["payment total"] == "450.00"
    assert rows["21 000 002"]["citations"] == "Care Act 2014, section 9"


def test_profiles_total_and_median_payments_and_reasons(archive, client):
    profile = client.get("/api/organisations/wrenmoor-district-council/").json()
    # Totals 450 and 1,250: the median of two is their mean.
    assert profile["payments"] == {"decisions": 2, "total": 1700.0, "median": 850.0, "unread": 0}
    assert {r["reason"]: r["decisions"] for r in profile["reasons"]} == {
        "better_placed_elsewhere": 1, "out_of_time": 1}  # fmt: skip
    other = client.get("/api/organisations/oakhollow-borough-council/").json()
    assert other["payments"] == {"decisions": 1, "total": 80.0, "median": 80.0, "unread": 0}
    page = client.get("/organisations/wrenmoor-district-council/").content.decode()
    assert "£1,700" in page and "£850" in page


def test_legislation_page_counts_decisions_per_act_and_section(archive, client):
    page = client.get("/legislation/").content.decode()
    assert "Local Government Act 1974" in page and "Care Act 2014" in page
    listing = client.get("/api/legislation/").json()
    by_name = {act["name"]: act for act in listing["results"]}
    assert by_name["Local Government Act 1974"]["decisions"] == 4
    assert by_name["Care Act 2014"]["decisions"] == 2
    sections = {p["label"]: p["decisions"] for p in by_name["Care Act 2014"]["provisions"]}
    assert sections == {"Care Act 2014, section 9": 1, "Care Act 2014": 1}
    assert listing["results"][0]["name"] == "Local Government Act 1974"  # most cited first
    for act in listing["results"]:
        assert f'href="/decisions/?citation={act["slug"]}"' in page


def test_the_kept_legislation_index_follows_new_citations(
    archive, client, write_decision, settings
):
    settings.SEARCH_CACHE = True
    assert "Housing Act 1996" not in client.get("/api/legislation/").content.decode()
    import_paths([write_decision("new.txt", **upheld("21 000 099", [], cite="(Housing Act 1996)"))])
    listing = client.get("/api/legislation/").json()
    assert {act["name"]: act["decisions"] for act in listing["results"]}["Housing Act 1996"] == 1
    Decision.citations.through.objects.filter(decision__reference="21 000 099").delete()
    assert "Housing Act 1996" not in client.get("/legislation/").content.decode()


def test_similar_decisions_come_from_the_same_subcategory_first_then_by_wording(
    write_decision, client
):
    text = "The Council failed to repair the damp and mould in Mr X’s flat for two winters."
    specs = [
        ("22 000 001", "Housing > Repairs", text),
        ("22 000 002", "Housing > Repairs", "Mr X’s flat had damp and mould the Council left."),
        ("22 000 003", "Housing > Repairs", "The Council lost a parking appeal form."),
        ("22 000 004", "Housing > Allocations", "Damp and mould in a flat was not repaired."),
        ("22 000 005", "Planning > Enforcement", "Damp and mould again, in a flat."),
        ("22 000 006", "Planning > Enforcement", "A hedge blocked a neighbour’s light."),
    ]
    paths = [
        write_decision(
            f"{r[-3:]}.txt", reference=r, category=c, summary=s, sections={"The complaint": [s]}
        )
        for r, c, s in specs
    ]
    import_paths(paths)
    page = client.get("/decisions/22-000-001/").content.decode()
    box = page[page.index('id="similar"') :]
    links = {r: box.find(f"/decisions/{r.replace(' ', '-')}/") for r, _, _ in specs[1:]}
    shown = sorted((r for r in links if links[r] >= 0), key=links.get)
    # The same subcategory (the damp one first, by wording; then the rest), then the same
    # parent, then any other that shares words; one sharing no word with it is left out.
    assert shown == ["22 000 002", "22 000 003", "22 000 004", "22 000 005"]
    assert f"{len(shown)} of {len(shown)} upheld" in box
    assert "not a prediction" in box


def test_similarity_reads_the_complaint_not_the_wording_every_decision_shares(write_decision):
    from decisions.search.similar import distinctive_words

    import_paths([write_decision(summary="The Council left damp and mould in Mr X’s flat.",
        sections={
            "The complaint": ["Mr X complains that mould spread through his flat."],
            "The Ombudsman’s role and powers": [
                "We investigate complaints about councils. (Local Government Act 1974, "
                "section 26A(1), as amended)"] * 3,
            "Final decision": ["I have completed my investigation."],
        })])  # fmt: skip
    words = distinctive_words(Decision.objects.get())
    assert set(words[:2]) == {"mould", "flat"}  # three times each: twice in the summary
    assert "damp" in words
    assert not {"local", "government", "section", "amended"} & set(words)


@pytest.mark.parametrize(
    ("kind", "amount", "purpose", "reads"),
    [
        ("payment", Decimal("300"), "distress", "Payment of £300 for distress"),
        ("payment", Decimal("1250.50"), "", "Payment of £1,250.50"),
        ("payment", Decimal("45"), "refund", "Refund of £45"),
        ("payment", None, "refund", "Refund, amount not stated"),
        ("payment", None, "", "Payment, amount not stated"),
        ("service_improvement", None, "", "Service improvement"),
    ],
)
def test_a_remedy_reads_as_a_person_would_say_it(kind, amount, purpose, reads):
    assert Remedy(kind=kind, amount=amount, purpose=purpose).description == reads


def test_what_could_not_be_read_is_said_so_not_guessed(write_decision, client):
    """A payment without a readable amount, and a closure whose reason no rule recognises,
    are counted as not read on the profile and said so on the decision's page."""
    unpriced = upheld("21 000 011", [])
    unpriced["sections"]["Agreed action"] = [
        "Within one month the Council will apologise to Mr X and pay him a suitable sum for "
        "his distress."
    ]
    files = [
        write_decision("paid.txt", **upheld("21 000 010", [(200, "distress")])),
        write_decision("unpriced.txt", **unpriced),
        write_decision("unread.txt", **closed("21 000 012", "of matters we consider below")),
        write_decision("read.txt", **closed("21 000 013", "the complaint is late")),
    ]
    assert import_paths(files).imported == 4
    assert (
        Decision.objects.get(reference="21 000 011")
        .remedies.filter(kind="payment", amount=None)
        .exists()
    )
    assert Decision.objects.get(reference="21 000 012").reason_not_investigated is None

    profile = client.get("/api/organisations/wrenmoor-district-council/").json()
    assert profile["payments"] == {"decisions": 1, "total": 200.0, "median": 200.0, "unread": 1}
    assert {r["reason"]: r["decisions"] for r in profile["reasons"]} == {"out_of_time": 1}
    page = client.get("/organisations/wrenmoor-district-council/").content.decode()
    assert "1 decision states a payment whose amount could not be read" in page
    assert "1 decision closed after initial enquiries gives a reason that could not" in page
    unread = client.get("/decisions/21-000-012/").content.decode()
    assert "Not read: the reason is in the decision" in unread
    read = client.get("/decisions/21-000-013/").content.decode()
    assert "Not read" not in read and "Out of time" in read


# --- the budget for reading findings --------------------------------------------------------


def test_a_file_whose_findings_are_not_read_in_time_is_imported_without_them(
    write_decision, settings
):
    settings.FINDINGS_BUDGET_SECONDS = 0
    path = write_decision(**upheld("21 000 050", [(300, "distress")]))
    report = import_paths([path])
    assert report.imported == 1
    decision = Decision.objects.get(reference="21 000 050")
    assert remedies_of("21 000 050") == []
    assert decision.citations.count() == 0
    assert (decision.payment_total, decision.remedy_kinds) == (None, 0)
    [warning] = [w for w in report.warnings if w.kind == "findings-not-read"]
    assert warning.path == str(path) and "within 0 s" in warning.reason
    [group] = [g for g in report.warning_groups if g.kind == "findings-not-read"]
    assert group.count == 1 and "not read in time" in group.description


def test_extract_decisions_leaves_findings_not_read_in_time_for_a_later_run(
    write_decision, settings, capsys
):
    settings.FINDINGS_BUDGET_SECONDS = 0
    import_paths([write_decision(**upheld("21 000 051", [(300, "distress")]))])
    call_command("extract_decisions")
    assert "decisions read: 1, changed: 0, not read in time" in capsys.readouterr().out
    assert remedies_of("21 000 051") == []
    settings.FINDINGS_BUDGET_SECONDS = 10
    call_command("extract_decisions")
    assert "decisions read: 1, changed: 1 (" in capsys.readouterr().out
    assert remedies_of("21 000 051")[1] == ("payment", Decimal("300.00"), "distress")
