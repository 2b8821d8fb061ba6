"""sitemap.xml for search engines: an index of sections, each paged (10,000 URLs a page), so
that it stays within the protocol's limits however large the archive grows."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from decisions.models import Decision
from decisions.statistics import category_tree, organisations_in_archive


class PageSitemap(Sitemap):
    def items(self):
        return ["decisions:home", "decisions:search", "decisions:organisations",
                "decisions:categories", "decisions:legislation", "decisions:help",
                "decisions:changes"]  # fmt: skip

    def location(self, name):
        return reverse(name)


def indexed_decisions():
    """The decisions search engines may index: not those flagged noindex."""
    return Decision.objects.filter(noindex=False)


class DecisionSitemap(Sitemap):
    limit = 10_000

    def items(self):
        return indexed_decisions().order_by("id").only("slug", "updated_at")

    def lastmod(self, decision):
        return decision.updated_at

    def get_latest_lastmod(self):
        # One query, not a walk through every decision as the default would.
        return indexed_decisions().aggregate(latest=Max("updated_at"))["latest"]


class OrganisationSitemap(Sitemap):
    limit = 10_000

    def items(self):
        return organisations_in_archive().order_by("id")

    def location(self, organisation):
        return reverse("decisions:organisation", args=[organisation.slug])


class CategorySitemap(Sitemap):
    limit = 10_000

    def items(self):
        """The categories with a page of their own: every group's head with a decision, not a
        name a group shows under its head (whose address only leads there)."""
        heads = []
        for node in category_tree():
            heads += [node.category, *(child.category for child in node.children)]
        return sorted(heads, key=lambda category: category.pk)

    def location(self, category):
        return reverse("decisions:category", args=[category.slug])


SITEMAPS = {
    "pages": PageSitemap,
    "decisions": DecisionSitemap,
    "organisations": OrganisationSitemap,
    "categories": CategorySitemap,
}
