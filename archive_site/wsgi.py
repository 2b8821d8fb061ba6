"""WSGI entry point, used by gunicorn: `gunicorn archive_site.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")

application = get_wsgi_application()


def freeze_what_lives_as_long_as_the_process() -> None:
    """Load the URL conf and every view it imports, then move all that into the garbage
    collector's permanent generation, which it never walks. Otherwise each full collection
    walks about 89,000 long-lived objects, which added 20 to 45 ms to a request now and then
    (docs/performance.md)."""
    get_resolver().url_patterns  # noqa: B018 (imports the views)
    gc.freeze()


freeze_what_lives_as_long_as_the_process()
