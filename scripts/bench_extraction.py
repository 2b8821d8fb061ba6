"""Benchmark the findings readers on hostile text: seconds per input and MB/s, by size.

    python scripts/bench_extraction.py                 # 40 KB, 144 KB and 1 MB
    python scripts/bench_extraction.py --sizes 10000 100000

Each hostile input (long runs of capitalised words joined by "of" and "and", very long words,
thousands of "section" numbers and "£" signs, unbalanced brackets, sentences without full
stops, a random mix) is read by `extract_findings` and by each reader alone, then a normal
decision from tests/gold/ is read for comparison. Linear readers keep MB/s roughly level as
the size grows; a quadratic one loses a factor of about 25 between 40 KB and 1 MB.
Pure Python, no database.
"""

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from decisions.extraction import extract_findings  # noqa: E402
from decisions.extraction.citations import extract_citations  # noqa: E402
from decisions.extraction.reasons import reason_not_investigated  # noqa: E402
from decisions.extraction.remedies import extract_remedies  # noqa: E402

SIZES = (40_000, 144_000, 1_000_000)  # the two sizes, and the file limit
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


def readers(text: str) -> dict[str, Callable[[], object]]:
    """The calls to time on `text`: the whole extraction and each reader alone."""
    half = len(text) // 2
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
    }


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def report(name: str, text: str) -> None:
    for reader, call in readers(text).items():
        seconds = timed(call)
        rate = len(text.encode()) / 1e6 / seconds if seconds else float("inf")
        print(f"  {name:28} {len(text):>9,} {reader:17} {seconds:9.3f} s {rate:9.2f} MB/s")
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES, help="characters")
    args = parser.parse_args()
    print(f"  {'input':28} {'chars':>9} {'reader':17} {'seconds':>11} {'rate':>14}")
    gold = sorted(GOLD.glob("*.txt"))
    report("normal decision (gold 01)", gold[0].read_text(encoding="utf-8"))
    report("all gold decisions", "\n".join(path.read_text(encoding="utf-8") for path in gold))
    for size in args.sizes:
        for name, text in hostile_texts(size).items():
            report(name, text)


if __name__ == "__main__":
    main()
