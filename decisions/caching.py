"""ETags for the public pages and the API: a page changes only when the archive does (its
version token, search/version.py) or the code that draws it does, so a browser or a proxy that
asks again with If-None-Match gets 304 Not Modified, without the page being computed."""

import hashlib
from functools import cache, wraps
from pathlib import Path

from django.views.decorators.http import condition

from decisions.search import read_connection
from decisions.search.version import archive_version, read_once

PROJECT = Path(__file__).resolve().parent.parent


@cache
def code_version() -> str:
    """A digest of the templates and the app's code, so that a deploy changes every ETag."""
    digest = hashlib.sha256()
    for folder, pattern in ((PROJECT / "templates", "*.html"), (PROJECT / "decisions", "*.py")):
        for path in sorted(folder.rglob(pattern)):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def page_etag(request, *args, **kwargs) -> str:
    text = f"{code_version()} {archive_version(read_connection())} {request.get_host()}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def etag_within_one_version(etag_func):
    """A view decorator: the ETag that `etag_func` makes, and the page drawn with the copies
    of the archive's version that its ETag names, the version read once for both
    (search/version.py read_once: a decision page asked for it six times)."""

    def decorator(view):
        conditional = condition(etag_func=etag_func)(view)

        @wraps(view)
        def within_one_version(request, *args, **kwargs):
            with read_once():
                return conditional(request, *args, **kwargs)

        return within_one_version

    return decorator


# For views that change only with the archive (not with who is asking).
with_archive_etag = etag_within_one_version(page_etag)
