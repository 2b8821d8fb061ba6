"""Parent categories renamed over the years are one group: in search, counts, category pages,
profiles and the API; editors can change the grouping and imports keep what they chose."""

import re

import pytest
from django.contrib.auth import get_user_model

from decisions.categories import RENAMED_PARENTS
from decisions.importing import import_paths
from decisions.models import Category, Decision
from decisions.search.engine import SearchQuery, search
from decisions.search.facets import Selection

pytestmark = pytest.mark.django_db

COUNCIL = "Wrenmoor District Council"  # fictional
# reference -> category as published
FILED = {
    "19 000 001": "Planning and development > Enforcement",
    "19 000 002": "Planning and development > Enforcement",
    "19 000 003": "Planning and development > Other",
    "21 000 004": "Planning > Enforcement",
    "21 000 005": "Planning > Planning applications",
    "20 000 006": "Highways and transport > Parking and other penalties",
    "22 000 007": "Transport and highways > Parking and other penalties",
    "22 000 008": "Housing > Homelessness",
}


def references(result) -> set[str]:
    return {hit.decision.reference for hit in result.hits}


def filed_under(*prefixes: str) -> set[str]:
    return {ref for ref, category in FILED.items() if category.startswith(prefixes)}


@pytest.fixture
def archive(write_decision):
    paths = [
        write_decision(f"{ref}.txt", reference=ref, organisation=COUNCIL, category=category)
        for ref, category in FILED.items()
    ]
    report = import_paths(paths)
    assert report.imported == len(FILED)
    return paths


def category(path: str) -> Category:
    *parent, name = path.split(" > ")
    return Category.objects.get(name=name, parent__name=parent[0] if parent else None)


def test_an_import_groups_old_parent_names_and_their_subcategories_under_the_current_ones(
    archive,
):
    assert category("Planning and development").group == category("Planning")
    assert category("Highways and transport").group == category("Transport and highways")
    assert category("Planning and development > Enforcement").group == category(
        "Planning > Enforcement"
    )
    # No subcategory of that name under the current parent: it stays its own group.
    assert category("Planning and development > Other").group is None
    assert category("Planning").group is None and category("Housing").group is None


def test_an_old_name_in_another_spelling_is_grouped_and_so_is_its_subcategory(write_decision):
    """ "Highways and Transport", "Planning & development", "Traffic Management": the old
    names in any case, with "&" for "and", are grouped as their exact spelling is."""
    filed = {
        "19 000 001": "Highways and Transport > Highway repair and maintenance",
        "19 000 002": "Planning & development > Planning applications",
        "19 000 003": "Highways and transport > Traffic Management",
        "22 000 004": "Transport and highways > Highway repair and maintenance",
        "22 000 005": "Planning > Planning applications",
        "22 000 006": "Transport and highways > Traffic management",
    }
    import_paths([write_decision(f"{ref}.txt", reference=ref, category=category)
                  for ref, category in filed.items()])  # fmt: skip
    old_highways = Category.objects.get(name="Highways and Transport", parent=None)
    assert old_highways.group == Category.objects.get(name="Transport and highways")
    assert Category.objects.get(name="Planning & development").group.name == "Planning"
    twins = Category.objects.filter(name__iexact="traffic management", parent__isnull=False)
    assert {(c.name, c.group and c.group.name) for c in twins} == {
        ("Traffic Management", "Traffic management"),
        ("Traffic management", None),
    }
    transport = search(SearchQuery(selection=Selection(category=("transport-and-highways",))))
    assert transport.total == 4


def test_the_rule_covers_the_renames_the_format_lists():
    assert RENAMED_PARENTS == {
        "Corporate and other services": "Other Categories",
        "Environmental services, public protection and regulation": "Environment and regulation",
        "Highways and transport": "Transport and highways",
        "Planning and development": "Planning",
    }


def test_a_group_finds_every_decision_published_under_its_names(archive):
    result = search(SearchQuery(selection=Selection(category=("planning",))))
    assert references(result) == filed_under("Planning")
    assert result.total == 5


def test_the_facet_offers_one_value_per_group_with_its_published_names(archive):
    values = search(SearchQuery()).facets["category"]
    tops = {v.value: v for v in values if v.parent is None}
    assert "planning-and-development" not in tops  # one value, not two parents
    assert tops["planning"].count == 5 and tops["planning"].label == "Planning"
    names = {v.label: v.count for v in values if v.parameter == "published_category"}
    assert names["Planning"] == 2 and names["Planning and development"] == 3
    enforcement = [v for v in values if v.parameter == "category" and v.label == "Enforcement"]
    assert [(v.parent, v.count) for v in enforcement] == [("planning", 3)]
    assert tops["transport-and-highways"].count == 2


def test_a_published_name_is_chosen_alone_and_differs_from_its_group(archive):
    alone = search(
        SearchQuery(selection=Selection(published_category=("planning-and-development",)))
    )
    assert references(alone) == filed_under("Planning and development")
    group = search(SearchQuery(selection=Selection(category=("planning",))))
    assert alone.total == 3 and group.total == 5


def test_an_old_link_to_an_old_parent_name_keeps_its_meaning(archive, client):
    response = client.get("/decisions/", {"category": "planning-and-development"})
    assert response.status_code == 302
    assert response["Location"] == "/decisions/?published_category=planning-and-development"
    api = client.get("/api/decisions/", {"category": "planning-and-development"}).json()
    assert {r["reference"] for r in api["results"]} == filed_under("Planning and development")


def test_category_pages_follow_the_groups(archive, client):
    response = client.get("/categories/planning-and-development/")
    assert response.status_code == 302 and response["Location"] == "/categories/planning/"
    page = client.get("/categories/planning/")
    assert page.context["profile"].total == 5
    assert [c.label for c in page.context["names"]] == ["Planning", "Planning and development"]
    tree = {node.category.name: node for node in client.get("/categories/").context["tree"]}
    assert "Planning and development" not in tree
    assert tree["Planning"].count == 5
    assert [c.name for c in tree["Planning"].names] == ["Planning", "Planning and development"]
    children = {child.category.name: child.count for child in tree["Planning"].children}
    assert children == {"Enforcement": 3, "Other": 1, "Planning applications": 1}


def test_profiles_count_a_subcategory_group_once(archive, client):
    profile = client.get("/organisations/wrenmoor-district-council/").context["profile"]
    top = {str(c): n for c, n in profile.top_categories}
    assert top["Planning > Enforcement"] == 3
    assert "Planning and development > Enforcement" not in top


def test_the_api_says_what_a_category_is_grouped_under(archive, client):
    data = client.get("/api/categories/planning-and-development/").json()
    assert data["grouped_under"] == "planning" and data["decisions"] == 5


def sign_in_editor(client):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-for-tests")
    client.force_login(editor)


def test_an_editors_grouping_is_kept_by_later_imports(archive, client, write_decision):
    sign_in_editor(client)
    old = category("Planning and development")
    url = f"/admin/decisions/category/{old.pk}/change/"
    response = client.post(url, {"name": old.name, "group": ""})
    assert response.status_code == 302, response.content
    old.refresh_from_db()
    assert old.group is None and old.group_edited
    # A new decision under the old name, and the same files again: the editor's choice stays.
    new = write_decision(
        "23 000 009.txt", reference="23 000 009", organisation=COUNCIL,
        category="Planning and development > Enforcement",
    )  # fmt: skip
    import_paths([*archive, new])
    old.refresh_from_db()
    assert old.group is None
    result = search(SearchQuery(selection=Selection(category=("planning",))))
    assert result.total == 2


def test_the_admin_refuses_a_group_that_is_not_a_head_of_the_same_level(archive, client):
    sign_in_editor(client)
    sub = category("Planning and development > Other")
    url = f"/admin/decisions/category/{sub.pk}/change/"
    for wrong in (category("Planning"), category("Planning and development > Enforcement")):
        response = client.post(url, {"name": sub.name, "group": wrong.pk})
        assert response.status_code == 200  # the form again, with the reason
        assert response.context["adminform"].form.errors["group"]
    sub.refresh_from_db()
    assert sub.group is None


def test_the_order_of_import_does_not_matter(write_decision):
    older = write_decision(
        "a.txt", reference="18 000 001", organisation=COUNCIL,
        category="Planning and development > Enforcement",
    )  # fmt: skip
    import_paths([older])
    assert category("Planning and development").group is None  # no current name yet
    newer = write_decision(
        "b.txt", reference="22 000 002", organisation=COUNCIL, category="Planning > Enforcement"
    )
    import_paths([newer])
    assert category("Planning and development").group == category("Planning")
    assert category("Planning and development > Enforcement").group == category(
        "Planning > Enforcement"
    )
    assert search(SearchQuery(selection=Selection(category=("planning",)))).total == 2
    assert Decision.objects.count() == 2


# --- outcome groups and wordings, and the help page's link examples ----------------------------


@pytest.fixture
def outcomes(write_decision):
    """Three decisions worded "Upheld", two with an older wording of the same group, one not."""
    worded = ["Upheld"] * 3 + ["Upheld: maladministration and injustice"] * 2 + ["Not upheld"]
    paths = [
        write_decision(f"{n}.txt", reference=f"21 100 00{n}", organisation=COUNCIL,
                       outcome=outcome, category="Planning and development > Enforcement")
        for n, outcome in enumerate(worded)
    ]  # fmt: skip
    paths.append(
        write_decision("p.txt", reference="22 100 009", organisation=COUNCIL,
                       category="Planning > Enforcement")
    )  # fmt: skip
    import_paths(paths)


def test_the_upheld_wording_and_the_upheld_group_are_chosen_apart(outcomes, client):
    wording = client.get("/api/decisions/", {"outcome_wording": "upheld"}).json()
    group = client.get("/api/decisions/", {"outcome": "upheld"}).json()
    expected_wording = Decision.objects.filter(outcome__label="Upheld").count()
    expected_group = Decision.objects.filter(outcome__group="upheld").count()
    assert (wording["count"], group["count"]) == (expected_wording, expected_group) == (4, 6)
    offered = {(v["parameter"], v["value"]): v for v in group["facets"]["outcome"]}
    assert offered["outcome", "upheld"]["count"] == 6
    assert offered["outcome_wording", "upheld"]["included"] is True


def test_every_link_example_on_the_help_page_means_what_it_says(outcomes, client):
    page = client.get("/how-to-search/").content.decode()
    examples = dict(
        code.split("=", 1) for code in re.findall(r"<code>([a-z_]+=[a-z0-9_-]+)</code>", page)
    )
    assert set(examples) == {"outcome", "outcome_wording", "category", "published_category"}

    def found(parameter):
        return client.get("/api/decisions/", {parameter: examples[parameter]}).json()["count"]

    # The group takes in the older wording, the wording alone does not; likewise categories.
    assert found("outcome") == Decision.objects.filter(outcome__group="upheld").count() == 6
    assert found("outcome_wording") == Decision.objects.filter(outcome__label="Upheld").count()
    assert found("category") == Decision.objects.count() == 7
    old_name = Decision.objects.filter(category__parent__name="Planning and development")
    assert found("published_category") == old_name.count() == 6


def test_similar_decisions_take_the_same_subcategory_under_either_name_first(archive):
    from decisions.search.similar import similar_decisions

    decision = Decision.objects.get(reference="19 000 001")
    found = [d.reference for d in similar_decisions(decision).decisions]
    same_group = {"19 000 002", "21 000 004"}  # Enforcement, under the old and the new parent
    assert set(found[:2]) == same_group
    # Then the rest of the Planning group, before anything else.
    assert set(found[2:4]) == filed_under("Planning") - same_group - {"19 000 001"}


def test_empty_fields_from_a_form_sent_without_javascript_are_left_out_of_the_url(archive, client):
    response = client.get(
        "/decisions/?q=&outcome=upheld&date_from=&date_to=&payment_min=&payment_max="
    )
    assert response.status_code == 302 and response["Location"] == "/decisions/?outcome=upheld"
    assert client.get("/decisions/?date_from=")["Location"] == "/decisions/"
    assert client.get("/decisions/?outcome=upheld").status_code == 200


def test_no_two_chips_read_alike(outcomes, client):
    response = client.get(
        "/decisions/",
        {"outcome": "upheld", "outcome_wording": "upheld", "category": "planning-enforcement",
         "organisation": "no-such-council"},
    )  # fmt: skip
    labels = [chip.label for chip in response.context["chips"]]
    assert labels == [
        "Council or body “no-such-council” (unknown)",
        "Planning > Enforcement",
        "Upheld",
        "Upheld (as worded)",
    ]


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("year", "abc"), ("date_from", "2020-13-45"), ("payment_min", "lots")],
)
def test_a_value_no_box_can_show_is_kept_by_the_form_until_its_link_removes_it(
    archive, client, parameter, value
):
    response = client.get("/decisions/", {"organisation": "wrenmoor-district-council",
                                          parameter: value})  # fmt: skip
    assert response.context["result"].total == 0
    form = response.content.decode().split('id="facets"')[1].split("</form>")[0]
    assert f'<input type="hidden" name="{parameter}" value="{value}">' in form
    assert form.count(f'name="{parameter}"') == 1  # no empty box beside it to overwrite it
