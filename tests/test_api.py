import pytest

from decisions.importing import import_paths
from decisions.models import Decision
from tests.factories import SAMPLE_DIR

pytestmark = pytest.mark.django_db


def test_decision_record_has_every_documented_key(client):
    import_paths([SAMPLE_DIR])
    response = client.get("/api/decisions/20-003-494/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    record = response.json()
    assert record["reference"] == "20 003 494"
    assert record["slug"] == "20-003-494"
    assert record["url"] == "http://testserver/decisions/20-003-494/"
    assert record["organisation"] == {
        "name": "London Borough of Newham",
        "slug": "london-borough-of-newham",
        "kind": "council",
    }
    assert record["category"] == {
        "name": "Other",
        "slug": "childrens-care-services-other",
        "parent": {"name": "Children's care services", "slug": "childrens-care-services"},
    }
    assert record["outcome"] == {
        "label": "Closed after initial enquiries",
        "slug": "closed-after-initial-enquiries",
        "group": "closed",
    }
    assert record["decision_date"] == "2020-09-29"
    assert record["summary"].startswith("The Ombudsman will not investigate Miss B’s complaint")
    assert record["body"].startswith("The complaint\n- The complainant")
    assert record["extra"] == {}
    assert record["fictional"] is False
    assert [s["heading"] for s in record["sections"]][0] == "The complaint"


def test_single_level_category_and_unrecorded_fields_are_null(client, write_decision):
    import_paths(
        [
            write_decision(
                category="Trees", outcome=None, decision_date=None, extra={"Remedy": "Apology"}
            )
        ]
    )
    record = client.get("/api/decisions/21-004-517/").json()
    assert record["category"] == {"name": "Trees", "slug": "trees", "parent": None}
    assert record["outcome"] is None
    assert record["decision_date"] is None
    assert record["extra"] == {"Remedy": "Apology"}


def test_unknown_slug_is_a_json_404(client):
    response = client.get("/api/decisions/99-999-999/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": {"status": 404, "message": "No decision with the slug '99-999-999'."}
    }


def test_decision_page_shows_the_decision(client):
    import_paths([SAMPLE_DIR])
    page = client.get("/decisions/20-003-494/").content.decode()
    assert "London Borough of Newham" in page and "20 003 494" in page
    assert '<h2 id="what-i-found">What I found</h2>' in page
    assert '<a href="#what-i-found">What I found</a>' in page
    assert '<link rel="canonical" href="http://testserver/decisions/20-003-494/">' in page
    assert 'href="/decisions/?organisation=london-borough-of-newham"' in page
    assert "<mark>" not in page
    assert "Fictional example" not in page
    assert client.get("/decisions/99-999-999/").status_code == 404


def test_import_runs_are_listed_read_only_in_the_admin(admin_client, write_decision):
    report = import_paths([write_decision()], command="import_decisions files")
    listing = admin_client.get("/admin/decisions/importrun/")
    assert listing.status_code == 200
    assert "import_decisions files" in listing.content.decode()
    assert admin_client.get("/admin/decisions/importrun/add/").status_code == 403
    detail = admin_client.get(f"/admin/decisions/importrun/{report.run_id}/change/")
    assert detail.status_code == 200
    assert 'name="imported"' not in detail.content.decode()  # shown, not editable


def test_decision_page_marks_the_words_the_search_matched_and_no_others(client, write_decision):
    text = "The Council charges for care. Its caretaker charged Mr X and the charge was wrong."
    import_paths([write_decision(summary=text)])
    page = client.get("/decisions/21-004-517/", {"q": "charged care"}).content.decode()
    assert (
        "The Council <mark>charges</mark> for <mark>care</mark>. Its caretaker <mark>charged</mark>"
        " Mr X and the <mark>charge</mark> was wrong."
    ) in page


def test_admin_shows_the_text_of_a_decision_but_does_not_let_it_be_edited(admin_client):
    import_paths([SAMPLE_DIR])
    decision = Decision.objects.get()
    page = admin_client.get(f"/admin/decisions/decision/{decision.pk}/change/").content.decode()
    assert "Miss B" in page
    assert 'name="body"' not in page and 'name="reference"' not in page
    assert 'name="outcome"' in page  # correcting the outcome stays possible


def test_decision_page_marks_the_words_searched_for_and_escapes_the_text(client, write_decision):
    import_paths([write_decision(summary="Complaints <b>about</b> the complaint process.")])
    page = client.get("/decisions/21-004-517/", {"q": "complaint"}).content.decode()
    assert "<mark>Complaints</mark> &lt;b&gt;about&lt;/b&gt; the <mark>complaint</mark>" in page
    assert "Back to the search for “complaint”" in page
