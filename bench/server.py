"""Start and stop the gunicorn that the load benchmarks talk to."""

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.load import fetch

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Server:
    host: str
    port: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _gunicorn() -> str:
    """The gunicorn next to this Python (the project's .venv), else the one on PATH."""
    beside = Path(sys.executable).with_name("gunicorn")
    return str(beside) if beside.exists() else "gunicorn"


@contextlib.contextmanager
def gunicorn(*, env: dict[str, str], ready_path: str, headers: dict[str, str], workers: int = 2) -> Iterator[Server]:
    """`gunicorn portal.wsgi -w <workers>` on a free loopback port, until the block ends.

    Ready once `ready_path` answers 200; if gunicorn dies or never answers, its log is
    shown in the error.
    """
    port = free_port()
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed command, our own arguments
            [_gunicorn(), "portal.wsgi", "-w", str(workers), "-b", f"{HOST}:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_ready(process, Server(HOST, port), ready_path, headers, log)
            yield Server(HOST, port)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(process, server: Server, path: str, headers: dict[str, str], log, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            status, _body = fetch(server.host, server.port, path, headers, timeout=10)
        except OSError as error:
            last = str(error)
        else:
            if status == 200:
                return
            last = f"HTTP {status}"
        time.sleep(0.2)
    log.seek(0)
    raise RuntimeError(f"gunicorn did not serve {path} ({last}); its log:\n{log.read()[-3000:]}")
