"""A page of search results drawn in Python ({% result_items %}) is the HTML that the included
template it replaced drew, for decisions with and without each thing a result can show."""

import datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.urls import NoReverseMatch, get_script_prefix, reverse, set_script_prefix
from django.utils.safestring import mark_safe

from decisions.extraction import REASONS
from decisions.importing import import_paths
from decisions.models import Category, Decision, Outcome, slug_url
from decisions.search.engine import Hit
from decisions.templatetags.results import result_items
from tests.factories import write_search_archive

# templates/decisions/_result.html as it was before the tag, included once a hit: the oracle.
INCLUDED_TEMPLATE = """{% load money %}
<li class="result">
  <h3 class="result-title"><a href="{{ hit.decision.get_absolute_url }}{% if search_query %}?{{ search_query }}{% endif %}">{{ hit.decision.organisation_names }}</a>
    <span class="reference">{{ hit.decision.reference }}</span>
    {% if hit.decision.is_fictional %}<span class="badge badge-fictional">Fictional example</span>{% endif %}</h3>
  <p class="meta">
    {{ hit.decision.category|default:"Category not recorded" }} ·
    <span class="outcome outcome-{{ hit.decision.outcome.group|default:'none' }}">{{ hit.decision.outcome|default:"Outcome not recorded" }}</span> ·
    {% if hit.decision.decision_date %}<time datetime="{{ hit.decision.decision_date|date:'Y-m-d' }}">{{ hit.decision.decision_date|date:"j M Y" }}</time>{% else %}Date not recorded{% endif %}
    {% if hit.decision.payment_total is not None %}· <span class="payment">{{ hit.decision.payment_total|pounds }} in payments</span>{% endif %}
    {% if hit.decision.reason_not_investigated %}· <span class="reason">{{ hit.decision.get_reason_not_investigated_display }}</span>{% endif %}
  </p>
  <p class="snippet">{% if hit.snippet %}{{ hit.snippet }}{% else %}{{ hit.decision.summary|truncatewords:60 }}{% endif %}</p>
</li>
"""  # noqa: E501

HOUSING = Category(id=1, name="Housing", slug="housing")
HOMELESSNESS = Category(id=2, name="Homelessness & <allocations>", slug="h", parent=HOUSING)
UPHELD = Outcome(id=1, label="Upheld: fault & injustice", group="upheld")
LONG_SUMMARY = " ".join(f"word{n}" for n in range(80)) + ' with "quotes" & <tags>'


def decision(**fields) -> Decision:
    shown = {
        "slug": "wrenmoor-21-004-517",
        "reference": "21 004 517",
        "organisation_names": "Wrenmoor District Council",
        "summary": "The Council delayed.",
        **fields,
    }
    return Decision(**shown)


HITS = [
    Hit(decision(), mark_safe("")),
    Hit(
        decision(
            organisation_names='O\'Brien & Sons <Care> "Ltd"',
            reference="22 001 002",
            category=HOMELESSNESS,
            outcome=UPHELD,
            decision_date=datetime.date(2021, 3, 5),
            payment_total=Decimal("1250.50"),
            is_fictional=True,
            summary=LONG_SUMMARY,
        ),
        mark_safe("the <mark>council</mark> &amp; its officers"),
    ),
    Hit(decision(category=HOUSING, summary=LONG_SUMMARY), mark_safe("")),
    Hit(
        decision(
            outcome=Outcome(id=2, label="Closed", group=""),
            decision_date=datetime.date(1999, 12, 31),
            payment_total=Decimal("0"),
            reason_not_investigated=next(iter(REASONS)),
            slug="a-b_c-9",
        ),
        mark_safe("<mark>late</mark>"),
    ),
]


@pytest.mark.parametrize("search_query", ["", "q=council&outcome=upheld", 'q="a"<b>'])
def test_results_drawn_in_python_are_the_html_the_included_template_drew(search_query):
    oracle = engines["django"].from_string(
        "{% for hit in hits %}{% include included %}{% endfor %}"
    )
    included = engines["django"].from_string(INCLUDED_TEMPLATE)
    expected = oracle.render({"hits": HITS, "search_query": search_query, "included": included})
    assert result_items(HITS, search_query) == expected
    # What the cases are there for: each shown somewhere, escaped.
    for shown in ("Date not recorded", "£1,250.50 in payments", "£0 in payments", "5 Mar 2021",
                  "Fictional example", "O&#x27;Brien &amp; Sons &lt;Care&gt; &quot;Ltd&quot;",
                  "Housing &gt; Homelessness &amp; &lt;allocations&gt;", "outcome-none",
                  "Category not recorded", "word59 …", "&amp; its officers"):  # fmt: skip
        assert shown in expected


@pytest.mark.django_db
def test_a_search_page_lists_its_results_with_the_tag(write_decision, client):
    import_paths([write_search_archive(write_decision)])
    page = client.get("/decisions/", {"q": "homelessness"}).content.decode()
    assert page.count('<li class="result">') == 9  # 0, 3, … 24 of the 25
    assert '<p class="snippet">A <mark>homelessness</mark> review was late.</p>' in page
    assert '<a href="/decisions/21-000-000/?q=homelessness">Wrenmoor District Council</a>' in page


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
@pytest.mark.parametrize("view_name", ["decisions:detail", "decisions:category"])
def test_a_url_put_together_from_its_slug_is_the_url_reverse_gives(view_name, prefix):
    """slug_url() builds each result's link from parts reversed once: the same URL as
    reverse(), under any script prefix, and the same refusal for what is not a slug."""
    kept = get_script_prefix()
    set_script_prefix(prefix)
    try:
        for slug in ("wrenmoor-21-004-517", "a-b_c-9", "X", 21004517, "slug", "_slug-goes-here_"):
            assert slug_url(view_name, slug) == reverse(view_name, args=[slug])
            assert slug_url(view_name, slug).startswith(prefix)
        for not_a_slug in ("", "a b", "café", "a/b", "../x"):
            with pytest.raises(NoReverseMatch):
                reverse(view_name, args=[not_a_slug])
            with pytest.raises(NoReverseMatch):
                slug_url(view_name, not_a_slug)
    finally:
        set_script_prefix(kept)
