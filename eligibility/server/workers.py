"""The worker processes of ``eligibility serve --workers N``: a listening socket of its own for
each worker, all in one ``SO_REUSEPORT`` group, so the kernel spreads new connections across
the workers by their addresses.

Why not uvicorn's own supervisor: it binds one socket that every worker accepts from, and a
worker woken for it takes every connection waiting (asyncio accepts up to the backlog at a
time), so a burst of keep-alive clients can all land on one worker while the others idle. On 2
cores, one run at 32 clients got half the checks per second that 8 clients did, one core's
worth, as if one worker did all the work (``benchmarks/serve_load.py``). Its socket is also
made without naming the TCP protocol, and asyncio only turns Nagle's algorithm off
(``TCP_NODELAY``) on connections accepted from a socket that names it, so a response written in
two parts could wait for the client's delayed acknowledgement. The sockets here name it.

Each worker runs one ``uvicorn.Server`` on its socket. The parent keeps every socket open
(a worker's share of new connections waits in its queue while it restarts), restarts a
worker that dies, and on Ctrl-C or SIGTERM asks every worker to finish its requests and
stop. Only processes of the same user may join an ``SO_REUSEPORT`` group (Linux), so no
other account can take a share of the connections.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import socket
import sys
import threading
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

logger = logging.getLogger("uvicorn.error")

STARTUP_FAILURE = 3  # uvicorn's exit status for a worker that could not start serving
BACKLOG = 2048  # uvicorn's default
STOP_SECONDS = 10.0  # a stopping worker's time to finish its requests, then it is killed


def reuse_port_supported() -> bool:
    """Whether the kernel balances connections across an ``SO_REUSEPORT`` group (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def listening_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` sockets listening on ``host``:``port``, one ``SO_REUSEPORT`` group."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # A socket of the group could join another server's group on the same port (the same
    # user's, started twice by mistake) and take a share of its connections: a socket
    # without SO_REUSEPORT binds only where nothing listens, so it is tried first.
    with socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((host, port))
            sock.listen(BACKLOG)
            sock.set_inheritable(True)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _worker(config: Any, sock: socket.socket) -> None:
    """One worker: uvicorn's server on its own socket (run in a fresh, spawned process)."""
    import uvicorn

    config.configure_logging()
    uvicorn.Server(config).run(sockets=[sock])


class Supervisor:
    """Starts a worker per socket and keeps them running until Ctrl-C or SIGTERM."""

    def __init__(self, config: Any, sockets: list[socket.socket]) -> None:
        self.config = config
        self.sockets = sockets
        self.context = multiprocessing.get_context("spawn")
        self.processes: list[BaseProcess] = []
        self.stopping = threading.Event()

    def _start(self, sock: socket.socket) -> BaseProcess:
        process = self.context.Process(target=_worker, args=(self.config, sock), daemon=False)
        process.start()
        logger.info("Started worker process [%s]", process.pid)
        return process

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping.set()

    def run(self) -> int:
        """Serve until asked to stop; 0, or ``STARTUP_FAILURE`` when a worker could not start."""
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        status = 0
        try:
            self.processes = [self._start(sock) for sock in self.sockets]
            while not self.stopping.wait(0.5):
                status = self._keep_alive()
                if status:
                    break
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            for sock in self.sockets:
                sock.close()
        return status

    def _keep_alive(self) -> int:
        for i, process in enumerate(self.processes):
            if process.is_alive() or self.stopping.is_set():
                continue
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                # the app or the socket is broken: every restart would fail the same way
                logger.error("Worker process [%s] could not start; stopping.", process.pid)
                return STARTUP_FAILURE
            logger.warning(
                "Worker process [%s] ended (exit status %s); starting another.",
                process.pid,
                process.exitcode,
            )
            self.processes[i] = self._start(self.sockets[i])
        return 0

    def _stop_all(self) -> None:
        for process in self.processes:
            if process.is_alive() and process.pid is not None:
                with contextlib.suppress(OSError):  # it ended meanwhile
                    process.terminate()  # SIGTERM: uvicorn finishes its requests, then stops
        for process in self.processes:
            process.join(STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
