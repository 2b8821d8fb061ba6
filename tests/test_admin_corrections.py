"""The admin's corrections: withdrawing, reinstating, redacting and correcting a decision, each
with a reason and its own permission; the audit trail that nobody can change through the admin."""

import html
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from decisions.corrections import Editor, redact, withdraw
from decisions.importing import import_paths
from decisions.models import (
    Category,
    ChangeRecord,
    Decision,
    ExtractionRun,
    ImportedFile,
    ImportRun,
    ImportWarning,
    Organisation,
    Outcome,
    Redaction,
    Withdrawal,
)
from decisions.search import ids_matching_words

pytestmark = pytest.mark.django_db

REFERENCE = "21 000 001"
SECRET = "Mr X's neighbour, Mrs Quillfeather, was named in the complaint."


@pytest.fixture
def decision(write_decision):
    write_decision("a.txt", reference="21 000 002")
    path = write_decision(
        "b.txt",
        reference=REFERENCE,
        sections={
            "The complaint": [
                "Mr X complains the Council took too long to review his case.",
                SECRET,
            ],
            "Final decision": ["I have completed my investigation."],
        },
    )
    import_paths([path.parent])
    return Decision.objects.get(reference=REFERENCE)


def staff(username: str, groups=(), permissions=()) -> User:
    user = User.objects.create_user(username, password="not-a-real-password", is_staff=True)
    user.groups.set(Group.objects.filter(name__in=groups))
    user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    return user


@pytest.fixture
def editor(client):
    """A member of the Editors group that the migration made, signed in."""
    user = staff("editor", groups=["Editors"])
    client.force_login(user)
    return user


@pytest.fixture
def clerk(client):
    """Staff who may view and change decisions and view the trail, but not withdraw or redact."""
    user = staff(
        "clerk",
        permissions=["view_decision", "change_decision", "view_withdrawal", "view_changerecord"],
    )
    client.force_login(user)
    return user


@pytest.fixture
def superuser(client):
    user = User.objects.create_superuser("root", password="not-a-real-password")
    client.force_login(user)
    return user


def change_url(decision) -> str:
    return f"/admin/decisions/decision/{decision.pk}/change/"


def withdraw_url(decision) -> str:
    return f"/admin/decisions/decision/{decision.pk}/withdraw/"


def redact_url(decision) -> str:
    return f"/admin/decisions/decision/{decision.pk}/redact/"


def reinstate_url(withdrawal) -> str:
    return f"/admin/decisions/withdrawal/{withdrawal.pk}/reinstate/"


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def change_form_data(client, decision) -> dict:
    """What the change form's page sends back unchanged: each field's value, and beside each
    correctable one the value the page showed (its hidden "initial-" input)."""
    form = client.get(change_url(decision)).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for name, field in form.fields.items():
        if field.show_hidden_initial and form[name].value() is not None:
            data[form[name].html_initial_name] = form[name].value()
    return data


def recently(moment) -> bool:
    return timezone.now() - timedelta(minutes=1) < moment <= timezone.now()


# --- the Editors group ------------------------------------------------------------------------


def test_the_editors_group_may_withdraw_redact_and_correct_but_not_delete():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"withdraw_decision", "redact_decision", "change_decision"} <= codenames
    assert {"view_changerecord", "view_redaction", "view_withdrawal", "view_importrun"} <= codenames
    assert not {c for c in codenames if c.startswith("delete_")}


# --- withdrawing and reinstating --------------------------------------------------------------


def test_an_editor_sees_the_withdraw_and_redact_buttons(client, editor, decision):
    page = client.get(change_url(decision)).content.decode()
    assert f'href="{withdraw_url(decision)}"' in page
    assert f'href="{redact_url(decision)}"' in page


def test_an_editor_withdraws_a_decision_with_a_reason(client, editor, decision):
    form = client.get(withdraw_url(decision))
    assert form.status_code == 200 and "Public reason" in text_of(form)
    response = client.post(withdraw_url(decision), {"reason": "Published in error."}, follow=True)
    withdrawal = Withdrawal.objects.get(reference=REFERENCE)
    assert response.redirect_chain[-1][0] == f"/admin/decisions/withdrawal/{withdrawal.pk}/change/"
    assert f"Withdrew {REFERENCE}" in text_of(response)
    assert not Decision.objects.filter(reference=REFERENCE).exists()
    assert (withdrawal.reason, withdrawal.user) == ("Published in error.", editor)
    record = ChangeRecord.objects.get(reference=REFERENCE)
    assert (record.action, record.reason, record.user, record.username) == (
        "withdrawn",
        "Published in error.",
        editor,
        "editor",
    )
    assert recently(record.at)


def test_withdrawing_needs_a_reason(client, editor, decision):
    response = client.post(withdraw_url(decision), {"reason": "   "})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert Decision.objects.filter(reference=REFERENCE).exists()
    assert not Withdrawal.objects.exists() and not ChangeRecord.objects.exists()


def test_the_withdrawal_page_shows_the_withdrawn_text_and_a_reinstate_button(
    client, editor, decision
):
    withdrawal = withdraw(REFERENCE, "Published in error.", Editor(name="test"))
    page = client.get(f"/admin/decisions/withdrawal/{withdrawal.pk}/change/")
    assert page.status_code == 200
    assert SECRET in text_of(page) and "Housing > Homelessness" in text_of(page)
    assert "I have completed my investigation." in text_of(page)
    assert f'href="{reinstate_url(withdrawal)}"' in page.content.decode()


def test_the_withdrawal_page_shows_the_withdrawn_decisions_payments(client, editor, write_decision):
    sections = {"Agreed action": ["The Council will pay Mr X £4,668.50 for his distress."]}
    import_paths([write_decision("paid.txt", reference="21 000 003", sections=sections)])
    withdrawal = withdraw("21 000 003", "Published in error.", Editor(name="test"))
    page = text_of(client.get(f"/admin/decisions/withdrawal/{withdrawal.pk}/change/"))
    assert "Payment of £4,668.50 for distress" in page


def test_a_redacted_then_withdrawn_decision_shows_staff_its_redacted_passage(
    client, editor, decision
):
    redact(REFERENCE, SECRET, "A third party.", Editor(name="test"))
    withdrawal = withdraw(REFERENCE, "Published in error.", Editor(name="test"))
    page = text_of(client.get(f"/admin/decisions/withdrawal/{withdrawal.pk}/change/"))
    assert "[redacted]" in page and SECRET in page and "A third party." in page


def test_an_editor_reinstates_a_withdrawn_decision(client, editor, decision):
    withdrawal = withdraw(REFERENCE, "Published in error.", Editor(name="test"))
    assert client.get(reinstate_url(withdrawal)).status_code == 200
    response = client.post(reinstate_url(withdrawal), {"reason": "Checked: it may be published."})
    restored = Decision.objects.get(reference=REFERENCE)
    assert response.status_code == 302 and response.url == change_url(restored)
    assert not Withdrawal.objects.exists()
    assert restored.body == decision.body and restored.category == decision.category
    record = ChangeRecord.objects.get(action="reinstated")
    assert (record.reference, record.reason, record.user) == (
        REFERENCE,
        "Checked: it may be published.",
        editor,
    )


def test_reinstating_needs_a_reason(client, editor, decision):
    withdrawal = withdraw(REFERENCE, "Published in error.", Editor(name="test"))
    response = client.post(reinstate_url(withdrawal), {"reason": ""})
    assert response.status_code == 400 and response.context["form"].errors["reason"]
    assert Withdrawal.objects.exists() and not Decision.objects.filter(reference=REFERENCE)


# --- redacting --------------------------------------------------------------------------------


def test_an_editor_redacts_a_passage_and_sees_it_listed_for_staff(client, editor, decision):
    form = client.get(redact_url(decision))
    assert form.status_code == 200 and SECRET in text_of(form)  # the text to copy from
    response = client.post(redact_url(decision), {"passage": SECRET, "reason": "A third party."})
    assert response.status_code == 302 and response.url == change_url(decision)
    decision.refresh_from_db()
    assert SECRET not in decision.body and "[redacted]" in decision.body
    assert decision.pk not in ids_matching_words("Quillfeather")
    redaction = Redaction.objects.get()
    assert (redaction.reference, redaction.passage, redaction.reason, redaction.user) == (
        REFERENCE,
        SECRET,
        "A third party.",
        editor,
    )
    record = ChangeRecord.objects.get()
    assert (record.action, record.reason, record.username) == (
        "redacted",
        "A third party.",
        "editor",
    )
    assert SECRET not in record.old_value + record.new_value + record.reason
    page = text_of(client.get(change_url(decision)))
    assert SECRET in page and "A third party." in page  # staff see what was redacted, and why


def test_redacting_needs_a_reason_and_a_passage(client, editor, decision):
    response = client.post(redact_url(decision), {"passage": SECRET, "reason": ""})
    assert response.status_code == 400 and response.context["form"].errors["reason"]
    response = client.post(redact_url(decision), {"passage": "", "reason": "A third party."})
    assert response.status_code == 400 and response.context["form"].errors["passage"]
    assert not Redaction.objects.exists()
    decision.refresh_from_db()
    assert SECRET in decision.body


def test_a_passage_not_in_the_text_is_a_form_error(client, editor, decision):
    response = client.post(
        redact_url(decision), {"passage": "mrs quillfeather", "reason": "A third party."}
    )
    assert response.status_code == 400
    assert "The passage was not found in the text of 21 000 001" in text_of(response)
    assert not Redaction.objects.exists() and not ChangeRecord.objects.exists()


# --- correcting fields ------------------------------------------------------------------------


def test_correcting_fields_records_each_with_old_and_new_values_who_when_and_why(
    client, editor, decision
):
    allocations = Category.objects.create(name="Allocations", slug="allocations")
    data = change_form_data(client, decision)
    data.update(
        category=allocations.pk,
        decision_date="2021-03-06",
        change_reason="The header was misread.",
    )
    response = client.post(change_url(decision), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    decision.refresh_from_db()
    assert (decision.category, decision.decision_date) == (allocations, date(2021, 3, 6))
    records = {r.field: r for r in ChangeRecord.objects.all()}
    assert set(records) == {"Category", "Decision date"}
    category, day = records["Category"], records["Decision date"]
    assert (category.old_value, category.new_value) == ("Housing > Homelessness", "Allocations")
    assert (day.old_value, day.new_value) == ("5 March 2021", "6 March 2021")
    for record in records.values():
        assert (record.action, record.reference, record.public) == ("corrected", REFERENCE, True)
        assert (record.user, record.username, record.reason) == (
            editor,
            "editor",
            "The header was misread.",
        )
        assert recently(record.at)
    page = text_of(client.get(change_url(decision)))
    assert "Housing > Homelessness" in page and "The header was misread." in page


def test_a_page_opened_before_another_editor_saved_changes_only_what_its_editor_changed(
    client, editor, decision
):
    """Two editors open the decision; the first corrects the outcome and hides it from search
    engines; the second, from the page opened before, corrects the category: the outcome and
    the flag stay as the first saved them, and only the category is recorded as the second's."""
    allocations = Category.objects.create(name="Allocations", slug="allocations")
    other = Outcome.objects.create(label="Not upheld", slug="not-upheld-2", group="not_upheld")
    seen_by_second = change_form_data(client, decision)
    first = {**change_form_data(client, decision), "outcome": other.pk, "noindex": "on",
             "change_reason": "The header was misread."}  # fmt: skip
    assert client.post(change_url(decision), first).status_code == 302
    second = {**seen_by_second, "category": allocations.pk, "change_reason": "Category misread."}
    assert client.post(change_url(decision), second).status_code == 302
    decision.refresh_from_db()
    assert (decision.outcome, decision.category, decision.noindex) == (other, allocations, True)
    by_reason = {(r.reason, r.field) for r in ChangeRecord.objects.filter(action="corrected")}
    assert by_reason == {("The header was misread.", "Outcome"), ("Category misread.", "Category")}


def test_a_field_another_editor_changed_since_the_page_was_opened_is_not_overwritten(
    client, editor, decision
):
    allocations = Category.objects.create(name="Allocations", slug="allocations")
    trees = Category.objects.create(name="Trees", slug="trees")
    seen_by_second = change_form_data(client, decision)
    first = {**change_form_data(client, decision), "category": allocations.pk,
             "change_reason": "Misread."}  # fmt: skip
    assert client.post(change_url(decision), first).status_code == 302
    second = {**seen_by_second, "category": trees.pk, "change_reason": "Misread too."}
    response = client.post(change_url(decision), second)
    assert response.status_code == 200
    assert "Someone else changed this since you opened the page" in text_of(response)
    decision.refresh_from_db()
    assert decision.category == allocations
    assert ChangeRecord.objects.filter(action="corrected").count() == 1


@pytest.mark.parametrize(
    "published, corrected, shown",
    [
        ("Fernleigh District Council and Oakhollow Borough Council", "Oakhollow Borough Council",
         "Oakhollow Borough Council and Fernleigh District Council"),
        ("Fernleigh District Council and Wrenmoor NHS Trust", "Oakhollow Borough Council",
         "Oakhollow Borough Council and Wrenmoor NHS Trust"),
        ("Fernleigh District Council", "Oakhollow Borough Council", "Oakhollow Borough Council"),
    ],
)  # fmt: skip
def test_a_joint_decision_corrected_to_a_body_it_names_shows_each_body_once(
    client, editor, write_decision, published, corrected, shown
):
    import_paths([write_decision("joint.txt", reference="21 000 008", organisation=published)])
    joint = Decision.objects.get(reference="21 000 008")
    right = Organisation.objects.get_or_create(
        name=corrected, defaults={"slug": "oakhollow", "kind": "council"}
    )[0]
    data = {**change_form_data(client, joint), "organisation": right.pk,
            "change_reason": "The first body named is not the one complained about."}  # fmt: skip
    assert client.post(change_url(joint), data).status_code == 302
    joint.refresh_from_db()
    assert (joint.organisation, joint.organisation_names) == (right, shown)


def test_a_corrected_outcome_has_the_decision_read_again_for_what_depends_on_it(
    client, editor, decision, write_decision
):
    """Why a decision was not investigated is read only from a closed one: once its outcome
    is corrected to upheld, the reason is gone from its page, the API and the facets."""
    import_paths([write_decision(
        "closed.txt", reference="21 000 009", outcome="Closed after initial enquiries",
        summary="We will not investigate Mr X’s complaint because the Council has not had the "
                "chance to respond to it first.")])  # fmt: skip
    closed = Decision.objects.get(reference="21 000 009")
    assert closed.reason_not_investigated == "premature"
    upheld = decision.outcome
    data = {**change_form_data(client, closed), "outcome": upheld.pk,
            "change_reason": "The header was misread."}  # fmt: skip
    assert client.post(change_url(closed), data).status_code == 302
    closed.refresh_from_db()
    assert (closed.outcome, closed.reason_not_investigated) == (upheld, None)
    api = client.get("/api/decisions/", {"reason": "premature"}).json()
    assert api["count"] == 0


def test_a_corrected_body_is_the_one_the_decision_is_shown_and_found_under(
    client, editor, decision
):
    right = Organisation.objects.create(
        name="Oakhollow Borough Council", slug="oakhollow", kind="council"
    )
    data = {**change_form_data(client, decision), "organisation": right.pk,
            "change_reason": "The file named the wrong council."}  # fmt: skip
    assert client.post(change_url(decision), data).status_code == 302
    decision.refresh_from_db()
    assert decision.organisation_names == "Oakhollow Borough Council"
    page = client.get(decision.get_absolute_url()).content.decode()
    title, heading = (re.search(f"<{tag}>(.*?)</{tag}>", page, re.S)[1] for tag in ("title", "h1"))
    assert "Oakhollow Borough Council" in title and "Wrenmoor" not in title
    assert "Oakhollow Borough Council" in heading and "Wrenmoor" not in heading
    assert ids_matching_words("Oakhollow") == {decision.pk}
    assert decision.pk not in ids_matching_words("Wrenmoor")


@pytest.mark.parametrize("day", ["1901-01-01", "2099-01-01"])
def test_a_decision_date_no_import_would_take_is_refused(client, editor, decision, day):
    data = {**change_form_data(client, decision), "decision_date": day,
            "change_reason": "Typed by hand."}  # fmt: skip
    response = client.post(change_url(decision), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["decision_date"]
    decision.refresh_from_db()
    assert decision.decision_date == date(2021, 3, 5)


def test_a_correction_without_a_reason_is_refused(client, editor, decision):
    allocations = Category.objects.create(name="Allocations", slug="allocations")
    data = {**change_form_data(client, decision), "category": allocations.pk}
    response = client.post(change_url(decision), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["change_reason"]
    decision.refresh_from_db()
    assert decision.category.name == "Homelessness"
    assert not ChangeRecord.objects.exists()


def test_saving_with_nothing_changed_needs_no_reason_and_records_nothing(client, editor, decision):
    response = client.post(change_url(decision), change_form_data(client, decision))
    assert response.status_code == 302
    assert not ChangeRecord.objects.exists()


def test_toggling_noindex_is_recorded_as_its_own_private_action(client, editor, decision):
    data = change_form_data(client, decision)
    on = client.post(change_url(decision), {**data, "noindex": "on", "change_reason": "Asked."})
    assert on.status_code == 302
    decision.refresh_from_db()
    assert decision.noindex
    data = change_form_data(client, decision)
    del data["noindex"]  # an unticked box is not sent
    off = client.post(change_url(decision), {**data, "change_reason": "Consent given."})
    assert off.status_code == 302
    decision.refresh_from_db()
    assert not decision.noindex
    records = list(ChangeRecord.objects.order_by("at", "id").values_list("action", "reason"))
    assert records == [("noindex_on", "Asked."), ("noindex_off", "Consent given.")]
    assert not ChangeRecord.objects.filter(public=True).exists()


# --- without the permissions ------------------------------------------------------------------


def test_staff_without_the_permissions_see_no_buttons_and_get_403(client, clerk, decision):
    page = client.get(change_url(decision))
    assert page.status_code == 200
    assert "/withdraw/" not in page.content.decode() and "/redact/" not in page.content.decode()
    for url, data in [
        (withdraw_url(decision), {"reason": "Published in error."}),
        (redact_url(decision), {"passage": SECRET, "reason": "A third party."}),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    decision.refresh_from_db()
    assert SECRET in decision.body
    assert not Withdrawal.objects.exists() and not Redaction.objects.exists()


def test_staff_without_the_permission_cannot_reinstate(client, clerk, decision):
    withdrawal = withdraw(REFERENCE, "Published in error.", Editor(name="test"))
    page = client.get(f"/admin/decisions/withdrawal/{withdrawal.pk}/change/")
    assert page.status_code == 200 and "/reinstate/" not in page.content.decode()
    assert client.get(reinstate_url(withdrawal)).status_code == 403
    assert client.post(reinstate_url(withdrawal), {"reason": "Back."}).status_code == 403
    assert Withdrawal.objects.exists() and not Decision.objects.filter(reference=REFERENCE)


def test_a_redactor_who_may_not_withdraw_gets_403_for_withdrawing_only(client, decision):
    client.force_login(staff("redactor", permissions=["view_decision", "redact_decision"]))
    page = client.get(change_url(decision)).content.decode()
    assert "/redact/" in page and "/withdraw/" not in page
    assert client.get(withdraw_url(decision)).status_code == 403
    assert client.get(redact_url(decision)).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, decision):
    withdrawal = withdraw("21 000 002", "Published in error.", Editor(name="test"))
    for url in [withdraw_url(decision), redact_url(decision), reinstate_url(withdrawal)]:
        response = client.post(url, {"reason": "x", "passage": SECRET})
        assert response.status_code == 302 and response.url.startswith("/admin/login/"), url
    assert Withdrawal.objects.count() == 1 and not Redaction.objects.exists()


def test_staff_who_may_only_view_decisions_see_no_redacted_passage_nor_private_record(
    client, decision
):
    redact(REFERENCE, "Mrs Quillfeather", "Names a neighbour.", Editor(name="tests"))
    reader = staff("reader", permissions=["view_decision"])
    client.force_login(reader)
    page = text_of(client.get(change_url(decision)))
    assert "Quillfeather" not in page and "Names a neighbour." not in page
    reader.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_redaction", "view_changerecord"])
    )
    reader = User.objects.get(pk=reader.pk)  # permissions are cached on the user
    client.force_login(reader)
    page = text_of(client.get(change_url(decision)))
    assert "Mrs Quillfeather" in page and "Names a neighbour." in page


def test_staff_without_the_change_permission_see_the_form_read_only(client, decision):
    client.force_login(staff("reader", permissions=["view_decision"]))
    page = client.get(change_url(decision))
    assert page.status_code == 200 and "change_reason" not in page.content.decode()
    refused = client.post(change_url(decision), {"noindex": "on", "change_reason": "x"})
    assert refused.status_code == 403
    decision.refresh_from_db()
    assert not decision.noindex


# --- nothing deleted, nothing rewritten -------------------------------------------------------


def test_decisions_cannot_be_deleted_through_the_admin(client, superuser, decision):
    delete = f"/admin/decisions/decision/{decision.pk}/delete/"
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    listing = client.get("/admin/decisions/decision/")
    assert "delete_selected" not in listing.content.decode()
    client.post(
        "/admin/decisions/decision/",
        {"action": "delete_selected", "_selected_action": [decision.pk], "post": "yes"},
    )
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert f'href="{delete}"' not in client.get(change_url(decision)).content.decode()


@pytest.fixture
def audit_trail(decision):
    """One row of each kind of record: a withdrawal, a redaction, change records, a run and its
    files."""
    redact(REFERENCE, SECRET, "A third party.", Editor(name="test"))
    withdraw("21 000 002", "Published in error.", Editor(name="test"))
    run = ImportRun.objects.create(command="import_decisions", imported=1, dry_run=True)
    ImportedFile.objects.create(run=run, path="b.txt", reference=REFERENCE, status="imported")
    ImportWarning.objects.create(run=run, path="b.txt", kind="not-utf8", reason="not UTF-8")
    findings_run = ExtractionRun.objects.create(rules="0123456789ab", read=2, changed=1,
                                                changed_references=[REFERENCE])  # fmt: skip
    return {
        "changerecord": ChangeRecord.objects.first(),
        "redaction": Redaction.objects.get(),
        "withdrawal": Withdrawal.objects.get(),
        "importrun": run,
        "importedfile": ImportedFile.objects.get(run=run),
        "importwarning": ImportWarning.objects.get(run=run),
        "extractionrun": findings_run,
    }


def test_a_superuser_cannot_add_change_or_delete_audit_records(client, superuser, audit_trail):
    for model, row in audit_trail.items():
        base = f"/admin/decisions/{model}/"
        listing = client.get(base)
        assert listing.status_code == 200, model
        assert row.pk in [r.pk for r in listing.context["cl"].result_list], model
        assert "delete_selected" not in listing.content.decode(), model
        assert client.get(f"{base}add/").status_code == 403, model
        shown = client.get(f"{base}{row.pk}/change/")
        assert shown.status_code == 200, model
        assert 'name="_save"' not in shown.content.decode(), model  # shown, not a form
        assert client.post(f"{base}{row.pk}/change/", {}).status_code == 403, model
        assert client.get(f"{base}{row.pk}/delete/").status_code == 403, model
        assert client.post(f"{base}{row.pk}/delete/", {"post": "yes"}).status_code == 403, model
        assert type(row).objects.filter(pk=row.pk).exists(), model
    assert SECRET in text_of(client.get("/admin/decisions/redaction/"))  # passages, for staff


def test_an_editor_reads_the_audit_trail(client, editor, audit_trail):
    for model, row in audit_trail.items():
        assert client.get(f"/admin/decisions/{model}/{row.pk}/change/").status_code == 200, model


# --- import runs --------------------------------------------------------------------------------


def test_an_import_runs_page_lists_its_files_by_kind_linked_to_their_decisions(
    client, editor, decision, django_assert_max_num_queries
):
    withdrawal = withdraw("21 000 002", "Published in error.", Editor(name="test"))
    run = ImportRun.objects.create(command="import_decisions", updated=25, withdrawn=1, failed=1)
    ImportedFile.objects.bulk_create(
        [
            ImportedFile(run=run, path=f"{n}.txt", reference=REFERENCE, status="updated")
            for n in range(25)
        ]
        + [
            ImportedFile(run=run, path="old.txt", reference="21 000 002", status="withdrawn"),
            ImportedFile(run=run, path="bad.txt", status="refused", reason="no decision text"),
        ]
    )  # fmt: skip
    with django_assert_max_num_queries(20):  # decisions looked up with their files, not each
        response = client.get(f"/admin/decisions/importrun/{run.pk}/change/")
    page = response.content.decode()
    text = text_of(response)
    assert "Updated: 25" in text and "Skipped: withdrawn: 1" in text and "Refused: 1" in text
    assert page.count(f'href="{change_url(decision)}"') == 20  # the first twenty of 25
    assert f'href="/admin/decisions/withdrawal/{withdrawal.pk}/change/"' in page
    assert "bad.txt" in text and "no decision text" in text
    assert f"/admin/decisions/importedfile/?run={run.pk}&amp;status__exact=updated" in page
    listing = client.get(
        "/admin/decisions/importedfile/", {"run": run.pk, "status__exact": "updated"}
    )
    assert listing.context["cl"].result_count == 25


def test_an_import_run_shows_whether_it_was_a_dry_run_and_its_withdrawn_count(client, editor):
    run = ImportRun.objects.create(command="admin upload", dry_run=True, withdrawn=3)
    page = client.get(f"/admin/decisions/importrun/{run.pk}/change/").content.decode()

    def shown(field: str) -> str:
        found = re.search(rf'field-{field}.*?<div class="readonly">(.*?)</div>', page, re.S)
        return found.group(1).strip()

    assert 'alt="True"' in shown("dry_run") and shown("withdrawn") == "3"
    listing = client.get("/admin/decisions/importrun/")
    assert {"dry_run", "withdrawn"} <= set(listing.context["cl"].list_display)


def test_an_unknown_or_malformed_id_is_not_found(client, editor, decision):
    for url in [
        "/admin/decisions/decision/999999/withdraw/",
        "/admin/decisions/decision/not-a-number/redact/",
        "/admin/decisions/withdrawal/999999/reinstate/",
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x", "passage": SECRET}).status_code == 404, url
