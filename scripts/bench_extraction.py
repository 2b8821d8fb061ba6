"""Benchmark every reader of a decision's text on hostile input: time per KB, by size.

    python scripts/bench_extraction.py                 # 10 KB, 100 KB and 1 MB
    python scripts/bench_extraction.py --sizes 10000 100000

Each hostile input (long runs of capitalised words joined by "of" and "and", very long words,
thousands of "section" numbers and "£" signs, unbalanced brackets, sentences without full
stops, a random mix) is read by `extract_findings` and by each findings reader alone (citations,
remedies, reasons) and by the words picked for similar decisions; each hostile file (very long
lines, deeply nested numbering "1.1.1…", thousands of "- " list lines, long header lines) is
read by the parser. A normal decision from tests/gold/ is read for comparison. A linear reader
keeps its time per KB level as the size grows; a quadratic one multiplies it by 100 between
10 KB and 1 MB. The table at the end gives each reader's worst time per KB at each size.
Pure Python, no database (Django is set up only to import the similar-decisions module).
"""

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

import django  # noqa: E402

django.setup()

from decisions.extraction import extract_findings  # noqa: E402
from decisions.extraction.citations import extract_citations  # noqa: E402
from decisions.extraction.reasons import reason_not_investigated  # noqa: E402
from decisions.extraction.remedies import extract_remedies  # noqa: E402
from decisions.parsing import MAX_FILE_BYTES, ParseError, parse_decision  # noqa: E402
from decisions.search.similar import distinctive_words  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)  # up to the file limit
# A call quicker than this is repeated (best of REPEATS) so that timer noise does not count.
QUICK = 0.05
REPEATS = 5
GOLD = PROJECT / "tests" / "gold"
CLOSED = "Closed after initial enquiries - no further action"
WORDS = (  # noqa: SIM905
    "Act of and the Regulations Order Rules section 17 26A(1) Part 7 Schedule 2 £ £300 pay"
    " refund already apologise because injustice court tribunal Council Mr X ( ) , . ; Housing"
    " Care 1996 2014 Local Government Social Children Health Parliament"
).split()


def _repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _random_mix(size: int) -> str:
    rng = random.Random(size)
    words, length = [], 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:size]


def hostile_texts(size: int) -> dict[str, str]:
    """Each hostile input, `size` characters long, by name."""
    return {
        "capitals joined by of/and": _repeated(
            "Act of Parliament and Regulations of Council and Order of State ", size
        ),
        "act then capitals": "The Housing Act 1996 "
        + _repeated("of Foo and Bar and Baz ", size - 21),
        "capitals with brackets": _repeated("Care (Health and Social) of Local Act ", size),
        "capitals without a year": _repeated("Local Government Act and Care Act of ", size),
        "one long capitalised word": "A" * size,
        "capitalised words, no spaces": _repeated("AbC-", size),
        "one long lower-case word": "a" * size,
        "section numbers": "sections "
        + ", ".join(str(i) for i in range(1, size))[: size - 30]
        + " of the Housing Act 1996",
        "numbers and brackets": _repeated("section 1(2)(3)(4) and ", size),
        "unbalanced brackets": _repeated("(Care (of (Local ", size),
        "pound signs": _repeated("£", size),
        "amounts": _repeated("pay £1 and £2, ", size),
        "distinct amounts": "pay " + " ".join(f"£{i}" for i in range(1, size))[: size - 4],
        "one long amount": "pay £" + "1" * (size - 7) + "k",
        "one long amount with commas": "pay £1" + _repeated(",000", size - 7) + "m",
        "provisions before acts": _repeated("s1, s2, s3, s4, s5, s6 of the Foo Act 1996 ", size),
        "one sentence without a stop": _repeated(
            "the council will pay and apologise because the injustice of Mr X ", size
        ),
        "random mix": _random_mix(size),
    }


HEADER = (
    "Wrenmoor District Council (21 000 001)\n"
    "Category : Adult care services > Charging\n"
    "Decision : Upheld\n"
    "Decision date : 14 Mar 2022\n"
    "The Ombudsman's final decision:\n"
    "Summary: The Council delayed the review.\n"
    "The complaint\n"
)


def _file(body: str, size: int, *, above: str = "", header: str = HEADER) -> str:
    """A whole decision file of at most `size` bytes (and the file limit): `body` cut to fit."""
    size = min(size, MAX_FILE_BYTES)
    room = size - len((above + header).encode())
    return above + header + body.encode()[:room].decode(errors="ignore")


def _lines(make: Callable[[int], str], size: int) -> str:
    lines, length, number = [], 0, 0
    while length < size:
        number += 1
        lines.append(make(number))
        length += len(lines[-1].encode()) + 1
    return "\n".join(lines)


def hostile_files(size: int) -> dict[str, str]:
    """Each hostile decision file for the parser, about `size` bytes, by name."""
    sentence = "The Council will pay Mr X £300 because (Care Act 2014, section 14) applies. "
    nested = ".".join(["1"] * 400)
    return {
        "file: one very long line": _file(_repeated(sentence, size), size),
        "file: one long line of spaces": _file("x" + " " * size + "y", size),
        "file: deeply nested numbering": _file(
            _lines(lambda n: f"{'.'.join(['1'] * (n % 60 + 1))}. {sentence}", size), size
        ),
        "file: one line of nested numbering": _file(_repeated(nested, size), size),
        "file: thousands of '- ' lines": _file(_lines(lambda n: f"- item {n};", size), size),
        "file: indented list lines": _file(
            _lines(lambda n: " " * (n % 12) + f"{n % 999}) {sentence}", size), size
        ),
        "file: long header lines": _file(
            "- text",
            size,
            header=HEADER.replace(
                "Decision date : 14 Mar 2022\n",
                "Decision date : 14 Mar 2022\nRemedy : "
                + _repeated("Financial redress: (Avoidable distress) ", size - 1000)
                + "\n",
            ),
        ),
        "file: long lines above the reference": _file(
            "- text", size, above=_repeated("Page (of the site ( 21 ", size - 1000) + "\n"
        ),
        "file: spaces and brackets above": _file(
            "- text", size, above="a" + " " * (size - 1000) + "(b)\n"
        ),
    }


def readers(text: str) -> dict[str, Callable[[], object]]:
    """The calls to time on `text`: the whole extraction, each reader alone and the words
    picked for similar decisions."""
    half = len(text) // 2
    paragraphs = [{"text": line, "marker": "-", "level": 0} for line in text.split("\n")]
    decision = SimpleNamespace(
        summary=text[:half], sections=[{"heading": "The complaint", "paragraphs": paragraphs}]
    )
    return {
        "extract_findings": lambda: extract_findings(
            outcome=CLOSED,
            summary="",
            sections=[("Agreed action", text[:half]), ("Final decision", text[half:])],
            extra={},
        ),
        "citations": lambda: extract_citations(text),
        "remedies": lambda: extract_remedies({}, "", [("Agreed action", text)], fault_found=True),
        "reasons": lambda: reason_not_investigated(CLOSED, text, []),
        "similar words": lambda: distinctive_words(decision),
    }


def timed(call: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
        if best >= QUICK:
            break
    return best


def report(name: str, text: str, calls: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Time each call on `text`, print a line for each; return the µs per KB of each."""
    kilobytes = len(text.encode()) / 1000
    per_kb = {}
    for reader, call in calls.items():
        seconds = timed(call)
        per_kb[reader] = seconds * 1e6 / kilobytes
        print(f"  {name[:36]:36} {kilobytes:>8,.0f} {reader:17} {seconds:9.4f} s"
              f" {per_kb[reader]:9.1f} µs/KB")  # fmt: skip
        sys.stdout.flush()
    return per_kb


def parsed_or_refused(text: str):
    """A hostile file read to its answer: the decision, or the error saying why it is not one
    (an organisation line of 100 KB is refused); either must come in linear time."""
    try:
        return parse_decision(text)
    except ParseError as refusal:
        return refusal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES, help="bytes, about")
    args = parser.parse_args()
    print(f"  {'input':36} {'KB':>8} {'reader':17} {'seconds':>11} {'per KB':>15}")
    gold = sorted(GOLD.glob("*.txt"))
    normal = gold[0].read_text(encoding="utf-8")
    report(
        "normal decision (gold 01)",
        normal,
        {**readers(normal), "parser": lambda: parse_decision(normal)},
    )
    every = "\n".join(path.read_text(encoding="utf-8") for path in gold)
    report("all gold decisions", every, readers(every))
    worst: dict[str, dict[int, float]] = {}
    for size in args.sizes:
        inputs = [(name, text, readers(text)) for name, text in hostile_texts(size).items()]
        inputs += [
            (name, text, {"parser": lambda text=text: parsed_or_refused(text)})
            for name, text in hostile_files(size).items()
        ]
        for name, text, calls in inputs:
            for reader, value in report(name, text, calls).items():
                by_size = worst.setdefault(reader, {})
                by_size[size] = max(by_size.get(size, 0), value)
    print("\n  worst µs per KB over the hostile inputs, by size")
    print(f"  {'reader':17}" + "".join(f" {size / 1000:>10,.0f} KB" for size in args.sizes))
    for reader, by_size in worst.items():
        print(f"  {reader:17}" + "".join(f" {by_size[size]:13.1f}" for size in args.sizes))


if __name__ == "__main__":
    main()
