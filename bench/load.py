"""A small HTTP load generator: threads and http.client, nothing to download.

Every connection is a thread that sends GET requests back to back, one TCP connection
per request (`Connection: close`; gunicorn's sync workers close after each response
anyway), so both pages are measured the same way. Every response must be a 200 of the
expected size; anything else is an error, and any error fails the benchmark.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field


class LoadError(RuntimeError):
    """The server answered wrongly (or not at all) under load: the figures mean nothing."""


@dataclass
class LoadResult:
    path: str
    duration: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    client_cpu_s: float = 0.0  # CPU the load generator itself used, warm-up included

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def rps(self) -> float:
        return self.requests / self.duration

    @property
    def p95_ms(self) -> float:
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else float("nan")
        return statistics.quantiles(self.latencies_ms, n=20)[18]

    def merge(self, other: "LoadResult") -> None:
        """Add another measurement of the same URL (one more round)."""
        self.duration += other.duration
        self.latencies_ms.extend(other.latencies_ms)
        self.errors.extend(other.errors[: max(0, 5 - len(self.errors))])
        self.error_count += other.error_count
        self.client_cpu_s += other.client_cpu_s

    def raise_for_errors(self) -> None:
        if self.error_count:
            shown = "; ".join(self.errors)
            raise LoadError(f"{self.error_count} bad responses from {self.path} (first ones: {shown})")


def fetch(host: str, port: int, path: str, headers: dict[str, str], timeout: float = 30.0) -> tuple[int, bytes]:
    """One GET on a fresh connection: (status, body)."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Connection": "close", **headers})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def measure(
    *,
    host: str,
    port: int,
    path: str,
    expected_size: int,
    headers: dict[str, str] | None = None,
    connections: int = 8,
    warmup: float = 2.0,
    duration: float = 10.0,
) -> LoadResult:
    """Load `path` from `connections` threads for warmup + duration seconds.

    Requests that complete inside the measuring window (after the warm-up) count for
    requests per second and latency; errors count wherever they happen.
    """
    headers = headers or {}
    result = LoadResult(path=path, duration=duration)
    lock = threading.Lock()
    cpu_before = time.process_time()
    started = time.perf_counter()
    window_start = started + warmup
    window_end = window_start + duration

    def worker() -> None:
        latencies, errors, error_count = [], [], 0
        while True:
            sent = time.perf_counter()
            if sent >= window_end:
                break
            try:
                status, body = fetch(host, port, path, headers)
                problem = None
                if status != 200:
                    problem = f"HTTP {status}"
                elif len(body) != expected_size:
                    problem = f"{len(body)} bytes instead of {expected_size}"
            except (OSError, http.client.HTTPException) as error:
                problem = f"{type(error).__name__}: {error}"
            done = time.perf_counter()
            if problem:
                error_count += 1
                if len(errors) < 3:
                    errors.append(problem)
            elif window_start <= done <= window_end:
                latencies.append((done - sent) * 1000)
        with lock:
            result.latencies_ms.extend(latencies)
            result.errors.extend(errors[: max(0, 5 - len(result.errors))])
            result.error_count += error_count

    threads = [threading.Thread(target=worker, name=f"load-{n}", daemon=True) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.client_cpu_s = time.process_time() - cpu_before
    return result
