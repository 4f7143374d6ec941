"""Instructions a check costs, counted by callgrind, for two commits side by side.

    python benchmarks/instructions.py BASE [HEAD] [--files 200] [--reps 10] [--cold-only]

Wall and CPU time on a shared virtual machine drift from minute to minute (the same warm
check cost up to 1.6 times as much from one batch to the next); instruction counts do not, so
a change is judged by them. Each commit is checked out into a temporary git worktree and run
with this Python (``valgrind --tool=callgrind``, which needs the ``valgrind`` package), its
rule set cached in a private folder of its own, bytecode written before counting, garbage
collection frozen and off in the warm workloads:

- cold: one ``eligibility check FILE --format json`` process, against the floor
  (``python -c`` reading the TOML with tomllib), and their ratio;
- warm, per round (a run of R rounds less a run of none): verdicts of the example
  applications, memos warm (``same``); their full results with JSON (``sfull``); verdicts of
  N distinct generated applications, memos emptied first (``dver``); their full results
  with JSON (``dfull``); reading and parsing them as ``screen`` does, from disk with every
  check of a file from outside the office (``dread``); and what a ``screen`` worker does for
  each, from the read to the rendered CSV rows (``dscreen``, memos emptied first). The
  plans the N files hold are counted, for the figures per plan.

Both trees read the same example and generated files (from this checkout), so their counts
compare. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# the cold check's file and the floor it is measured against, as benchmarks/check_speed.py
# times them
from check_speed import COLD_FILE, FLOOR, REPO

EXAMPLES = COLD_FILE.parent
COLD = (
    "import sys; sys.argv = ['eligibility', 'check', sys.argv[1], '--format', 'json']\n"
    "import cli; cli.main()\n"
)
# The warm workloads, run in a tree with sys.argv = [mode, rounds, examples, generated].
WARM = r"""
import datetime as dt, gc, glob, io, os, sys
from eligibility import api
from eligibility.application.reader import parse_application_bytes, read_application
from eligibility.checking.verdict_only import check_verdicts
from eligibility.rendering.formats import json as json_format
mode, rounds = sys.argv[1], int(sys.argv[2])
def files(patterns):
    names = sorted(n for p in patterns.split("|") for n in glob.glob(p))
    return [(n, open(n, "rb").read(), os.path.splitext(n)[1]) for n in names]
examples = files(sys.argv[3])
batch = files(sys.argv[4])[: int(sys.argv[5])]
ruleset = api.select_ruleset(None, dt.date(2026, 4, 1))
docs = [parse_application_bytes(b, n, suffix=s).data for n, b, s in examples]
batch_docs = [parse_application_bytes(b, n, suffix=s).data for n, b, s in batch]
def forget():
    for name in ("read_memo", "rule_memo"):
        memo = ruleset.__dict__.get(name)
        if memo is not None:
            memo.clear()
def full(items):
    for n, b, s in items:
        json_format.render(api.check_bytes(b, n, ruleset, suffix=s), "en")
if mode == "dscreen":  # as a worker of `eligibility screen --format csv` is set up
    from eligibility.rendering import batch as batch_report
    from eligibility.ruleset.select import pin_folders
    from eligibility.screening import batch as screen
    pin_folders()
    options = screen.Options(findings=False, memory_limit=0)
    writer = batch_report.WRITERS["csv"](io.StringIO(), "en", dt.datetime(2026, 4, 1))
    for n, _, _ in examples:
        screen.piece(writer, screen.screen_file(n, options))
for d in docs:
    check_verdicts(d, ruleset)
full(examples)
gc.collect(); gc.freeze(); gc.disable()
for _ in range(rounds):
    if mode == "same":
        for d in docs:
            check_verdicts(d, ruleset)
    elif mode == "sfull":
        full(examples)
    elif mode == "dver":
        forget()
        for d in batch_docs:
            check_verdicts(d, ruleset)
    elif mode == "dfull":
        forget()
        full(batch)
    elif mode == "dread":
        for n, _, _ in batch:
            read_application(n)
    elif mode == "dscreen":
        forget()
        for n, _, _ in batch:
            screen.piece(writer, screen.screen_file(n, options))
"""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


VERDICT_CODES = (0, 1, 3, 4)  # a check that ran: eligible, ineligible, incomplete, review


def instructions(cmd: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0,)) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    m = re.search(r"Collected : ([\d,]+)", done.stderr)
    if done.returncode not in ok or m is None:
        raise SystemExit(f"{' '.join(cmd[:3])}: failed in {cwd}\n{done.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


WARM_MODES = ("same", "sfull", "dver", "dfull", "dread", "dscreen")


def measure(
    tree: Path, cache: Path, generated: Path, n: int, reps: int, modes: tuple[str, ...]
) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree), "ELIGIBILITY_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cold = [sys.executable, "-c", COLD, str(COLD_FILE)]
    for _ in range(2):  # writes bytecode and the rule-set cache
        subprocess.run(cold, cwd=tree, env=env, capture_output=True, check=False)
    out: dict[str, float] = {"cold": instructions(cold, tree, env, VERDICT_CODES)}
    examples = str(EXAMPLES / "*.toml")
    pattern = f"{generated / '*.toml'}|{generated / '*.json'}"
    for mode in modes:
        rounds = reps if mode in ("same", "sfull") else 2
        log(f"{tree.name}: {mode}")
        args = [sys.executable, "-c", WARM, mode]
        tail = [examples, pattern, str(n)]
        none = instructions([*args, "0", *tail], tree, env)
        some = instructions([*args, str(rounds), *tail], tree, env)
        out[mode] = (some - none) / rounds
    return out


def _plans(generated: Path, n: int) -> int:
    """The plans the first ``n`` generated files hold (as the warm workloads take them)."""
    import json
    import tomllib

    names = sorted(str(p) for p in generated.iterdir() if p.suffix in (".toml", ".json"))
    total = 0
    for name in names[:n]:
        with open(name, "rb") as f:
            doc = tomllib.load(f) if name.endswith(".toml") else json.load(f)
        total += len(doc.get("plans", []))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the commit to compare against")
    parser.add_argument("head", nargs="?", default="HEAD")
    parser.add_argument("--files", type=int, default=200, help="distinct generated files")
    parser.add_argument("--reps", type=int, default=10, help="rounds of the example workloads")
    parser.add_argument(
        "--cold-only",
        action="store_true",
        help="count the cold check and the floor alone (a minute, not some eight)",
    )
    args = parser.parse_args()
    modes = () if args.cold_only else WARM_MODES
    from generate import generate

    with tempfile.TemporaryDirectory(prefix="eligibility-instructions-") as tmp:
        work = Path(tmp)
        generated = work / "generated"
        generate(generated, args.files, seed=5)
        plans = _plans(generated, args.files)
        floor_env = {**os.environ, "ELIGIBILITY_CACHE": "off"}
        floor = instructions([sys.executable, "-c", FLOOR, str(COLD_FILE)], work, floor_env)
        results = []
        for i, rev in enumerate((args.base, args.head)):
            tree = work / f"tree-{i}"
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), rev],
                check=True,
                capture_output=True,
            )
            try:
                cache = work / f"cache-{i}"
                cache.mkdir(mode=0o700)
                results.append(measure(tree, cache, generated, args.files, args.reps, modes))
            finally:
                subprocess.run(
                    ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                    check=False,
                    capture_output=True,
                )
    base, head = results
    rows = [
        ("cold `check FILE --format json`, one process", "cold"),
        ("verdicts of the example plans, memos warm, a round", "same"),
        ("full results + JSON of the example files, memos warm, a round", "sfull"),
        (f"verdicts of {args.files} distinct generated files, memos emptied", "dver"),
        (f"full results + JSON of the same {args.files} files, memos emptied", "dfull"),
        (f"reading and parsing the same {args.files} files as `screen` must", "dread"),
        (f"a `screen` worker's CSV rows of the same {args.files} files, memos emptied", "dscreen"),
    ]
    print(f"Instructions (callgrind), {args.base} against {args.head}:\n")
    print(f"| workload | {args.base} | {args.head} | change |")
    print("|---|---:|---:|---:|")
    for label, key in rows:
        if key not in base:
            continue
        a, b = base[key], head[key]
        print(f"| {label} | {a / 1e6:,.2f} M | {b / 1e6:,.2f} M | {(b - a) / a:+.1%} |")
    if modes:
        print(f"\nThe {args.files} generated files hold {plans} plans.")
    print(
        f"\nThe floor (tomllib reading {COLD_FILE.name}) is {floor / 1e6:,.1f} M: a cold check "
        f"is {base['cold'] / floor:.2f}× it at {args.base}, {head['cold'] / floor:.2f}× "
        f"at {args.head} (target ≤ 2.5×)."
    )


if __name__ == "__main__":
    main()
