"""Loaded by pytest before Django (see addopts in pyproject.toml): the tests' environment.

Tests run with DEBUG off, like production; this key exists only for them."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
