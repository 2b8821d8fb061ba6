"""WSGI entry point, used by gunicorn: `gunicorn archive_site.wsgi`."""

import gc
import logging
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")

application = get_wsgi_application()
logger = logging.getLogger(__name__)

# Python's own rule for a full collection: after this many collections of the middle generation.
FULL_COLLECTION_AFTER = 10
# Should a server never say that a response has been sent, Python collects fully itself after
# this many (0 would mean at every chance, not never).
FULL_COLLECTION_AT_THE_LATEST = 100


def freeze_what_lives_as_long_as_the_process() -> None:
    """Load the URL conf and every view it imports, then move all that, and whatever was read
    before (read_what_the_first_pages_would), into the garbage collector's permanent
    generation, which it never walks. Otherwise each full collection walks about 89,000
    long-lived objects, which added 20 to 45 ms to a request now and then
    (docs/performance.md)."""
    get_resolver().url_patterns  # noqa: B018 (imports the views)
    gc.collect()  # what reading them left, before the rest is frozen for good
    gc.freeze()


def read_what_the_first_pages_would() -> None:
    """Read now what a process's first pages would read: the facet columns and the names of
    what they count (the home page's search), the ranking index (a search with words) and
    the templates most asked for. At 100,000 decisions that took the first page of each
    process about 200 ms, which its first visitor waited for. Skipped, with a warning, if
    the database cannot answer yet."""
    from django.db import DatabaseError, connections
    from django.template.loader import get_template

    from decisions.search.engine import SearchQuery, search

    for name in ("decisions/home.html", "decisions/search.html", "decisions/detail.html"):
        get_template(name)
    try:
        search(SearchQuery())
        search(SearchQuery(text="complaint"))
    except DatabaseError as error:
        logger.warning("the first pages will read the archive themselves: %s", error)
    finally:
        connections.close_all()  # a request opens its own, in its own thread


def collect_fully_between_requests() -> None:
    """Full collections run once a response has been sent, not in the middle of a request.
    Under gunicorn at 100,000 decisions, one came in about one request in nine (46 of 400)
    and took 3 to 10 ms, enough to set a page's p95 (docs/performance.md). The young
    generations are still collected as Python would; a full collection comes after as many
    middle ones as Python waits for, without its rule of waiting for a quarter more objects
    (81 rather than 46 in those 400 requests, all after a response)."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_AT_THE_LATEST)

    def after_response(**kwargs) -> None:
        if gc.get_count()[2] >= FULL_COLLECTION_AFTER:
            gc.collect()

    request_finished.connect(after_response, weak=False, dispatch_uid="full collection")


read_what_the_first_pages_would()
freeze_what_lives_as_long_as_the_process()
collect_fully_between_requests()
