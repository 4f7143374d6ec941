"""How long `eligibility impact` takes next to one `eligibility screen` of the same batch.

    python benchmarks/impact.py [--n 10000] [--repeat 3] [--dir DIR] [--jobs N]

Generates N applications with benchmarks/generate.py (into a temporary folder, or --dir),
writes a revision of the shipped rule set that raises the NdFeB capacity threshold to
0.6 kt/yr (in a temporary ELIGIBILITY_RULES folder), then times, as fresh processes of the
console script of this Python's environment and interleaved, --repeat runs each of

    eligibility screen DIR --format csv --output TMP --ruleset <shipped 2025-06>
    eligibility impact DIR --baseline 2025-06 --reform 2027-04 --format json --output TMP

and prints the best and median wall times and their ratio (the target: impact at most twice
screen), as Markdown.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "rules" / "permanent-magnets" / "2025-06"
TARGET = 2.0

REVISION = """\
[ruleset]
id = "permanent-magnets"
version = "2027-04"
base = "2025-06"
effective_from = 2027-04-01

[rules."capacity.ndfeb.capacity_increase"]
threshold = "0.6 kt/yr"
"""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def console_script() -> list[str]:
    script = Path(sys.executable).parent / "eligibility"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli"]


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1, 2, 3, 4) or "error:" in done.stderr[:200]:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.strip()[:500]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir")
    parser.add_argument("--jobs", type=int)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        apps = Path(args.dir) if args.dir else Path(tmp) / "apps"
        if not (apps / "manifest.csv").exists():
            log(f"generating {args.n} applications in {apps}")
            generate(apps, args.n, seed=1)
        revisions = Path(tmp) / "revisions" / "2027-04"
        revisions.mkdir(parents=True)
        (revisions / "ruleset.toml").write_text(REVISION, encoding="utf-8")
        env = dict(os.environ, ELIGIBILITY_RULES=str(revisions.parent))
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        out = str(Path(tmp) / "out")
        base = console_script()
        screen = [*base, "screen", str(apps), "--format", "csv", "--output", out]
        screen += ["--ruleset", str(SHIPPED), *jobs]
        impact = [*base, "impact", str(apps), "--baseline", "2025-06", "--reform", "2027-04"]
        impact += ["--format", "json", "--output", out, *jobs]
        log("warming up (cache, page cache)")
        wall(screen, env)
        wall(impact, env)
        times: dict[str, list[float]] = {"screen": [], "impact": []}
        for i in range(args.repeat):
            for name, cmd in (("screen", screen), ("impact", impact)):
                times[name].append(wall(cmd, env))
                log(f"run {i + 1}: {name} {times[name][-1]:.2f} s")
    best = {k: min(v) for k, v in times.items()}
    median = {k: statistics.median(v) for k, v in times.items()}
    ratio_median = median["impact"] / median["screen"]
    ratio_best = best["impact"] / best["screen"]
    ok = "✓" if ratio_median <= TARGET else "✗"
    files = sum(1 for p in apps.iterdir() if p.suffix in (".toml", ".json"))
    print(f"| measure ({files:,} files, {os.cpu_count()} cores) | best | median |")
    print("|---|---:|---:|")
    print(f"| `eligibility screen` | {best['screen']:.2f} s | {median['screen']:.2f} s |")
    both = f"{best['impact']:.2f} s | {median['impact']:.2f} s"
    print(f"| `eligibility impact` (both rule sets) | {both} |")
    print(
        f"| impact ÷ screen (target ≤ {TARGET:g}×) | {ratio_best:.2f}× | {ratio_median:.2f}× {ok} |"
    )


if __name__ == "__main__":
    main()
