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
