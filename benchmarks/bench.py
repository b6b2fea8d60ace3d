#!/usr/bin/env python
"""Load benchmark: gunicorn (production mode) on 127.0.0.1 against one or more
generated PostgreSQL databases, measured in one run in randomised order.

For every (database, page): max throughput with wrk (closed loop, bounded
duration, repeated), latency at a fixed arrival rate with an open-loop client
(latency counted from each request's *scheduled* time, so a stall is never
hidden: no coordinated omission), and the query count from the test client.
Writes benchmarks/results/<stamp>.json and .md. See benchmarks/README.md.
"""

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixedrate import measure_fixed_rate  # noqa: E402
from report import write_report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT  # the code under test; --snapshot uses a copy of the last commit
VENV = ROOT / ".venv" / "bin"
PG = "postgres://postgres@127.0.0.1:5432/"
COOKIE = "__Host-sessionid"  # production settings rename the session cookie


def production_env(db: str) -> dict:
    env = dict(os.environ)
    env.update(
        BENCH_APP_ROOT=str(APP),
        DATABASE_URL=PG + db,
        DJANGO_ENV="production",
        DEBUG="false",
        SECRET_KEY="bench-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        PERF_ENDPOINTS="true",
        STATIC_MANIFEST="false",  # no collectstatic into the shared var/ folder
        API_USER_RATE="100000000/hour",  # measure the API, not its throttle
        LOG_LEVEL="WARNING",
        CONN_MAX_AGE="60",
        # As deployed (docker-compose): the figures, work-home counts and
        # drawn filter forms live in Redis, not the database cache.
        CACHE_URL=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/6"),
    )
    return env


def session_of(target: dict, page: dict) -> str:
    """The session cookie a page is measured with ("" when signed out)."""
    if not page["signed_in"]:
        return ""
    return target.get("sessions", {}).get(page.get("user")) or target["session"]


def probe(db: str) -> dict:
    out = subprocess.run(
        [VENV / "python", ROOT / "benchmarks" / "probe.py"],
        env=production_env(db),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_gunicorn(db: str, port: int, workers: int) -> subprocess.Popen:
    cmd = [
        VENV / "gunicorn",
        # The deployed settings (gthread, 4 threads, max_requests); only the
        # address, worker count and log destinations differ.
        "-c",
        "config/gunicorn.conf.py",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "/dev/null",
        # No worker recycling during a run: a recycled worker takes its CPU time
        # with it and the CPU-per-request figure goes wrong (even negative).
        "--max-requests",
        "0",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=APP, env=production_env(db))
    deadline = time.monotonic() + 120  # five workers importing Django on a busy machine
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/_perf/ping", timeout=2
            ):
                return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"gunicorn on port {port} did not start")


def worker_cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) used so far by a gunicorn master's workers.

    On a machine shared with other work, wall-clock req/s swings with everyone
    else's load; CPU per request barely moves, so it is reported alongside.
    """
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime + stime, in ticks
    return total / os.sysconf("SC_CLK_TCK")


def wait_until_idle(master_pid: int, limit: float = 30.0) -> None:
    """Wait until the workers stop using CPU (at most `limit` seconds): no more
    than one clock tick in half a second, which a worker still busy on a
    request exceeds even when it gets a tenth of a core."""
    deadline = time.monotonic() + limit
    before = worker_cpu_seconds(master_pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = worker_cpu_seconds(master_pid)
        if now - before < 0.015:
            return
        before = now


def wrk(url: str, cookie: str, seconds: float, args, master_pid: int = 0) -> dict:
    """Closed-loop load; with `master_pid`, also the workers' CPU per request.

    wrk stops on time and abandons the request each connection has in flight;
    the workers still finish them. So the CPU is counted from idle workers to
    idle workers and divided by the requests the server handled: wrk's
    completed ones plus one per connection. Otherwise a slow page's leftovers
    would be charged to the next page, and a slow page's own CPU per request
    would be overstated (16 abandoned against a few completed).
    """
    cmd = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",  # slow pages are counted, not dropped at wrk's default 2 s
    ]
    if master_pid:
        wait_until_idle(master_pid)
    cpu_before = worker_cpu_seconds(master_pid) if master_pid else 0.0
    if cookie:
        cmd += ["-H", f"Cookie: {COOKIE}={cookie}"]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    done = int(re.search(r"(\d+) requests in", out).group(1))
    # A request wrk timed out was handled too (the connection then sends another).
    timeouts = re.search(r"timeout (\d+)", errors.group(0)) if errors else None
    handled = done + args.connections + (int(timeouts.group(1)) if timeouts else 0)
    cpu = 0.0
    if master_pid:
        wait_until_idle(master_pid)
        cpu = worker_cpu_seconds(master_pid) - cpu_before
    return {
        "rps": rps,
        "requests": done,
        "cpu_ms": round(1000 * cpu / handled, 2) if master_pid else None,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket": bool(errors),
    }


def snapshot() -> Path:
    """Export HEAD to /tmp so the run measures committed code only."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    target = Path("/tmp/nwpsw-bench") / sha
    if not target.exists():
        target.mkdir(parents=True)
        archive = subprocess.Popen(
            ["git", "archive", "HEAD"], cwd=ROOT, stdout=subprocess.PIPE
        )
        subprocess.run(["tar", "-x", "-C", target], stdin=archive.stdout, check=True)
        archive.wait()
    print(f"serving a snapshot of {sha} from {target}")
    return target


def machine() -> dict:
    model = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in open("/proc/cpuinfo")
            if "model name" in ln
        ),
        "?",
    )
    import django

    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "loadavg_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "note": "wrk, gunicorn and PostgreSQL share the same cores (and other "
        "engineers' test runs); compare ratios within this run only",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", action="append", help="repeatable")
    parser.add_argument(
        "--ci",
        action="store_true",
        help="CI mode: scale 1 only (made if missing), a few pages, short runs",
    )
    parser.add_argument(
        "--duration", type=float, default=5, help="wrk seconds per page"
    )
    parser.add_argument("--warmup", type=float, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rate", type=float, default=50, help="fixed-rate req/s")
    parser.add_argument("--rate-seconds", type=float, default=6)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    parser.add_argument(
        "--snapshot",
        action="store_true",
        help="serve a copy of HEAD, not the working tree (others may be mid-edit)",
    )
    args = parser.parse_args()
    if args.ci:
        ci_settings(args)
    if not args.db:
        parser.error("--db is required (or --ci)")
    sys.path.insert(0, str(ROOT))
    if args.snapshot:
        global APP
        APP = snapshot()

    rng = random.Random(args.seed)
    targets, procs = {}, []
    try:
        for i, db in enumerate(args.db):
            info = probe(db)
            port = 8700 + i
            procs.append(start_gunicorn(db, port, args.workers))
            targets[db] = {"port": port, "pid": procs[-1].pid, **info}
        jobs = [
            (db, page)
            for db in args.db
            for page in targets[db]["pages"]
            if not args.only or page["name"] in args.only.split(",")
        ]
        runs = {(db, p["name"]): [] for db, p in jobs}
        for repeat in range(args.repeats):
            rng.shuffle(jobs)  # a new random order each round
            for db, page in jobs:
                url = f"http://127.0.0.1:{targets[db]['port']}{page['path']}"
                cookie = session_of(targets[db], page)
                if repeat == 0 and args.warmup:
                    wrk(url, cookie, args.warmup, args)
                master = targets[db]["pid"]
                runs[(db, page["name"])].append(
                    wrk(url, cookie, args.duration, args, master)
                )
                print(
                    f"[{repeat + 1}] {db} {page['name']}: {runs[(db, page['name'])][-1]}"
                )
        latency = {}
        rng.shuffle(jobs)
        for db, page in jobs:
            url = f"http://127.0.0.1:{targets[db]['port']}{page['path']}"
            cookie = session_of(targets[db], page)
            headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
            wait_until_idle(targets[db]["pid"])
            latency[(db, page["name"])] = measure_fixed_rate(
                url, headers, rate=args.rate, seconds=args.rate_seconds
            )
            print(
                f"[rate {args.rate:g}/s] {db} {page['name']}: {latency[(db, page['name'])]}"
            )
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)

    results = summarise(args, targets, runs, latency)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    json_path, md_path = write_report(results, Path(args.out), stamp)
    print(f"wrote {json_path} and {md_path}")
    return 0


CI_DB = "ci_bench_scale1"
CI_PAGES = "ping,auth-ping,home,posts-list,admin-posts,training-search,api-posts"


def ci_settings(args) -> None:
    """Minutes, not a quarter of an hour: one scale-1 database, seven pages (the
    admin's post list is the register's yardstick), one short round each. The
    ratios are printed for the log; nothing is asserted
    (a shared CI machine is too noisy to fail a build on throughput)."""
    args.db = args.db or [CI_DB]
    args.only = args.only or CI_PAGES
    args.duration, args.warmup, args.repeats = 2, 0.5, 1
    args.rate, args.rate_seconds = 20, 3
    if args.out == str(ROOT / "benchmarks" / "results"):
        args.out = str(ROOT / "var" / "bench-ci")  # not committed results
    for db in args.db:
        if not database_exists(db):
            subprocess.run(
                [VENV / "python", ROOT / "benchmarks" / "prepare_db.py", db]
                + ["--scale", "1", "--seed", "1"],
                check=True,
            )


def database_exists(name: str) -> bool:
    """True when the database is there and its data load finished (a load
    interrupted half-way leaves no users, and is made again)."""
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-tAc"]
        + ["SELECT count(*) FROM accounts_user"],
        capture_output=True,
        text=True,
    )
    return out.returncode == 0 and int(out.stdout.strip() or 0) > 0


def summarise(args, targets, runs, latency) -> dict:
    pages = {}
    for (db, name), samples in runs.items():
        rps = [s["rps"] for s in samples]
        page = next(p for p in targets[db]["pages"] if p["name"] == name)
        pages.setdefault(db, {})[name] = {
            "path": page["path"],
            "reference": page.get("reference", False),
            "rows": targets[db]["queries"][name].get("rows"),
            "rps_median": statistics.median(rps),
            "rps_min": min(rps),
            "rps_max": max(rps),
            "spread": (max(rps) - min(rps)) / statistics.median(rps)
            if min(rps)
            else None,
            "non_2xx": sum(s["non_2xx"] for s in samples),
            "cpu_ms": _median([s["cpu_ms"] for s in samples if s.get("cpu_ms")]),
            "queries": targets[db]["queries"][name]["queries"],
            "status": targets[db]["queries"][name]["status"],
            **{k: v for k, v in latency.get((db, name), {}).items()},
        }
    return {
        "machine": machine(),
        "settings": {k: v for k, v in vars(args).items() if k not in ("out",)},
        "pages": pages,
    }


def _median(values):
    return round(statistics.median(values), 2) if values else None


if __name__ == "__main__":
    sys.exit(main())
