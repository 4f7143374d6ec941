"""How fast one check is, against issue 11's targets, as ratios measured side by side.

    python benchmarks/check_speed.py [--repeat 11] [--rounds 30] [--markdown FILE]

(a) Cold: `eligibility check FILE --format json` (this environment's console script) and the
    floor, `python -c "import tomllib; tomllib.load(...); compare a float"`, each run
    --repeat times as fresh processes, interleaved, after one untimed run of each (which
    also fills a private rule-set cache and writes bytecode). Wall time and CPU time (user +
    system of the child, less disturbed by other load); min and median; target ≤ 2.5×.
(b) Warm, in one process, under the rule set in force: µs per plan for a full result with
    its JSON report (`api.check_bytes` + the JSON renderer, bytes to text), target ≤ 150;
    and for the verdict-only path (parse + `checking.verdict_only.check_verdicts`), target
    ≤ 60. Two workloads, because a rule set remembers readings and findings
    (``eligibility/checking/memo.py``): the example applications (``../shared/spec/examples``
    and ``examples/``) checked again and again (CPU time per round, min and median over
    --repeat batches of --rounds rounds: the memos answer), and 1,000 distinct generated
    applications, each checked once per pass with the memos emptied first (the figures of
    a batch that are new to the checker).
(c) Where the time goes: `python -X importtime` of a cold check summed by package (best of
    runs), and a cProfile of full checks with JSON over the distinct applications, top
    functions by own time.

Prints Markdown (progress on stderr); benchmarks/run.py includes it in its report.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "spec" / "examples"
COLD_FILE = (SHARED if SHARED.is_dir() else REPO / "examples") / "draft-self-check.toml"
TARGET_COLD = 2.5
TARGET_FULL_US = 150
TARGET_VERDICT_US = 60

FLOOR = (
    "import sys, tomllib\n"
    "doc = tomllib.load(open(sys.argv[1], 'rb'))\n"
    "float(doc.get('plans', [{}])[0].get('x', 1.0)) >= 0.5\n"
)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def console_script() -> list[str]:
    script = Path(sys.executable).parent / "eligibility"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli"]


def child_env(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["ELIGIBILITY_CACHE_DIR"] = cache  # a private folder: a shared one is refused
    env.pop("ELIGIBILITY_CACHE", None)
    return env


def run_once(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def cold(repeat: int, env: dict[str, str]) -> dict[str, dict[str, list[float]]]:
    commands = {
        "check": [*console_script(), "check", str(COLD_FILE), "--format", "json"],
        "floor": [sys.executable, "-c", FLOOR, str(COLD_FILE)],
    }
    for cmd in commands.values():
        run_once(cmd, env)
    out: dict[str, dict[str, list[float]]] = {k: {"wall": [], "cpu": []} for k in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            wall, cpu = run_once(cmd, env)
            out[name]["wall"].append(wall)
            out[name]["cpu"].append(cpu)
    return out


def examples() -> list[tuple[str, bytes]]:
    paths = sorted(glob.glob(str(SHARED / "*.toml"))) + sorted(
        glob.glob(str(REPO / "examples" / "*.toml"))
    )
    return [(p, Path(p).read_bytes()) for p in paths]


DISTINCT = 1000  # generated applications of the "distinct" rows


def distinct_applications(folder: Path) -> list[tuple[str, bytes]]:
    """``DISTINCT`` applications from benchmarks/generate.py (seed 5), TOML and JSON."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import generate

    generate.generate(folder, DISTINCT, seed=5)
    paths = sorted(p for p in folder.rglob("*") if p.suffix in (".toml", ".json"))
    return [(str(p), p.read_bytes()) for p in paths]


def forget(ruleset: object) -> None:
    """Empty the rule set's memos of readings and findings (eligibility.checking.memo)."""
    for name in ("read_memo", "rule_memo"):
        memo = getattr(ruleset, "__dict__", {}).get(name)
        if memo is not None:
            memo.clear()


def warm(repeat: int, rounds: int, folder: Path) -> dict[str, object]:
    import datetime as dt

    from eligibility import api
    from eligibility.application.reader import parse_application_bytes
    from eligibility.checking.verdict_only import check_verdicts
    from eligibility.rendering.formats import json as json_format

    files = examples()
    day = dt.date(2026, 4, 1)
    ruleset = api.select_ruleset(None, day)
    plans = sum(len(api.check_bytes(b, n, ruleset).plans) for n, b in files)

    def workloads(items: list[tuple[str, bytes]]) -> tuple[Callable[[], None], ...]:
        """A full check with its JSON report, and the verdict-only path, over ``items``."""
        with_suffix = [(name, data, Path(name).suffix) for name, data in items]

        def full() -> None:
            for name, data, suffix in with_suffix:
                json_format.render(api.check_bytes(data, name, ruleset, suffix=suffix), "en")

        def verdicts() -> None:
            for name, data, suffix in with_suffix:
                check_verdicts(parse_application_bytes(data, name, suffix=suffix).data, ruleset)

        return full, verdicts

    full, verdicts = workloads(files)

    def per_plan(fn: Callable[[], None]) -> list[float]:
        fn()
        times = []
        for _ in range(repeat):
            start = time.process_time()
            for _ in range(rounds):
                fn()
            times.append((time.process_time() - start) / rounds / plans * 1e6)
        return times

    # Distinct applications, each checked once per pass, the memos emptied before each pass:
    # what a batch costs while its figures are new, not the same files again.
    batch = distinct_applications(folder)
    batch_plans = sum(len(api.check_bytes(b, n, ruleset).plans) for n, b in batch)
    batch_full, batch_verdicts = workloads(batch)

    def first_sight(fn: Callable[[], None]) -> list[float]:
        times = []
        for _ in range(max(3, repeat // 2)):
            forget(ruleset)
            start = time.process_time()
            fn()
            times.append((time.process_time() - start) / batch_plans * 1e6)
        return times

    out: dict[str, object] = {
        "files": len(files),
        "plans": plans,
        "batch_files": len(batch),
        "batch_plans": batch_plans,
    }
    # interleaved, so a change in the machine's load touches both alike
    full_t: list[float] = []
    verdict_t: list[float] = []
    batch_full_t: list[float] = []
    batch_verdict_t: list[float] = []
    for _ in range(2):
        full_t += per_plan(full)
        verdict_t += per_plan(verdicts)
        batch_full_t += first_sight(batch_full)
        batch_verdict_t += first_sight(batch_verdicts)
    out["full"] = full_t
    out["verdicts"] = verdict_t
    out["batch_full"] = batch_full_t
    out["batch_verdicts"] = batch_verdict_t
    forget(ruleset)
    out["profile"] = profile(batch_full)
    return out


def profile(
    fn: Callable[[], None], top: int = 15, passes: int = 3
) -> list[tuple[str, int, float, float]]:
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for _ in range(passes):
        fn()
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in stats.values()) or 1.0
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]
    out = []
    for (path, line, func), (_cc, calls, own, cumulative, _callers) in rows:
        short = path.rsplit("site-packages/", 1)[-1].replace(str(REPO) + "/", "")
        short = re.sub(r".*/lib/python3\.\d+/", "", short)
        out.append((f"{short}:{line}({func})", calls, own / total, cumulative / total))
    return out


def import_times(env: dict[str, str], runs: int = 5) -> tuple[list[tuple[str, float]], float]:
    """A cold check under `-X importtime`: own time per package (best of ``runs``)."""
    code = (
        "import sys, contextlib, io\nimport cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    cli.main(['check', sys.argv[1], '--format', 'json'], 'eligibility')\n"
    )
    best: dict[str, int] = {}
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code, str(COLD_FILE)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            # not the repository: "-c" imports from the working folder first, and the code
            # timed must be the environment's, whose rule-set cache the cold runs filled
            cwd=tempfile.gettempdir(),
        )
        seen: dict[str, int] = {}
        for line in done.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|\s*(\S+)", line)
            if m:
                seen[m.group(3)] = int(m.group(1))
        for name, us in seen.items():
            best[name] = min(best.get(name, us), us)
    packages: Counter[str] = Counter()
    for name, us in best.items():
        packages[_package(name)] += us
    total = sum(packages.values()) / 1e3
    return [(k, v / 1e3) for k, v in packages.most_common(14)], total


def _package(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "eligibility":
        return ".".join(parts[:2])
    if parts[0] == "cli":
        return "cli"
    if parts[0] in sys.stdlib_module_names or parts[0].startswith("_") or parts[0] == "site":
        return "stdlib"
    return parts[0]


def loadavg() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def markdown(repeat: int, rounds: int, c: dict, w: dict, imports: tuple, load: str) -> str:
    def mm(xs: list[float], scale: float = 1.0, fmt: str = "{:.0f}") -> str:
        return f"{fmt.format(min(xs) * scale)} / {fmt.format(statistics.median(xs) * scale)}"

    lines = [
        "### One check: cold and warm",
        "",
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load} "
        "(1/5/15 min) when it ran. Figures are min / median.",
        "",
        f"**Cold**: `eligibility check {COLD_FILE.name} --format json` against the floor "
        "(`python -c` reading the TOML with tomllib and comparing a float), "
        f"{repeat} fresh processes each, interleaved, rule set cached.",
        "",
        "| | wall ms | CPU ms |",
        "|---|---:|---:|",
        f"| check | {mm(c['check']['wall'], 1e3)} | {mm(c['check']['cpu'], 1e3)} |",
        f"| floor | {mm(c['floor']['wall'], 1e3)} | {mm(c['floor']['cpu'], 1e3)} |",
    ]
    ratios = []
    for kind in ("wall", "cpu"):
        a, b = c["check"][kind], c["floor"][kind]
        ratios.append((min(a) / min(b), statistics.median(a) / statistics.median(b)))
    lines.append(
        f"| **ratio** (target ≤ {TARGET_COLD}×) | {ratios[0][0]:.2f}× / {ratios[0][1]:.2f}× "
        f"| {ratios[1][0]:.2f}× / {ratios[1][1]:.2f}× |"
    )
    full, verdicts = w["full"], w["verdicts"]
    lines += [
        "",
        "**Warm**, in one process, under the rule set in force, CPU µs per plan. *Same files "
        f"again*: {w['files']} example applications ({w['plans']} plans) checked over and "
        f"over ({len(full)} batches of {rounds} rounds), so every reading and finding is "
        f"remembered after the first round. *Distinct files*: {w['batch_files']} generated "
        f"applications ({w['batch_plans']} plans, `benchmarks/generate.py --seed 5`), each "
        f"checked once per pass, the memos emptied before each pass ({len(w['batch_full'])} "
        "passes): a batch while its figures are new to the checker.",
        "",
        "| path | same files again | distinct files | target |",
        "|---|---:|---:|---:|",
        f"| full result + JSON report (`check_bytes` + JSON) | {mm(full)} "
        f"| {mm(w['batch_full'])} | ≤ {TARGET_FULL_US} |",
        f"| verdict only (parse + `check_verdicts`) | {mm(verdicts)} "
        f"| {mm(w['batch_verdicts'])} | ≤ {TARGET_VERDICT_US} |",
        "",
        f"**Where a cold check's imports go** (`-X importtime`, own time by package, best of "
        f"5; {imports[1]:.0f} ms in all):",
        "",
        "| package | ms |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {ms:.1f} |" for name, ms in imports[0]]
    lines += [
        "",
        "**Where a full check goes** (cProfile of 3 passes over the distinct files, memos "
        "emptied before the first, share of profiled time):",
        "",
        "| function | calls | own | cumulative |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| `{name}` | {calls} | {own:.1%} | {cum:.1%} |" for name, calls, own, cum in w["profile"]
    ]
    return "\n".join(lines) + "\n"


def measure(repeat: int, rounds: int) -> str:
    with tempfile.TemporaryDirectory(prefix="eligibility-check-speed-") as tmp:
        env = child_env(str(Path(tmp) / "cache"))
        load = loadavg()
        log(f"cold check vs floor, {repeat} runs each")
        c = cold(repeat, env)
        log("import times of a cold check")
        imports = import_times(env)
        log(f"warm checks, {repeat} x {rounds} rounds, and {DISTINCT} distinct applications")
        os.environ["ELIGIBILITY_CACHE_DIR"] = env["ELIGIBILITY_CACHE_DIR"]
        w = warm(repeat, rounds, Path(tmp) / "distinct")
    return markdown(repeat, rounds, c, w, imports, load)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=11, help="runs / batches of each")
    parser.add_argument("--rounds", type=int, default=30, help="rounds of the examples a batch")
    parser.add_argument("--markdown", help="also write the report to this file")
    args = parser.parse_args()
    text = measure(args.repeat, args.rounds)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
