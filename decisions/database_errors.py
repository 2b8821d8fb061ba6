"""A database that cannot do what is asked (read-only, its disk full, unreachable), told
apart from errors about one row, and described in words a reader can use."""

from django.db import InternalError, OperationalError


def database_problem(error: Exception) -> str | None:
    """What went wrong, in words a reader can use, if it is the database being unable to
    write or to answer; None for any other error."""
    if not isinstance(error, OperationalError | InternalError):
        return None
    text = str(error).lower()
    if any(words in text for words in ("readonly", "read-only", "read only")):
        return "The archive's database is read-only just now, so nothing can be saved."
    if "full" in text or "no space" in text:
        return "The archive's database has run out of disk space, so nothing can be saved."
    if isinstance(error, OperationalError):
        return "The archive's database cannot be reached just now."
    return None
