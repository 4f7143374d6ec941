"""Load on `eligibility serve`: requests per second and p50/p99 latency of POST /v1/check
at 1, 8 and 32 concurrent clients, on the loopback interface only.

    python benchmarks/serve_load.py                     # --workers 2, 8 s per level
    python benchmarks/serve_load.py --seconds 5 --max-requests 20000 --workers 2
    python benchmarks/serve_load.py --baseline /tmp/older  # another source tree, side by side

The script starts `eligibility serve --workers N` on 127.0.0.1 and a free port, warms it
up, then for each level opens that many keep-alive connections, each sending one check
after another (an application of one plan, as JSON: the shipped ndfeb-line example, with a
capacity figure of its own in every request and (BH)max and coercivity figures that cycle
through a few hundred values; ``--same`` sends the example unchanged every time) until
the level's time or request budget is spent. Every response must be 200 with a verdict;
anything else is counted as an error. The run is bounded: every level stops at its time or
its request budget, whichever comes first.

The client is a few lines of asyncio on raw sockets, so it costs as little as a client can,
but it runs on the same cores as the server. It lowers its own priority (``--nice``, default
10), so that the server's workers get the cores first, and it counts its own CPU time and
the workers': the table gives both per check, and the checks per second the server's CPU
time alone would allow on the machine's cores (``cores / server CPU per check``), which is
what the cores would do with the client on another machine. On a machine other people are
using, wall-clock figures move with their load; CPU per check moves much less.

With ``--baseline DIR`` (a source tree, e.g. ``git archive`` of an older commit), a second
server runs that code, and each level is measured on both in turn, so both see the same
load; the last column is the ratio of their server CPU per check.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import tomllib
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only, whatever the arguments say


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def application() -> bytes:
    doc = tomllib.loads((REPO / "examples" / "ndfeb-line.toml").read_text(encoding="utf-8"))
    return json.dumps(doc, default=str).encode()


class Requests:
    """What a level's clients send. By default each request is the example with figures of
    its own: a capacity never sent before (``600 + n t/yr``) and a (BH)max and coercivity
    that cycle through a few hundred datasheet-like values, as a batch of different
    applicants' plans would (the server remembers readings and findings:
    eligibility/checking/memo.py). ``same``: the one example every time."""

    def __init__(self, port: int, same: bool) -> None:
        self.port = port
        self.same = same
        self.sent = 0
        self.fixed = request_for(port, application())
        doc = json.loads(application())
        plan = doc["plans"][0]
        plan["capacity_increase"] = "@capacity@"
        plan["magnet"]["energy_product"] = "@energy@"
        plan["magnet"]["coercivity"] = "@coercivity@"
        self.template = json.dumps(doc).encode()

    def next(self) -> bytes:
        if self.same:
            return self.fixed
        n = self.sent = self.sent + 1
        body = (
            self.template.replace(b"@capacity@", f"{600 + n} t/yr".encode())
            .replace(b"@energy@", f"{300 + n % 97}.{n % 10} kJ/m^3".encode())
            .replace(b"@coercivity@", f"{1300 + n % 389} kA/m".encode())
        )
        return request_for(self.port, body)


def start(port: int, workers: int, tree: Path = REPO) -> subprocess.Popen[bytes]:
    code = "from cli import main; main()"
    env = {**os.environ, "PYTHONPATH": str(tree)}  # the tree's own package, not the installed
    process = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port), "--workers", str(workers)],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


async def client(
    port: int, requests: Requests, stop_at: float, budget: list[int], latencies: list[float]
) -> int:
    """One keep-alive connection sending checks until time or the shared budget runs out;
    returns the number of failed requests."""
    reader, writer = await asyncio.open_connection(HOST, port)
    errors = 0
    try:
        while time.perf_counter() < stop_at and budget[0] > 0:
            budget[0] -= 1
            request = requests.next()
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            body = await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if not head.startswith(b"HTTP/1.1 200") or b'"verdict"' not in body:
                errors += 1
    finally:
        writer.close()
    return errors


def cpu_seconds(root: int) -> float:
    """CPU time (user + system) used so far by process ``root`` and its children (the
    server's workers), from /proc; 0 where /proc is not there."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if root in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def children(root: int) -> list[int]:
    out = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == root:
                out.append(int(entry.name))
        except (OSError, ValueError):
            continue
    return out


def connections_by_process(root: int, port: int) -> dict[int, int]:
    """Established connections to ``port`` each child of ``root`` holds, from /proc."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "01":
            inodes.add(f"socket:[{fields[9]}]")
    counts = {}
    for pid in children(root):
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            counts[pid] = sum(1 for fd in fds if _readlink(f"/proc/{pid}/fd/{fd}") in inodes)
        except OSError:
            continue
    return counts


def _readlink(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""


async def until_every_worker_serves(port: int, request: bytes, root: int, workers: int) -> None:
    """Open connections until every worker has accepted one: a worker still starting when
    a level opens its connections would leave them all to the others."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        conns = [await asyncio.open_connection(HOST, port) for _ in range(4 * workers)]
        for reader, writer in conns:
            writer.write(request)
            await reader.readuntil(b"\r\n\r\n")
        serving = sum(1 for n in connections_by_process(root, port).values() if n)
        for _, writer in conns:
            writer.close()
        if serving >= workers or not Path("/proc/net/tcp").exists():
            return
        await asyncio.sleep(0.5)
    raise SystemExit("not every worker started within 60 s")


def own_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Run:
    """What the rounds of one level measured on one server, added up."""

    clients: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0

    def figures(self) -> dict[str, float]:
        lat = sorted(self.latencies)
        n = len(lat)
        return {
            "clients": self.clients,
            "requests": n,
            "errors": self.errors,
            "seconds": self.seconds,
            "rps": n / self.seconds,
            "p50_ms": 1000 * statistics.median(lat),
            "p99_ms": 1000 * lat[min(n - 1, int(n * 0.99))],
            "server_cpu_ms": 1000 * self.server_cpu / n,
            "client_cpu_ms": 1000 * self.client_cpu / n,
        }


async def level(
    run: Run, port: int, requests: Requests, seconds: float, budget: int, server: int
) -> None:
    """One round of ``run.clients`` connections for ``seconds`` or ``budget`` requests."""
    latencies: list[float] = []
    left = [budget]
    server_cpu, client_cpu = cpu_seconds(server), own_cpu()
    started = time.perf_counter()
    stop_at = started + seconds
    errors = await asyncio.gather(
        *(client(port, requests, stop_at, left, latencies) for _ in range(run.clients))
    )
    run.seconds += time.perf_counter() - started
    run.server_cpu += cpu_seconds(server) - server_cpu
    run.client_cpu += own_cpu() - client_cpu
    run.errors += sum(errors)
    run.latencies += latencies


def request_for(port: int, body: bytes) -> bytes:
    return (
        f"POST /v1/check HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--seconds", type=float, default=8.0, help="per level (at most)")
    parser.add_argument("--max-requests", type=int, default=40_000, help="per level (at most)")
    parser.add_argument("--nice", type=int, default=10, help="the client's priority (0: as is)")
    parser.add_argument("--baseline", type=Path, help="a source tree to measure side by side")
    parser.add_argument(
        "--rounds", type=int, default=3, help="with --baseline: turns each server takes per level"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--same",
        action="store_true",
        help="send the one example every time (default: figures "
        "that differ from request to request)",
    )
    args = parser.parse_args()
    body = application()
    trees = {"this": REPO} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    servers: dict[str, tuple[int, subprocess.Popen[bytes]]] = {}
    try:
        for name, tree in trees.items():
            port = free_port()
            servers[name] = (port, start(port, args.workers, tree))
        if args.nice:
            os.nice(args.nice)  # the client only: the servers started before keep theirs
        for port, process in servers.values():  # warm-up: every worker, every cache
            request = request_for(port, body)
            asyncio.run(until_every_worker_serves(port, request, process.pid, args.workers))
            warm_up = Requests(port, args.same)
            asyncio.run(level(Run(4), port, warm_up, 2.0, 2000, process.pid))
        rounds = args.rounds if args.baseline else 1
        results: dict[str, list[dict[str, float]]] = {name: [] for name in servers}
        # figures go on from where the warm-up left them: no level resends the warm-up's
        sending = {name: Requests(port, args.same) for name, (port, _) in servers.items()}
        for requests in sending.values():
            requests.sent = 10_000
        for c in args.clients:
            runs = {name: Run(c) for name in servers}
            for _ in range(rounds):  # in turns, so that both servers see the same load
                for name, (port, process) in servers.items():
                    asyncio.run(
                        level(
                            runs[name],
                            port,
                            sending[name],
                            args.seconds / rounds,
                            args.max_requests // rounds,
                            process.pid,
                        )
                    )
            for name, run in runs.items():
                results[name].append(run.figures())
        load = os.getloadavg()[0]
    finally:
        for _, process in servers.values():
            stop(process)
    cores = os.cpu_count() or 1
    if args.json:
        print(json.dumps({"load_average": load, "cores": cores, **results}, indent=2))
        return
    print(
        f"POST /v1/check, --workers {args.workers}, {cores} cores, loopback, client at nice "
        f"{args.nice}, load average {load:.1f} at the end; "
        + ("the same example every time" if args.same else "figures differ per request")
    )
    print()
    heads = [
        "clients",
        "requests",
        "errors",
        "checks/s",
        "p50",
        "p99",
        "server CPU per check",
        "client CPU per check",
        f"checks/s the server CPU allows on {cores} cores",
    ]
    if args.baseline:
        heads.append("server CPU per check, baseline ÷ this")
    print("| " + " | ".join(heads) + " |")
    print("|" + "---:|" * len(heads))
    for i, r in enumerate(results["this"]):
        cells = [
            f"{r['clients']}",
            f"{r['requests']:,}",
            f"{r['errors']}",
            f"{r['rps']:,.0f}",
            f"{r['p50_ms']:.1f} ms",
            f"{r['p99_ms']:.1f} ms",
            f"{r['server_cpu_ms']:.2f} ms",
            f"{r['client_cpu_ms']:.2f} ms",
            f"{1000 * cores / r['server_cpu_ms']:,.0f}",
        ]
        if args.baseline:
            base = results["baseline"][i]
            cells.append(f"{base['server_cpu_ms'] / r['server_cpu_ms']:.2f}")
        print("| " + " | ".join(cells) + " |")
    if args.baseline:
        print()
        print("Baseline:")
        print()
        print("| clients | checks/s | p50 | p99 | server CPU per check |")
        print("|---:|---:|---:|---:|---:|")
        for r in results["baseline"]:
            print(
                f"| {r['clients']} | {r['rps']:,.0f} | {r['p50_ms']:.1f} ms | "
                f"{r['p99_ms']:.1f} ms | {r['server_cpu_ms']:.2f} ms |"
            )


if __name__ == "__main__":
    main()
