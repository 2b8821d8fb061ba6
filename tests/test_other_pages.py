"""The pages beside the search list as a journalist or an adviser reaches them: the sitemap,
addresses typed or mistyped, titles and headings."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_sitemap_lists_every_page_the_navigation_links_to(client):
    home = client.get("/").content.decode()
    nav = re.search(r"<nav[^>]*>(.*?)</nav>", home, re.S).group(1)
    linked = set(re.findall(r'href="(/[^"?#]*)"', nav))
    assert "/legislation/" in linked
    listed = client.get("/sitemap-pages.xml").content.decode()
    for path in linked:
        assert f"<loc>http://testserver{path}</loc>" in listed, path


def feed_title(client, query: str) -> str:
    feed = client.get(f"/decisions/feed/?{query}").content.decode()
    return re.search(r"<title>Ombudsman decisions: (.*?)</title>", feed).group(1)


def test_a_feeds_title_tells_a_name_as_published_from_its_group(client, write_decision):
    from decisions.importing import import_paths

    paths = [
        write_decision("1.txt", reference="21 000 001", outcome="Upheld"),
        write_decision("2.txt", reference="21 000 002", outcome="Upheld: maladministration"),
    ]
    assert import_paths(paths).imported == 2
    # "Upheld" the group holds both decisions; "Upheld" as worded only the first: two feeds,
    # two titles, as the search page's chips tell them apart.
    assert feed_title(client, "outcome=upheld") == "Upheld"
    assert feed_title(client, "outcome_wording=upheld") == "Upheld (as worded)"
    category = "housing-homelessness"
    assert feed_title(client, f"category={category}") == "Housing &gt; Homelessness"
    assert feed_title(client, f"published_category={category}") == (
        "Housing &gt; Homelessness (as published)"
    )
