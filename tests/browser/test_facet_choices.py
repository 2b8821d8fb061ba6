"""Ticking and unticking facet values as a person does, in headless Chromium, with JavaScript
(a tick applies at once) and without it (tick, then "Apply filters"): groups and what they
include, groups beside the wordings and names they were published under, old links and values
that name nothing."""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import pytest

from decisions.importing import import_paths
from decisions.models import Category, Outcome

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WRENMOOR, OAKHOLLOW = "Wrenmoor District Council", "Oakhollow Borough Council"
MALADMINISTRATION = "Upheld: maladministration and injustice"
OLD_ENFORCEMENT = "Planning and development > Enforcement"
ENFORCEMENT = "Planning > Enforcement"
# organisation, category as published, outcome as worded: one decision each.
ROWS = [
    (WRENMOOR, OLD_ENFORCEMENT, "Upheld"),
    (WRENMOOR, OLD_ENFORCEMENT, MALADMINISTRATION),
    (OAKHOLLOW, OLD_ENFORCEMENT, "Not upheld"),
    (WRENMOOR, ENFORCEMENT, MALADMINISTRATION),
    (OAKHOLLOW, ENFORCEMENT, MALADMINISTRATION),
    (OAKHOLLOW, ENFORCEMENT, "Closed after initial enquiries"),
    (WRENMOOR, "Planning > Trees", "Upheld"),
    (OAKHOLLOW, "Planning and development > Building control", "Upheld"),
    (WRENMOOR, "Housing > Homelessness", "Upheld"),
    (OAKHOLLOW, "Housing > Homelessness", "Not upheld"),
    (OAKHOLLOW, "Housing > Homelessness", MALADMINISTRATION),
    (WRENMOOR, "Housing > Allocations", "Not upheld"),
    (OAKHOLLOW, "Housing > Allocations", "Closed after initial enquiries"),
]


def how_many(keep) -> int:
    """How many ROWS `keep` accepts: the counts the page must show, worked out here."""
    return sum(1 for row in ROWS if keep(*row))


@pytest.fixture
def archive(write_decision):
    for number, (organisation, category, outcome) in enumerate(ROWS):
        path = write_decision(
            f"{number}.txt",
            reference=f"22 000 {number:03d}",
            organisation=organisation,
            category=category,
            outcome=outcome,
            decision_date=f"{number + 1} Apr 2022",
        )
    assert import_paths([path.parent]).failed == 0
    # The importer groups renamed parents; make sure, as an editor could in the admin.
    planning, old = (
        Category.objects.get(name="Planning"),
        Category.objects.get(name="Planning and development", parent=None),
    )
    assert old.group_id == planning.pk
    enforcement = Category.objects.get(name="Enforcement", parent=planning)
    old_enforcement = Category.objects.get(name="Enforcement", parent=old)
    if old_enforcement.group_id != enforcement.pk:
        old_enforcement.group = enforcement
        old_enforcement.save()


@dataclass
class Visitor:
    """A person at a desktop-size screen, with or without JavaScript."""

    page: object
    javascript: bool
    server: str

    def goto(self, path: str):
        return self.page.goto(self.server + path)

    def box(self, parameter: str, value: str):
        return self.page.locator(
            f"form#facets input[type=checkbox][name='{parameter}'][value='{value}']"
        )

    def label(self, parameter: str, value: str):
        return self.box(parameter, value).locator("xpath=ancestor::label[1]")

    def shown_count(self, parameter: str, value: str) -> str:
        """The count beside a value, as a person reads it (opening the list it is folded in)."""
        self.reveal(self.box(parameter, value))
        return self.label(parameter, value).locator(".count").inner_text()

    def reveal(self, box):
        """Open the folded lists (a group's wordings, "Show all") the box sits in."""
        for folded in box.locator("xpath=ancestor::details[not(@open)]").all():
            if "facets-panel" not in (folded.get_attribute("class") or ""):
                folded.locator("xpath=./summary").click()

    def set(self, box, ticked: bool):
        """Tick or untick, and wait for the results: at once with JavaScript, or after
        pressing "Apply filters" without it."""
        self.reveal(box)
        assert box.is_visible() and box.is_enabled() and box.is_checked() != ticked
        if self.javascript:
            with self.page.expect_navigation():
                box.click()  # not set_checked: after the page reloads the box may be gone
        else:
            box.click()
            assert box.is_checked() == ticked
            with self.page.expect_navigation():
                self.page.locator("form#facets button.apply").click()

    def tick(self, parameter: str, value: str):
        self.set(self.box(parameter, value), True)

    def untick(self, parameter: str, value: str):
        self.set(self.box(parameter, value), False)

    def total(self) -> int:
        words = self.page.locator("h2.total").inner_text().split()
        assert words[1] in ("decision", "decisions")
        return int(words[0].replace(",", ""))

    def state(self) -> list[tuple[str, str]]:
        """The search the URL asks for: its parameters, in any order (empty ones included:
        the page redirects a form's empty boxes away, so none should be left)."""
        url = urlsplit(self.page.url)
        assert url.path == "/decisions/"
        return sorted(parse_qsl(url.query, keep_blank_values=True))

    def chips(self) -> list[str]:
        """The filters in use, as the chips above the results name them."""
        return [
            chip.get_attribute("aria-label")
            for chip in self.page.locator(".chips a.chip:not(.chip-clear)").all()
        ]

    def shown_as_included(self, parameter: str, value: str) -> bool:
        box = self.box(parameter, value)
        return (
            box.is_checked()
            and box.is_disabled()
            and self.shown_count(parameter, value) == "included"
            and "included" in (self.label(parameter, value).get_attribute("class") or "")
        )


@pytest.fixture(params=[True, False], ids=["with-javascript", "without-javascript"])
def person(request, browser, live_server, archive):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=request.param
    )
    yield Visitor(context.new_page(), request.param, live_server.url)
    context.close()


def wording_slug(label: str) -> str:
    return Outcome.objects.get(label=label).slug


def category_slug(published: str) -> str:
    parent, name = published.split(" > ")
    return Category.objects.get(parent__name=parent, name=name).slug


UPHELD_GROUP = how_many(lambda org, cat, outcome: outcome.startswith("Upheld"))
UPHELD_WORDING = how_many(lambda org, cat, outcome: outcome == "Upheld")
PLANNING = how_many(lambda org, cat, outcome: cat.startswith("Planning"))
ENFORCEMENTS = how_many(lambda org, cat, outcome: cat in (ENFORCEMENT, OLD_ENFORCEMENT))


# --- point 1: unticking ---------------------------------------------------------------------


def test_ticking_then_unticking_an_outcome_group_gives_back_the_same_search(person):
    person.goto(f"/decisions/?organisation={person_slug(WRENMOOR)}")
    before, count = person.state(), person.total()
    assert count == how_many(lambda org, cat, outcome: org == WRENMOOR)
    wordings = [wording_slug("Upheld"), wording_slug(MALADMINISTRATION)]

    person.tick("outcome", "upheld")
    assert ("outcome", "upheld") in person.state()
    assert person.total() == how_many(
        lambda org, cat, outcome: org == WRENMOOR and outcome.startswith("Upheld")
    )
    for wording in wordings:  # the group's wordings: ticked with it, and not sent
        assert person.shown_as_included("outcome_wording", wording)
    assert not any(name == "outcome_wording" for name, _ in person.state())

    person.untick("outcome", "upheld")
    assert person.state() == before
    assert person.total() == count
    assert person.page.url == f"{person.server}/decisions/?organisation={person_slug(WRENMOOR)}"
    assert not person.box("outcome", "upheld").is_checked()
    for wording in wordings:
        person.reveal(person.box("outcome_wording", wording))
        assert not person.box("outcome_wording", wording).is_checked()
        assert person.shown_count("outcome_wording", wording) != "included"


def test_a_wording_ticked_before_its_group_stays_after_the_group_is_unticked(person):
    wording = wording_slug("Upheld")
    person.goto(f"/decisions/?outcome_wording={wording}")
    before, count = person.state(), person.total()
    assert before == [("outcome_wording", wording)]
    assert count == UPHELD_WORDING
    # The group offers what ticking it adds to the wording already chosen.
    added = int(person.shown_count("outcome", "upheld").lstrip("+").split()[0])
    assert added == UPHELD_GROUP - UPHELD_WORDING

    person.tick("outcome", "upheld")
    assert person.total() == UPHELD_GROUP == count + added
    assert person.shown_as_included("outcome_wording", wording)
    assert ("outcome_wording", wording) in person.state()  # kept, though shown as included

    person.untick("outcome", "upheld")
    assert person.state() == before
    assert person.total() == count
    box = person.box("outcome_wording", wording)
    assert box.is_checked() and box.is_enabled()


def test_ticking_then_unticking_a_parent_category_gives_back_the_same_search(person):
    person.goto("/decisions/?outcome=not_upheld")
    before, count = person.state(), person.total()
    assert count == how_many(lambda org, cat, outcome: outcome == "Not upheld")
    enforcement = category_slug(ENFORCEMENT)

    person.tick("category", "planning")
    assert person.total() == how_many(
        lambda org, cat, outcome: outcome == "Not upheld" and cat.startswith("Planning")
    )
    assert person.shown_as_included("category", enforcement)
    # The names the group was published under are within it too (a subgroup's names are
    # not repeated under a group included already).
    assert person.shown_as_included("published_category", "planning-and-development")
    old_enforcement = person.box("published_category", category_slug(OLD_ENFORCEMENT))
    assert old_enforcement.count() == 0 or person.shown_as_included(
        "published_category", category_slug(OLD_ENFORCEMENT)
    )

    person.untick("category", "planning")
    assert person.state() == before
    assert person.total() == count
    assert not person.box("category", "planning").is_checked()
    assert not person.box("category", enforcement).is_checked()


def test_a_subcategory_under_a_ticked_parent_is_included_and_stays_chosen_after(person):
    enforcement = category_slug(ENFORCEMENT)
    person.goto(f"/decisions/?category={enforcement}")
    before, count = person.state(), person.total()
    assert count == ENFORCEMENTS

    person.tick("category", "planning")
    assert person.total() == PLANNING
    assert person.shown_as_included("category", enforcement)
    trees = category_slug("Planning > Trees")
    assert person.shown_as_included("category", trees)  # not chosen, yet within the parent

    person.untick("category", "planning")
    assert person.state() == before
    assert person.total() == count
    assert person.box("category", enforcement).is_checked()
    assert not person.box("category", trees).is_checked()


def test_ticking_a_second_subcategory_widens_by_the_number_shown(person):
    enforcement = category_slug(ENFORCEMENT)
    person.goto(f"/decisions/?category={enforcement}")
    count = person.total()
    homelessness = category_slug("Housing > Homelessness")
    added = person.shown_count("category", homelessness)
    assert added.startswith("+")
    person.tick("category", homelessness)
    assert person.total() == count + int(added.lstrip("+").split()[0])
    person.untick("category", homelessness)
    assert person.state() == [("category", enforcement)] and person.total() == count


def test_ticking_then_unticking_leaves_the_same_filters_in_use(person):
    person.goto(f"/decisions/?organisation={person_slug(WRENMOOR)}")
    before = person.chips()
    assert before == [f"Remove filter {WRENMOOR}"]
    person.tick("category", "planning")
    assert person.chips() == [f"Remove filter {WRENMOOR}", "Remove filter Planning"]
    person.untick("category", "planning")
    assert person.chips() == before


# --- point 2: groups and wordings are distinct values ---------------------------------------


def test_the_upheld_wording_and_the_upheld_group_each_give_their_own_count(person):
    wording = wording_slug("Upheld")
    assert UPHELD_GROUP > UPHELD_WORDING
    person.goto("/decisions/")
    group_shown = person.shown_count("outcome", "upheld")
    wording_shown = person.shown_count("outcome_wording", wording)
    assert (int(group_shown), int(wording_shown)) == (UPHELD_GROUP, UPHELD_WORDING)

    person.tick("outcome_wording", wording)
    assert person.state() == [("outcome_wording", wording)]
    assert person.total() == UPHELD_WORDING
    assert not person.box("outcome", "upheld").is_checked()

    person.goto("/decisions/")
    person.tick("outcome", "upheld")
    assert person.state() == [("outcome", "upheld")]
    assert person.total() == UPHELD_GROUP


def test_renamed_categories_are_one_value_showing_the_names_published(person):
    person.goto("/decisions/")
    facet = person.page.locator("#facet-category")
    assert int(person.shown_count("category", "planning")) == PLANNING
    # No separate top-level value for the old name: it is one of Planning's published names.
    assert person.box("category", "planning-and-development").count() == 0
    assert person.box("published_category", "planning-and-development").count() == 1
    enforcement = category_slug(ENFORCEMENT)
    assert int(person.shown_count("category", enforcement)) == ENFORCEMENTS
    for published in (ENFORCEMENT, OLD_ENFORCEMENT):
        slug = category_slug(published)
        expected = how_many(lambda org, cat, outcome, published=published: cat == published)
        assert int(person.shown_count("published_category", slug)) == expected
    text = facet.inner_text()
    assert "Planning and development" in text and "Published as" in text

    person.tick("published_category", category_slug(OLD_ENFORCEMENT))
    assert person.total() == how_many(lambda org, cat, outcome: cat == OLD_ENFORCEMENT)


def test_an_old_link_naming_a_wording_as_an_outcome_is_redirected_to_the_wording(person):
    wording = wording_slug(MALADMINISTRATION)
    response = person.goto(f"/decisions/?outcome={wording}")
    assert redirect_status(response) in (301, 302)
    assert person.state() == [("outcome_wording", wording)]
    assert person.total() == how_many(lambda org, cat, outcome: outcome == MALADMINISTRATION)
    assert person.box("outcome_wording", wording).is_checked()
    assert not person.box("outcome", "upheld").is_checked()


def test_an_old_link_naming_a_grouped_category_is_redirected_to_it_as_published(person):
    response = person.goto("/decisions/?category=planning-and-development")
    assert redirect_status(response) in (301, 302)
    assert person.state() == [("published_category", "planning-and-development")]
    assert person.total() == how_many(
        lambda org, cat, outcome: cat.startswith("Planning and development >")
    )


# --- point 4: a value that names nothing ----------------------------------------------------


def test_an_unknown_council_beside_a_real_one_narrows_and_is_named(person):
    oakhollow = person_slug(OAKHOLLOW)
    person.goto(f"/decisions/?organisation={oakhollow}&organisation=no-such-council")
    only_oakhollow = how_many(lambda org, cat, outcome: org == OAKHOLLOW)
    assert only_oakhollow < len(ROWS)
    assert person.total() == only_oakhollow
    notices = person.page.locator("p.notice-unknown")
    assert notices.count() == 1
    assert "no-such-council" in notices.inner_text()
    assert person.box("organisation", oakhollow).is_checked()
    # The unknown value is shown ticked, so that it can be unticked too.
    assert person.box("organisation", "no-such-council").is_checked()

    notices.get_by_role("link", name="Search without it").click()
    person.page.wait_for_load_state()
    assert person.state() == [("organisation", oakhollow)]
    assert person.total() == only_oakhollow
    assert person.page.locator("p.notice-unknown").count() == 0


def test_an_unknown_council_alone_matches_nothing_and_can_be_unticked(person):
    person.goto("/decisions/?organisation=no-such-council")
    assert person.total() == 0
    assert "no-such-council" in person.page.locator("p.notice-unknown").inner_text()
    person.untick("organisation", "no-such-council")
    assert person.state() == []
    assert person.total() == len(ROWS)


def redirect_status(response) -> int | None:
    earlier = response.request.redirected_from
    return earlier.response().status if earlier else None


def person_slug(name: str) -> str:
    return name.lower().replace(" ", "-")
