"""The scripts behind `make bench-import` and the rest run and print their figures. They are
run here at a tiny size: the figures themselves are for `make`, not for the tests."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def run_script(name: str, *arguments, **settings: str) -> str:
    """What scripts/<name> prints, run on SQLite as make runs it; fails if it fails."""
    environment = {**os.environ, "SECRET_KEY": "tests-only-not-secret", "DEBUG": "0", **settings}
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, f"scripts/{name}", "--database", "sqlite", *map(str, arguments)],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bench_import_imports_then_reimports_and_prints_its_figures(tmp_path):
    output = run_script("bench_import.py", "--count", "12", "--folder", tmp_path)
    assert re.search(r"first import +12 files .* decisions/s +\(imported: 12,", output), output
    assert re.search(r"unchanged re-import +12 files .*unchanged: 12,", output), output
    assert re.search(r"findings [\d.]+ ms \(the findings \d+% of it\)", output), output
    cpu = r"CPU a decision: importing process ([\d.]+) ms, parsing processes ([\d.]+) ms"
    importing, parsing = map(float, re.search(cpu, output).groups())
    assert importing > 0 and parsing > 0, output  # both sides' work is counted
    assert len(list(tmp_path.glob("files-12-1/**/*.txt"))) == 12


@pytest.fixture(scope="module")
def bench_search_run(tmp_path_factory) -> tuple[str, Path]:
    """What bench_search.py prints at 40 decisions, and the folder of its SQLite archive."""
    folder = tmp_path_factory.mktemp("bench")
    printed = run_script(
        "bench_search.py", "--count", "40", "--repeat", "2", "--folder", folder, SEARCH_CACHE="0"
    )
    return printed, folder


def test_bench_search_times_every_kind_and_prints_its_figures(bench_search_run):
    from scripts.bench_search import KINDS

    result, _folder = bench_search_run
    rows = dict(re.findall(r"^(\S.*?) +\d+ +\d+ +([\d,]+)$", result, re.MULTILINE))
    for name, _url in KINDS:
        assert name in rows, result
    assert rows["home page"] == "40"  # every decision, as the home page counts them
    extras = ("decision page", "organisation profile", "category page", "citation filter")
    for extra in (*extras, "common word, small body"):
        assert extra in rows, result
    assert "CSV export: 40 rows" in result


def test_make_bench_finds_a_decision_to_time_in_an_archive_of_any_size(bench_search_run):
    from scripts.bench import request_mix

    database = bench_search_run[1] / "search-40.sqlite3"
    kinds = {kind: ours for kind, ours, _peer in request_mix(f"sqlite:///{database}", "peer")}
    with sqlite3.connect(database) as archive:
        (last,) = archive.execute("SELECT slug FROM decisions_decision ORDER BY id DESC").fetchone()
    assert kinds["decision page"] == f"/decisions/{last}/"  # fewer than 501: the last one
