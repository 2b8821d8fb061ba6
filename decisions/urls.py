from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from decisions import api, views
from decisions.exports import export_csv
from decisions.feeds import ChangeFeed, SearchFeed
from decisions.sitemaps import SITEMAPS

app_name = "decisions"

urlpatterns = [
    path("", views.home, name="home"),
    path("decisions/", views.search_page, name="search"),
    path("how-to-search/", views.search_help, name="help"),
    path("decisions/feed/", SearchFeed(), name="feed"),
    path("decisions/export.csv", export_csv, name="export"),
    path("decisions/<slug:slug>/", views.decision_detail, name="detail"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("categories/", views.category_list, name="categories"),
    path("categories/<slug:slug>/", views.category_detail, name="category"),
    path("legislation/", views.legislation_list, name="legislation"),
    path("changes/", views.change_log, name="changes"),
    path("changes/feed/", ChangeFeed(), name="changes-feed"),
    path("changes/<slug:slug>/", views.change_log, name="decision-changes"),
    path("api/decisions/", api.decision_search, name="api-search"),
    path("api/decisions/<slug:slug>/", api.decision_detail, name="api-detail"),
    path("api/organisations/", api.organisation_list, name="api-organisations"),
    path("api/organisations/<slug:slug>/", api.organisation_detail, name="api-organisation"),
    path("api/categories/", api.category_list, name="api-categories"),
    path("api/categories/<slug:slug>/", api.category_detail, name="api-category"),
    path("api/legislation/", api.legislation_list, name="api-legislation"),
    path("api/schema/", api.schema, name="api-schema"),
    # After every real endpoint: the rest of /api/ answers a JSON 404, whatever the path holds
    # (a newline too, hence [\s\S]); so /api/decisions is not redirected to add a slash either.
    re_path(r"^api(?:/[\s\S]*)?\Z", api.not_found, name="api-not-found"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "decisions:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
