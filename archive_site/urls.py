from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("decisions.urls")),
]

# Under /api/ a server error or a request refused before any view is JSON too
# (decisions/api.py); elsewhere the 500 page, and a 400 page saying why.
handler400 = "decisions.api.bad_request"
handler500 = "decisions.api.server_error"
