"""Numbers read as numbers: thousands separators, plurals, and rates shown with what they are a
share of and not ranked first on a handful of decisions."""

import re
from collections import Counter

import pytest
from django.template.loader import render_to_string

from decisions.charts import year_chart
from decisions.importing import import_paths
from decisions.models import Decision, Organisation
from decisions.statistics import OutcomeCounts, YearRow, percent_shares, rounded_percent
from decisions.templatetags.numbers import thousands

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value, written",
    [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (123456, "123,456"),
        (-1234567, "-1,234,567"),
        ("4500", "4,500"),
        (None, ""),
        ("", ""),
        (2.5, "2.5"),  # a fraction is left as it is, never rounded
        ("no rate", "no rate"),
    ],
)
def test_thousands_writes_counts_with_separators_and_leaves_the_rest(value, written):
    assert thousands(value) == written


def test_profile_tables_and_chart_separate_thousands_but_not_years():
    outcomes = OutcomeCounts({"upheld": 1234, "not_upheld": 56789}, unrecorded=1000)
    table = render_to_string(
        "decisions/_outcome_table.html", {"outcomes": outcomes, "caption": "Decisions"}
    )
    cells = re.findall(r"<td>([^<]*)</td>", table)
    total = 1234 + 56789 + 1000
    assert {"1,234", "56,789", "1,000", f"{total:,}"} <= set(cells)
    years = [YearRow(2021, outcomes), YearRow(2022, OutcomeCounts({"upheld": 7}))]
    chart = render_to_string(
        "decisions/_year_chart.html", {"chart": year_chart(years), "subject": "X"}
    )
    assert f"2021: {total:,}, 1,234 upheld, 56,789 not upheld, 1,000 outcome not recorded" in chart
    assert '<th scope="row">2021</th>' in chart and "2,021" not in chart
    ticks = re.findall(r'class="tick"[^>]*dominant-baseline="middle">([^<]+)<', chart)
    assert ticks[-1] == "60,000"  # the axis' top: four steps of 15,000 over 59,023


def test_the_home_page_separates_thousands_in_its_totals():
    page = render_to_string(
        "decisions/home.html",
        {"total": 123456, "fictional_total": 2000, "span": {}, "categories": [], "outcomes": []},
    )
    assert "123,456 decisions of the Local Government" in page
    assert "2,000 of these are fictional examples" in page


def test_the_council_index_of_a_thousand_bodies_counts_them_with_a_separator(client):
    bodies = Organisation.objects.bulk_create(
        Organisation(name=f"Body {n:04}", slug=f"body-{n:04}", kind="other") for n in range(1000)
    )
    # A body is listed while it has a decision in the archive (none left: all withdrawn).
    Decision.objects.bulk_create(
        Decision(
            reference=f"21 000 {n:03}",
            slug=f"21-000-{n:03}",
            organisation=body,
            organisation_names=body.name,
            body="Text.",
            source_name="made.txt",
            content_hash=f"{n}",
        )
        for n, body in enumerate(bodies)
    )
    page = client.get("/organisations/").content.decode()
    assert '<p role="status">1,000 bodies, by name A–Z.</p>' in page
    one = client.get("/organisations/", {"name": "Body 0007"}).content.decode()
    assert '<p role="status">1 body, by name A–Z.</p>' in one


# --- rates from a handful of decisions --------------------------------------------------------

# One upheld of one; six upheld of eight; nothing investigated.
HANDFUL, STEADY, UNTESTED = "Ashcombe Council", "Brindle Council", "Crayford Council"
OUTCOMES = {
    HANDFUL: ["Upheld"],
    STEADY: ["Upheld"] * 6 + ["Not upheld"] * 2,
    UNTESTED: ["Closed after initial enquiries"],
}


@pytest.fixture
def rated(write_decision):
    paths = []
    for body, outcomes in OUTCOMES.items():
        for outcome in outcomes:
            number = len(paths) + 1
            paths.append(
                write_decision(
                    f"{number}.txt",
                    reference=f"21 000 {number:03}",
                    organisation=body,
                    outcome=outcome,
                )
            )
    assert import_paths(paths).imported == len(paths)


def test_each_rate_on_the_index_shows_what_it_is_a_share_of(rated, client):
    page = client.get("/organisations/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    for body, outcomes in OUTCOMES.items():
        counted = Counter(outcomes)
        upheld, investigated = counted["Upheld"], counted["Upheld"] + counted["Not upheld"]
        if investigated:
            expected = f"{upheld / investigated:.0%} ({upheld} of {investigated} investigated)"
        else:
            expected = "no rate (none investigated)"
        row = f"{body} Council {len(outcomes)} {expected}"  # name, kind, decisions, rate
        assert row in text


def test_one_upheld_of_one_does_not_top_the_highest_rate_order(rated, client):
    page = client.get("/organisations/", {"sort": "rate"}).content.decode()
    names = re.findall(r'<tr><th scope="row"><a [^>]*>([^<]+)</a>', page)
    # 6 of 8 (75%) is at least 41% at 95% confidence; 1 of 1 (100%) only at least 21%.
    assert names == [STEADY, HANDFUL, UNTESTED]
    assert "by highest upheld rate, allowing for small numbers." in page
    assert "Wilson lower bound at 95% confidence" in page
    plain = client.get("/organisations/", {"sort": "name"}).content.decode()
    assert "Wilson" not in plain  # the explanation comes with the order it explains


def test_the_category_and_profile_rates_show_their_denominators(rated, client):
    slug = Organisation.objects.get(name=HANDFUL).slug
    profile = client.get(f"/organisations/{slug}/").content.decode()
    rate = re.search(r'<dd id="upheld-rate">(.*?)</dd>', profile, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", rate) == "100% (1 of 1 investigated)"
    category = client.get("/categories/housing/").content.decode()
    every = [o for outcomes in OUTCOMES.values() for o in outcomes]
    upheld, investigated = every.count("Upheld"), every.count("Upheld") + every.count("Not upheld")
    shown = re.sub(r"<[^>]+>", "", re.search(r'id="upheld-rate">(.*?)</span>\.', category).group(1))
    assert shown == f"{upheld / investigated:.0%} ({upheld} of {investigated} investigated)"


# --- plurals ----------------------------------------------------------------------------------


def test_bodies_of_the_other_kind_are_other_bodies(write_decision, client):
    paths = [
        write_decision(f"{n}.txt", reference=f"21 000 {n:03}", organisation=name)
        for n, name in enumerate(["Northmoor Fire Authority", "Eastwick Police"], start=1)
    ]
    assert import_paths(paths).imported == 2
    slug = Organisation.objects.get(name="Northmoor Fire Authority").slug
    page = client.get(f"/organisations/{slug}/").content.decode()
    assert "<dt>All other bodies, 2021</dt>" in page
    assert "across 2 other bodies" in page
    assert "bodys" not in page


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(5, 8, 63), (7, 8, 88), (1, 8, 13), (1, 3, 33), (2, 3, 67), (0, 5, 0)],
)
def test_a_percentage_rounds_a_half_up_as_people_do(part, whole, shown):
    assert rounded_percent(part, whole) == shown


@pytest.mark.parametrize(
    "counts", [[5, 2, 1, 0], [41, 23, 32, 5], [1, 1, 1], [0, 0], [7], [3, 3, 3, 1]]
)
def test_the_shares_of_one_table_add_up_to_100(counts):
    shares = percent_shares(counts)
    assert sum(shares) == (100 if sum(counts) else 0)
    for count, share in zip(counts, shares, strict=True):  # each within a point of its share
        assert abs(share - 100 * count / (sum(counts) or 1)) < 1
