"""Withdrawing, reinstating, redacting and flagging decisions through the one service
(decisions/corrections.py), and the terminal commands that call it."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from decisions.corrections import (
    REDACTED,
    CorrectionError,
    Editor,
    redact,
    reinstate,
    set_noindex,
    withdraw,
)
from decisions.importing import import_paths
from decisions.models import ChangeRecord, Decision, Redaction, Remedy, Withdrawal
from decisions.search import ids_matching_words
from tests.processes import run_python

pytestmark = pytest.mark.django_db

REFERENCE = "21 004 517"
PAYING = {
    "The complaint": ["Mr X complains the Council took too long to review his case."],
    "What I found": [
        "The Council took eleven weeks, not the eight the law allows, under section 202 of "
        "the Housing Act 1996.",
        "Mr X's neighbour, Mrs Quillfeather, saw the letter arrive.",
    ],
    "Agreed action": [
        "Within one month the Council will apologise to Mr X and pay him £300 for the "
        "distress caused."
    ],
    "Final decision": ["I have completed my investigation."],
}


@pytest.fixture
def decision(write_decision):
    path = write_decision(reference=REFERENCE, sections=PAYING)
    assert import_paths([path]).imported == 1
    return Decision.objects.get(reference=REFERENCE)


@pytest.fixture
def editor():
    return Editor(user=User.objects.create_user("ed", is_staff=True))


def test_withdrawing_keeps_the_whole_record_and_removes_the_decision(decision, editor):
    remedies = sorted(Remedy.objects.filter(decision=decision).values_list("kind", "amount"))
    citations = set(decision.citations.values_list("pk", flat=True))
    assert remedies and citations  # the findings a reinstatement must bring back

    withdrawal = withdraw(REFERENCE, "  Published   in error. ", editor)

    assert not Decision.objects.filter(reference=REFERENCE).exists()
    assert not Remedy.objects.filter(decision_id=decision.pk).exists()
    assert withdrawal.reason == "Published in error."
    assert withdrawal.slug == decision.slug and withdrawal.user == editor.user
    kept = withdrawal.record[0]["fields"]
    assert kept["body"] == decision.body and set(kept["citations"]) == citations
    assert [item["model"] for item in withdrawal.record[1:]] == ["decisions.remedy"] * len(remedies)
    [entry] = ChangeRecord.objects.filter(reference=REFERENCE)
    assert (entry.action, entry.reason, entry.username, entry.public) == (
        "withdrawn",
        "Published in error.",
        "ed",
        True,
    )
    assert ids_matching_words("Quillfeather") == set()


def test_reinstating_brings_back_the_decision_as_it_was(decision, editor):
    before = Decision.objects.values().get(reference=REFERENCE)
    remedies = sorted(Remedy.objects.filter(decision=decision).values_list("kind", "amount"))
    citations = set(decision.citations.values_list("pk", flat=True))
    withdraw(REFERENCE, "Published in error.", editor)

    back = reinstate("21-004-517", "Checked: it was right.", editor)

    after = Decision.objects.values().get(reference=REFERENCE)
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert sorted(back.remedies.values_list("kind", "amount")) == remedies
    assert set(back.citations.values_list("pk", flat=True)) == citations
    assert not Withdrawal.objects.exists()
    assert list(ChangeRecord.objects.values_list("action", flat=True)) == [
        "reinstated",
        "withdrawn",
    ]
    assert ids_matching_words("Quillfeather") == {back.pk}


def test_withdrawing_and_reinstating_refuse_what_cannot_be_done(decision, editor):
    with pytest.raises(CorrectionError, match="reason"):
        withdraw(REFERENCE, "   ", editor)
    with pytest.raises(CorrectionError, match="99 999 999"):
        withdraw("99 999 999", "Why", editor)
    with pytest.raises(CorrectionError, match="not withdrawn"):
        reinstate(REFERENCE, "Why", editor)
    withdraw(REFERENCE, "Why", editor)
    with pytest.raises(CorrectionError, match="is withdrawn"):
        withdraw(REFERENCE, "Again", editor)
    assert ChangeRecord.objects.count() == 1 and Withdrawal.objects.count() == 1


def test_redacting_hides_every_occurrence_and_its_words_no_longer_find_it(decision, editor):
    redaction = redact(REFERENCE, "Mrs Quillfeather", "Names a third party.", editor)

    decision.refresh_from_db()
    assert "Quillfeather" not in decision.body
    assert f"Mr X's neighbour, {REDACTED}, saw the letter arrive." in decision.body
    assert ids_matching_words("Quillfeather") == set()
    assert ids_matching_words("neighbour") == {decision.pk}
    assert Redaction.objects.get() == redaction and redaction.passage == "Mrs Quillfeather"
    [entry] = ChangeRecord.objects.all()
    assert (entry.action, entry.reason) == ("redacted", "Names a third party.")
    assert "Quillfeather" not in f"{entry.old_value} {entry.new_value} {entry.field}"


def test_a_redacted_word_is_hidden_where_it_stands_alone_not_inside_longer_words(
    write_decision, editor
):
    text = "Mrs Hill's son went to Hillcrest School on Chilton Hill. Mrs Hill complained."
    import_paths([write_decision(reference=REFERENCE, summary=text)])
    redact(REFERENCE, "Hill", "Names the complainant.", editor)
    assert Decision.objects.get().summary == (
        f"Mrs {REDACTED}'s son went to Hillcrest School on Chilton {REDACTED}. "
        f"Mrs {REDACTED} complained."
    )
    # Inside a longer word only, it is not there to redact.
    with pytest.raises(CorrectionError, match="not found"):
        redact(REFERENCE, "crest", "Names the school.", editor)


def test_a_redacted_amount_is_no_longer_read_as_a_payment(decision, editor):
    assert decision.payment_total == Decimal("300")
    redact(REFERENCE, "£300", "Identifies the complainant.", editor)
    decision.refresh_from_db()
    assert decision.payment_total is None
    assert not decision.remedies.filter(amount__isnull=False).exists()
    assert decision.remedies.filter(kind="apology").exists()


def test_redacting_refuses_a_passage_it_cannot_find(decision, editor):
    with pytest.raises(CorrectionError, match="not found"):
        redact(REFERENCE, "mrs quillfeather", "Case differs", editor)
    with pytest.raises(CorrectionError, match="one paragraph"):
        redact(REFERENCE, "arrive.\nWithin", "Across paragraphs", editor)
    redact(REFERENCE, "Quillfeather", "Name", editor)
    with pytest.raises(CorrectionError, match="not found"):
        redact(REFERENCE, REDACTED, "The marker itself", editor)
    assert Redaction.objects.count() == 1


def test_the_noindex_flag_is_recorded_but_not_public(decision, editor):
    set_noindex(REFERENCE, True, "Asked by the complainant.", editor)
    set_noindex(REFERENCE, True, "Asked twice.", editor)  # no change, nothing recorded
    decision.refresh_from_db()
    assert decision.noindex
    [entry] = ChangeRecord.objects.all()
    assert (entry.action, entry.public) == ("noindex_on", False)


def test_the_commands_print_what_they_did(decision, capsys):
    call_command("redact_decision", REFERENCE, text="Mrs Quillfeather", reason="A name.", by="ann")
    call_command("withdraw_decision", REFERENCE, reason="Published in error.", by="ann")
    call_command("reinstate_decision", "21004517", reason="Checked.", by="ann")

    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"redacted 16 characters of {REFERENCE} (now {REDACTED}): A name."
    assert printed[1].startswith(f"withdrew {REFERENCE} (Wrenmoor District Council) on ")
    assert printed[1].endswith(": Published in error.")
    assert printed[2] == f"reinstated {REFERENCE} (Wrenmoor District Council): Checked."
    assert set(ChangeRecord.objects.values_list("username", flat=True)) == {"ann"}
    assert REDACTED in Decision.objects.get(reference=REFERENCE).body


@pytest.mark.parametrize(
    ("command", "options", "message"),
    [
        ("withdraw_decision", {"reason": "Why"}, "No decision in the archive has the reference"),
        ("reinstate_decision", {"reason": "Why"}, "No withdrawn decision has the reference"),
        ("redact_decision", {"reason": "Why", "text": "Quillfeather"}, "No decision in"),
    ],
)
def test_the_commands_refuse_an_unknown_reference(decision, command, options, message):
    with pytest.raises(CommandError, match=message):
        call_command(command, "99 999 999", **options)


@pytest.mark.django_db(transaction=True)  # CREATE DATABASE for the command's own database
def test_a_refused_command_exits_1_with_its_message(fresh_database, write_decision):
    """As a person at a terminal sees it: the message, and exit status 1."""
    env = {"DATABASE_URL": fresh_database, "SECRET_KEY": "x", "DEBUG": "0"}
    path = write_decision(reference=REFERENCE)
    for args in (["migrate", "-v0"], ["import_decisions", str(path)]):
        assert run_python("manage.py", *args, **env).returncode == 0
    refused = run_python(
        "manage.py", "redact_decision", REFERENCE, "--text", "not there", "--reason", "x", **env
    )
    assert refused.returncode == 1
    assert "The passage was not found in the text of 21 004 517" in refused.stderr
    unknown = run_python("manage.py", "withdraw_decision", "12 345 678", "--reason", "x", **env)
    assert unknown.returncode == 1
    assert "No decision in the archive has the reference '12 345 678'" in unknown.stderr
