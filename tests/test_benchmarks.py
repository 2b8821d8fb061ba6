"""The scripts behind `make bench-import` and the rest run and print their figures. They are
run here at a tiny size: the figures themselves are for `make`, not for the tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def test_bench_import_imports_then_reimports_and_prints_its_figures(tmp_path):
    environment = {**os.environ, "SECRET_KEY": "tests-only-not-secret", "DEBUG": "0"}
    environment.pop("DATABASE_URL", None)
    command = [sys.executable, "scripts/bench_import.py", "--count", "12", "--database", "sqlite"]
    result = subprocess.run(
        [*command, "--folder", str(tmp_path)],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout
    assert re.search(r"first import +12 files .* decisions/s +\(imported: 12,", output), output
    assert re.search(r"unchanged re-import +12 files .*unchanged: 12,", output), output
    assert re.search(r"findings [\d.]+ ms \(the findings \d+% of it\)", output), output
    assert len(list(tmp_path.glob("files-12-1/**/*.txt"))) == 12
