"""Check many random application documents; report escapes, the slowest document and memory.

    python fuzz/fuzz_documents.py               # 100,000 documents on 2 processes
    python fuzz/fuzz_documents.py --n 20000 --jobs 2 --seed 7
    python fuzz/fuzz_documents.py --kind names --n 5000   # file names, screened and reported
    python fuzz/fuzz_documents.py --kind cache --n 5000   # tampered rule-set cache entries
    python fuzz/fuzz_documents.py --kind rulesets --n 500 # hostile rule sets, linted

The documents come from ``fuzz/strategies.py`` (the strategies ``tests/test_fuzz.py`` uses).
Each worker runs hypothesis in batches with their own seeds, so every batch starts afresh and
the memory figure is the checker's rather than hypothesis's record of past examples. An
escape is any exception out of the engine or the reports; a contract problem is a result that
does not keep docs/APPLICATION.md. Exit status 1 when there was either, else 0.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, seed, settings

from fuzz.strategies import (
    check_one,
    describe,
    documents,
    file_names,
    hostile_rulesets,
    lint_hostile,
    read_tampered,
    ruleset,
    screen_name,
    tampered_entries,
)

#: what is generated, and how one example is checked: (seconds, contract problems)
KINDS: dict[str, tuple[Any, Any]] = {
    "documents": (documents, check_one),
    "names": (file_names, screen_name),
    "cache": (tampered_entries, read_tampered),
    "rulesets": (hostile_rulesets, lint_hostile),
}

BATCH = 500
SHOW = 5  # examples kept per kind of escape or problem


@dataclass
class Tally:
    documents: int = 0
    escapes: Counter[str] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    slowest: float = 0.0
    slowest_doc: str = ""
    seconds: float = 0.0
    maxrss_kb: int = 0

    def keep(self, key: str, text: str) -> None:
        shown = self.examples.setdefault(key, [])
        if len(shown) < SHOW:
            shown.append(text)

    def add(self, other: Tally) -> None:
        self.documents += other.documents
        self.escapes.update(other.escapes)
        self.problems.update(other.problems)
        for key, texts in other.examples.items():
            for text in texts:
                self.keep(key, text)
        if other.slowest > self.slowest:
            self.slowest, self.slowest_doc = other.slowest, other.slowest_doc
        self.seconds = max(self.seconds, other.seconds)
        self.maxrss_kb = max(self.maxrss_kb, other.maxrss_kb)


def _one(doc: Any, tally: Tally, check: Any = check_one) -> None:
    tally.documents += 1
    start = time.perf_counter()
    try:
        _, problems = check(doc)
    except Exception as exc:  # an escape: exactly what this script counts
        where = traceback.extract_tb(exc.__traceback__)[-1]
        key = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
        tally.escapes[key] += 1
        tally.keep(key, f"{exc!s:.300}\n    {describe(doc)}")
        return
    elapsed = time.perf_counter() - start
    if elapsed > tally.slowest:
        tally.slowest, tally.slowest_doc = elapsed, describe(doc)
    for problem in problems:
        key = problem.split(":", 1)[0] + ": " + problem.split(":", 1)[-1][:80]
        tally.problems[key] += 1
        tally.keep(key, describe(doc))


def work(job: tuple[int, int, int, str]) -> Tally:
    """Check ``count`` examples of ``kind`` in batches seeded from ``base_seed`` and
    ``worker``."""
    worker, count, base_seed, kind = job
    strategy, check = KINDS[kind]
    ruleset()  # loaded once per process, before timing
    tally = Tally()
    start = time.perf_counter()
    batch = 0
    while tally.documents < count:
        size = min(BATCH, count - tally.documents)

        @seed(base_seed * 1_000_003 + worker * 10_007 + batch)
        @settings(
            max_examples=size,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy())
        def run(doc: Any) -> None:
            _one(doc, tally, check)

        before = tally.documents
        run()
        if tally.documents == before:  # hypothesis found no more documents: give up
            break
        batch += 1
    tally.seconds = time.perf_counter() - start
    tally.maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents in all")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--kind",
        choices=sorted(KINDS),
        default="documents",
        help="documents (every field, control characters included), names (file names "
        "screened and written in every batch format), cache (tampered cache entries) or rulesets "
        "(hostile rule sets: deep nesting, long chains, huge powers, format strings)",
    )
    args = parser.parse_args(argv)
    jobs = max(1, args.jobs)
    shares = [args.n // jobs + (1 if i < args.n % jobs else 0) for i in range(jobs)]
    start = time.perf_counter()
    total = Tally()
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        for tally in pool.imap_unordered(
            work, [(i, n, args.seed, args.kind) for i, n in enumerate(shares)]
        ):
            total.add(tally)
    wall = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{args.kind}: {total.documents:,} on {jobs} processes in {wall:.1f} s")
    print(f"escapes: {sum(total.escapes.values())}")
    for key, n in total.escapes.most_common():
        print(f"  {n:6}  {key}")
        for text in total.examples[key]:
            print(f"          {text}")
    print(f"contract problems: {sum(total.problems.values())}")
    for key, n in total.problems.most_common():
        print(f"  {n:6}  {key}")
        for text in total.examples[key]:
            print(f"          {text}")
    print(f"slowest document: {total.slowest:.3f} s")
    print(f"  {total.slowest_doc}")
    print(f"peak memory (maxrss) of a worker: {max(total.maxrss_kb, children) / 1024:.0f} MB")
    return 1 if total.escapes or total.problems else 0


if __name__ == "__main__":
    sys.exit(main())
