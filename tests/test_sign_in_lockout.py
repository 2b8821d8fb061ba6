"""Sign-in lockout (django-axes): by username across addresses, by address across usernames."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

pytestmark = pytest.mark.django_db

SIGN_IN = "/admin/login/"
ADDRESS_A, ADDRESS_B = "198.51.100.1", "203.0.113.7"
LIMIT = 5  # AXES_FAILURE_LIMIT


@pytest.fixture
def keeper():
    return User.objects.create_superuser("keeper", password="the-right-password")


def sign_in(client, username: str, password: str, address: str):
    return client.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_failures_for_a_username_lock_it_from_another_address(client, keeper):
    for attempt in range(LIMIT):
        failed = sign_in(client, "keeper", f"guess-{attempt}", ADDRESS_A)
    assert failed.status_code == 429
    locked = sign_in(client, "keeper", "the-right-password", ADDRESS_B)
    assert locked.status_code == 429 and "locked" in locked.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_failures_for_a_username_below_the_limit_lock_nothing(client, keeper):
    for attempt in range(LIMIT - 1):
        assert sign_in(client, "keeper", f"guess-{attempt}", ADDRESS_A).status_code == 200
    assert sign_in(client, "keeper", "the-right-password", ADDRESS_B).status_code == 302


def test_five_failures_from_an_address_lock_it_for_another_username(client, keeper):
    for attempt in range(LIMIT):
        failed = sign_in(client, f"someone-{attempt}", "wrong", ADDRESS_A)
    assert failed.status_code == 429
    locked = sign_in(client, "keeper", "the-right-password", ADDRESS_A)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # The address is locked, not the username: from elsewhere, keeper signs in.
    assert sign_in(client, "keeper", "the-right-password", ADDRESS_B).status_code == 302


def test_axes_reset_username_unlocks_a_username(client, keeper):
    for attempt in range(LIMIT):
        sign_in(client, "keeper", f"guess-{attempt}", ADDRESS_A)
    assert sign_in(client, "keeper", "the-right-password", ADDRESS_B).status_code == 429
    call_command("axes_reset_username", "keeper")
    assert sign_in(client, "keeper", "the-right-password", ADDRESS_B).status_code == 302


def test_axes_reset_ip_unlocks_an_address(client, keeper):
    for attempt in range(LIMIT):
        sign_in(client, f"someone-{attempt}", "wrong", ADDRESS_A)
    assert sign_in(client, "keeper", "the-right-password", ADDRESS_A).status_code == 429
    call_command("axes_reset_ip", ADDRESS_A)
    assert sign_in(client, "keeper", "the-right-password", ADDRESS_A).status_code == 302


def test_axes_reset_unlocks_everything(client, keeper):
    for attempt in range(LIMIT):
        sign_in(client, "keeper", f"guess-{attempt}", ADDRESS_A)
    call_command("axes_reset")
    assert sign_in(client, "keeper", "the-right-password", ADDRESS_A).status_code == 302
