"""Load on `eligibility serve`: requests per second and p50/p99 latency of POST /v1/check
at 1, 8 and 32 concurrent clients, on the loopback interface only.

    python benchmarks/serve_load.py                     # --workers 2, 8 s per level
    python benchmarks/serve_load.py --seconds 5 --max-requests 20000 --workers 2

The script starts `eligibility serve --workers N` on 127.0.0.1 and a free port, warms it
up, then for each level opens that many keep-alive connections, each sending one check
after another (an application of one plan, as JSON, the shipped ndfeb-line example) until
the level's time or request budget is spent. Every response must be 200 with a verdict;
anything else is counted as an error. The client is a few lines of asyncio on raw sockets,
so it costs the machine as little as a client can, but it runs on the same cores as the
server: on a 2-core machine the figures are for server and client together.
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


def start(port: int, workers: int) -> subprocess.Popen[bytes]:
    code = "from cli import main; main()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port), "--workers", str(workers)],
        cwd=REPO,
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
    port: int, request: bytes, stop_at: float, budget: list[int], latencies: list[float]
) -> int:
    """One keep-alive connection sending checks until time or the shared budget runs out;
    returns the number of failed requests."""
    reader, writer = await asyncio.open_connection(HOST, port)
    errors = 0
    try:
        while time.perf_counter() < stop_at and budget[0] > 0:
            budget[0] -= 1
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


def own_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def level(
    port: int, request: bytes, clients: int, seconds: float, budget: int, server: int
) -> dict[str, float]:
    latencies: list[float] = []
    left = [budget]
    server_cpu, client_cpu = cpu_seconds(server), own_cpu()
    started = time.perf_counter()
    stop_at = started + seconds
    errors = await asyncio.gather(
        *(client(port, request, stop_at, left, latencies) for _ in range(clients))
    )
    elapsed = time.perf_counter() - started
    server_cpu, client_cpu = cpu_seconds(server) - server_cpu, own_cpu() - client_cpu
    latencies.sort()
    n = len(latencies)
    return {
        "server_cpu_ms": 1000 * server_cpu / n,
        "client_cpu_ms": 1000 * client_cpu / n,
        "clients": clients,
        "requests": n,
        "errors": sum(errors),
        "seconds": elapsed,
        "rps": n / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(n - 1, int(n * 0.99))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--seconds", type=float, default=8.0, help="per level (at most)")
    parser.add_argument("--max-requests", type=int, default=40_000, help="per level (at most)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    body = application()
    port = free_port()
    request = (
        f"POST /v1/check HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    process = start(port, args.workers)
    try:
        pid = process.pid
        asyncio.run(level(port, request, 4, 2.0, 2000, pid))  # warm-up: every worker, cache
        results = [
            asyncio.run(level(port, request, c, args.seconds, args.max_requests, pid))
            for c in args.clients
        ]
        load = os.getloadavg()[0]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
    if args.json:
        print(json.dumps({"load_average": load, "levels": results}, indent=2))
        return
    print(
        f"POST /v1/check, --workers {args.workers}, {os.cpu_count()} cores, loopback, "
        f"load average {load:.1f} at the end"
    )
    print(
        "| clients | requests | errors | checks/s | p50 | p99 "
        "| server CPU per check | client CPU per check |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['clients']} | {r['requests']:,} | {r['errors']} | {r['rps']:,.0f} | "
            f"{r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['server_cpu_ms']:.2f} ms | "
            f"{r['client_cpu_ms']:.2f} ms |"
        )


if __name__ == "__main__":
    main()
