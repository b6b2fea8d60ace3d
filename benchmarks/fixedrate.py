"""An open-loop client: requests start on a fixed schedule (rate per second),
whatever the server does, and each latency runs from the *scheduled* start.

A closed loop (wrk) waits for a reply before sending the next request, so a
slow server slows the load and hides its own stall (coordinated omission);
percentiles from it are not user latency. This is the wrk2 idea in ~60 lines.
"""

import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

_local = threading.local()
# A request still queued this long after its scheduled start is dropped and
# counted as a failure with infinite latency (bounds the run's duration).
MAX_QUEUE_SECONDS = 5.0


def _connection(host: str, port: int) -> http.client.HTTPConnection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = http.client.HTTPConnection(host, port, timeout=10)
    return conn


def _get(host, port, path, headers, scheduled) -> tuple[float, int, float]:
    latency, status = _timed_get(host, port, path, headers, scheduled)
    return latency, status, time.time()


def _timed_get(host, port, path, headers, scheduled) -> tuple[float, int]:
    if time.perf_counter() - scheduled > MAX_QUEUE_SECONDS:
        return float("inf"), -1  # could not even start: counted, never hidden
    for attempt in (1, 2):  # a kept-alive connection the server closed: reconnect once
        conn = _connection(host, port)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            return time.perf_counter() - scheduled, response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            _local.conn = None
            if attempt == 2:
                return time.perf_counter() - scheduled, 0
    return 0.0, 0


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q * len(sorted_values)) - 1))
    return sorted_values[index]


def measure_fixed_rate(
    url: str, headers: dict, *, rate: float, seconds: float, timeline: bool = False
) -> dict:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    total = int(rate * seconds)
    futures = []
    with ThreadPoolExecutor(max_workers=32) as pool:
        start = time.perf_counter() + 0.05
        for i in range(total):
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            futures.append(
                pool.submit(_get, parts.hostname, parts.port, path, headers, scheduled)
            )
        results = [f.result() for f in futures]
    latencies = sorted(r[0] * 1000 for r in results)
    errors = sum(1 for r in results if not 200 <= r[1] < 400)
    dropped = sum(1 for r in results if r[1] == -1)
    summary = {
        "rate": rate,
        "requests": total,
        "errors": errors,
        "dropped": dropped,
        "p50_ms": _ms(percentile(latencies, 0.50)),
        "p95_ms": _ms(percentile(latencies, 0.95)),
        "p99_ms": _ms(percentile(latencies, 0.99)),
        "max_ms": _ms(latencies[-1]) if latencies else None,
    }
    if timeline:  # (wall-clock completion time, succeeded) per request
        summary["timeline"] = [(r[2], 200 <= r[1] < 400) for r in results]
    return summary


def _ms(value: float):
    """Milliseconds, or None when the percentile fell among dropped requests."""
    return None if value == float("inf") else round(value, 1)
