"""Production settings, security headers, sign-in protection and escaping everywhere."""

import csv
import io
import json
import re
import secrets
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import User

from decisions.importing import import_paths
from tests.processes import PROJECT, run_python

pytestmark = pytest.mark.django_db


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    return run_python("-c", code, **env)


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DEBUG": "0",
    "HTTPS": "1",
    "ALLOWED_HOSTS": "decisions.example",
}


def test_production_settings_pass_the_deployment_check_with_no_warnings():
    result = run_django(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_without_https_the_deployment_check_says_what_is_missing():
    insecure = {**PRODUCTION, "HTTPS": "0"}
    result = run_django(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        **insecure,
    )
    assert result.returncode != 0 and "SECURE_SSL_REDIRECT" in result.stderr


def test_every_response_carries_the_security_headers(client):
    for url in ["/", "/decisions/?q=x", "/api/decisions/", "/organisations/", "/no-such-page/"]:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_https_is_enforced_when_the_site_is_served_over_it(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    plain = client.get("/how-to-search/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get("/how-to-search/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_templates_hold_no_inline_script_or_style():
    for template in (PROJECT / "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template
        assert not re.search(r"\sstyle=", text), template
        assert not re.search(r"\son[a-z]+=", text), template
        assert "<style" not in text, template


# --- signing in -------------------------------------------------------------------------------


def test_repeated_failed_sign_ins_lock_the_account_out_for_a_while(client):
    User.objects.create_superuser("keeper", password="the-right-password")
    for _ in range(4):
        wrong = client.post("/admin/login/", {"username": "keeper", "password": "wrong"})
        assert wrong.status_code == 200  # the form again, with an error
    fifth = client.post("/admin/login/", {"username": "keeper", "password": "wrong"})
    assert fifth.status_code == 429 and "locked" in fifth.content.decode().lower()
    locked = client.post("/admin/login/", {"username": "keeper", "password": "the-right-password"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_correct_sign_in_works_and_lasts_a_working_day_at_most(client):
    User.objects.create_superuser("keeper", password="the-right-password")
    response = client.post(
        "/admin/login/", {"username": "keeper", "password": "the-right-password"}
    )
    assert response.status_code == 302
    assert client.session.get_expiry_age() == 8 * 3600
    assert client.session.get_expire_at_browser_close()


def test_the_admin_can_be_moved_by_a_setting():
    result = run_django(
        "import django; django.setup(); from django.urls import Resolver404, resolve, reverse; "
        "print(reverse('admin:index'))\n"
        "try: resolve('/admin/'); print('found')\n"
        "except Resolver404: print('404')",
        SECRET_KEY="k",
        DEBUG="0",
        ADMIN_PATH="backroom",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/backroom/", "404"]


# --- escaping ---------------------------------------------------------------------------------

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_decision(write_decision):
    path = write_decision(
        "hostile.txt",
        reference="21 666 001",
        organisation=f"{HOSTILE} Borough Council",
        category=f"Housing > {HOSTILE}",
        outcome="Upheld",
        summary=f"=cmd|' /C calc'!A0 {HOSTILE} quokka",
        sections={"The complaint": [f"The quokka said {HOSTILE}."]},
    )
    report = import_paths([path])
    assert report.imported == 1, report.errors


def test_html_in_a_decision_is_shown_as_text_on_every_page(client, hostile_decision):
    from decisions.models import Category, Organisation

    organisation = Organisation.objects.get().slug
    category = Category.objects.exclude(parent=None).get().slug
    for url in [
        "/",
        "/decisions/21-666-001/?q=quokka",
        "/decisions/?q=quokka",
        "/decisions/?q=alert",
        "/decisions/",
        "/organisations/",
        f"/organisations/{organisation}/",
        "/categories/",
        f"/categories/{category}/",
    ]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script" in html, url  # shown, as text


def test_html_in_a_decision_stays_text_in_the_feed_json_and_csv(client, hostile_decision):
    feed = client.get("/decisions/feed/", {"q": "quokka"}).content
    entry = ET.fromstring(feed).find("{http://www.w3.org/2005/Atom}entry")
    title = entry.find("{http://www.w3.org/2005/Atom}title").text
    assert HOSTILE in title  # text in the XML, escaped by the feed: a reader shows it as text
    assert b"<script>" not in feed
    # The summary is HTML inside the XML: its markup is escaped once more, so that a reader
    # that renders it shows the text rather than running it.
    summary = entry.find("{http://www.w3.org/2005/Atom}summary")
    assert summary.get("type") == "html"
    assert "<script" not in summary.text and "&lt;script" in summary.text

    found = client.get("/api/decisions/", {"q": "quokka"}).json()
    hit = found["results"][0]
    assert HOSTILE in hit["organisation"]["name"]  # JSON carries the text as it is
    assert "<script>" not in re.sub(r"</?mark>", "", hit["snippet"])  # the one HTML field
    assert "application/json" in client.get("/api/decisions/21-666-001/")["Content-Type"]

    export = b"".join(client.get("/decisions/export.csv").streaming_content)
    [row] = list(csv.DictReader(io.StringIO(export.decode("utf-8-sig"))))
    assert row["summary"].startswith("'=cmd|")  # neutralised: a spreadsheet shows it as text
    assert json.dumps(row)  # and every cell is plain text
