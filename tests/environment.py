"""Loaded by pytest before Django (see addopts in pyproject.toml): the tests' environment.

Tests run with DEBUG off, like production; this key exists only for them."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

# The ranking index (decisions/search/ranking.py) of the test databases goes in a folder of the
# run's own, not in the project's ranking-index/.
if "SEARCH_RANKING_DIR" not in os.environ:
    import tempfile

    os.environ["SEARCH_RANKING_DIR"] = tempfile.mkdtemp(prefix="ranking-index-")
