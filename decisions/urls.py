from django.urls import path

from decisions import api, views

app_name = "decisions"

urlpatterns = [
    path("", views.home, name="home"),
    path("decisions/", views.search_page, name="search"),
    path("how-to-search/", views.search_help, name="help"),
    path("decisions/<slug:slug>/", views.decision_detail, name="detail"),
    path("api/decisions/", api.decision_search, name="api-search"),
    path("api/decisions/<slug:slug>/", api.decision_detail, name="api-detail"),
]
