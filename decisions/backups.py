"""Backing up and restoring the whole archive with each database's own tools: SQLite's online
backup (a consistent copy even while the site runs) and PostgreSQL's pg_dump / pg_restore.
The full-text index travels with the data on both (an FTS5 table; a column and its index)."""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path


class BackupError(Exception):
    """A backup or restore that could not be done, with the reason in words."""


def backup(connection, target: Path) -> None:
    """Write a copy of the archive's database to `target`."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        _run_postgres_tool("pg_dump", connection, ["--format=custom", f"--file={target}"])


def restore(connection, source: Path) -> None:
    """Replace the archive's database with the copy in `source` (stop the site first)."""
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as copy:
                copy.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source}: not a SQLite backup ({error})") from error
    else:
        options = ["--clean", "--if-exists", "--no-owner", "--no-privileges",
                   "--single-transaction", str(source)]  # fmt: skip
        _run_postgres_tool("pg_restore", connection, options, database_flag="--dbname")


def _run_postgres_tool(tool: str, connection, options: list[str], database_flag="") -> None:
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    target = [database_flag, settings["NAME"]] if database_flag else [settings["NAME"]]
    command = [
        _find(tool),
        f"--host={settings.get('HOST') or 'localhost'}",
        f"--port={settings.get('PORT') or 5432}",
        f"--username={settings.get('USER') or 'postgres'}",
        *options,
        *target,
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[-1000:]}")


def _find(tool: str) -> str:
    """The tool on PATH, or from Debian's versioned PostgreSQL folders (newest first)."""
    found = shutil.which(tool) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"), reverse=True)), None
    )
    if not found:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client)")
    return found
