#!/usr/bin/env python
"""API contract run: Schemathesis against a live, production-mode server.

    python scripts/api_contract.py [--db api_contract] [--redis redis://...]

Recreates a throwaway PostgreSQL database, migrates it, loads the demo data,
issues API tokens for a trust lead and the coordinator, starts gunicorn on a
free port of 127.0.0.1 and runs Schemathesis once per identity (anonymous,
lead, coordinator) against /api/schema/, writes included. A run fails on a
server error or on a response whose status, content type or body the schema
does not describe. Reports (JUnit XML) and the server log go to
var/api-contract/. Exits non-zero if any run fails or times out.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
OUT = ROOT / "var" / "api-contract"
PG_SERVER = "postgres://postgres@127.0.0.1:5432/"
DEFAULT_SEED = 20261126  # fixed so CI runs are reproducible
IDENTITIES = {
    "anonymous": None,
    "lead": "lead.merseycare@demo.nwpsw.example",
    "coordinator": "coordinator@demo.nwpsw.example",
}
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
    ]
)
UNTHROTTLED = "100000000/hour"  # so a 429 never hides what a request would do
# Real ids for the path parameters: without them nearly every generated id is
# a 404 and the detail and write operations never reach their logic. Posts mix
# the lead's own trust with other trusts (a 404 for the lead).
EXISTING_IDS = """
import json
from django.contrib.auth import get_user_model
from network.models import ActionItem, Meeting, MemberTrust
from standards.models import Standard
from training.models import TrainingBooking, TrainingOpportunity
from workforce.models import Post
from workforce.permissions import posts_editable_by
lead = get_user_model().objects.get(email="%s")
own = posts_editable_by(lead)
def first(qs, n=3):  # the schema documents {id} as a string of digits
    return [str(pk) for pk in qs.order_by("pk").values_list("pk", flat=True)[:n]]
print(json.dumps({
    "posts": first(own) + first(Post.objects.exclude(pk__in=own), 2),
    "actions": first(ActionItem.objects.filter(owner=lead), 2) + first(ActionItem.objects),
    "meetings": first(Meeting.objects.filter(is_public=True), 2)
    + first(Meeting.objects.filter(is_public=False), 2),
    "trusts": first(MemberTrust.objects),
    "opportunities": first(TrainingOpportunity.objects),
    "bookings": first(TrainingBooking.objects, 4),
    "codes": list(Standard.objects.order_by("code").values_list("code", flat=True)[:3]),
    "numbers": [1, 2],
}))
"""
PATH_IDS = {  # path regex -> {path parameter: dictionary name}
    r"^/api/v1/posts/\{id\}/": {"id": "posts"},
    r"^/api/v1/actions/\{id\}/": {"id": "actions"},
    r"^/api/v1/meetings/\{id\}/": {"id": "meetings"},
    r"^/api/v1/trusts/\{id\}/": {"id": "trusts"},
    r"^/api/v1/training/opportunities/\{id\}/": {"id": "opportunities"},
    r"^/api/v1/training/bookings/\{id\}/": {"id": "bookings"},
    r"^/api/v1/standards/\{code\}/": {"code": "codes", "number": "numbers"},
}


def base_env(args) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=PG_SERVER + args.db,
        CELERY_BROKER_URL=args.redis,
        LOG_LEVEL="WARNING",
    )
    return env


def production_env(args) -> dict:
    env = base_env(args)
    env.update(
        DJANGO_ENV="production",
        DEBUG="false",
        SECRET_KEY="api-contract-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on the loopback
        STATIC_MANIFEST="false",  # no collectstatic needed for JSON
        API_TOKEN_RATE=UNTHROTTLED,
        API_USER_RATE=UNTHROTTLED,
        API_ANON_RATE=UNTHROTTLED,
        EXPENSIVE_REQUESTS_PER_MINUTE="1000000",
    )
    return env


def recreate_database(name: str) -> None:
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing an odd database name: {name!r}")
    with psycopg.connect(PG_SERVER + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *argv: str) -> str:
    done = subprocess.run(
        [VENV / "python", "manage.py", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {argv[0]} failed")
    return done.stdout


def prepare(args) -> dict:
    """A fresh seeded database; returns the bearer token for each identity."""
    print(f"database {args.db}: recreate, migrate, seed_demo", flush=True)
    recreate_database(args.db)
    env = base_env(args)  # seed_demo refuses to run in production mode
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "createcachetable")  # the throttles count in the database cache
    manage(env, "seed_demo")
    write_config(env)
    return {
        who: email and manage(env, "create_api_token", email, "contract run").strip()
        for who, email in IDENTITIES.items()
    }


def write_config(env: dict) -> None:
    """schemathesis.toml: real ids, used for 80% of generated path values."""
    shell = manage(env, "shell", "-c", EXISTING_IDS % IDENTITIES["lead"])
    ids = {k: sorted(set(v)) for k, v in json.loads(shell.splitlines()[-1]).items()}
    lines = ["[dictionaries]"]
    lines += [
        f"{name} = {{ values = {json.dumps(v)} }}" for name, v in ids.items() if v
    ]
    for regex, params in PATH_IDS.items():
        bound = {p: d for p, d in params.items() if ids.get(d)}
        if not bound:
            continue
        pairs = ", ".join(
            f'"path.{p}" = {{ dictionary = "{d}", probability = 0.8 }}'
            for p, d in bound.items()
        )
        lines += ["", "[[operations]]", f"include-path-regex = {json.dumps(regex)}"]
        lines += [f"parameters = {{ {pairs} }}"]
    (OUT / "schemathesis.toml").write_text("\n".join(lines) + "\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, port: int, log) -> subprocess.Popen:
    cmd = [
        VENV / "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--worker-class",
        "gthread",
        "--threads",
        "2",
        "--timeout",
        "60",
    ]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=production_env(args), stdout=log, stderr=log
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited ({proc.returncode}); see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=2):
                return proc
        except OSError:
            time.sleep(0.5)
    stop_server(proc)
    raise SystemExit(f"gunicorn on port {port} did not answer /livez")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def schemathesis_command(args, port: int, who: str, token: str | None) -> list:
    origin = f"http://127.0.0.1:{port}"
    cmd = [
        VENV / "schemathesis",
        "--config-file",
        str(OUT / "schemathesis.toml"),
        "run",
        f"{origin}/api/schema/?format=json",
        "--url",
        origin,
        "--checks",
        CHECKS,
        "--max-examples",
        str(args.max_examples),
        "--seed",
        str(args.seed),
        "--workers",
        "2",
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(OUT / f"{who}.junit.xml"),
    ]
    if token:
        cmd += ["--header", f"Authorization: Bearer {token}"]
    return cmd


def junit_counts(path: Path) -> tuple[int, int]:
    """(operations run, operations failed) from a Schemathesis JUnit report."""
    if not path.exists():
        return 0, 0
    cases = ET.parse(path).getroot().iter("testcase")
    total = failed = 0
    for case in cases:
        total += 1
        failed += any(child.tag in ("failure", "error") for child in case)
    return total, failed


def run_identity(args, port: int, who: str, token: str | None) -> bool:
    log_path = OUT / f"{who}.log"
    started = time.monotonic()
    with open(log_path, "w") as log:
        try:
            code = subprocess.run(
                schemathesis_command(args, port, who, token),
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=args.timeout,
            ).returncode
        except subprocess.TimeoutExpired:
            code = "timeout"
    seconds = time.monotonic() - started
    total, failed = junit_counts(OUT / f"{who}.junit.xml")
    ok = code == 0
    print(
        f"{who:<12} {'PASS' if ok else 'FAIL'}  {total} operations, "
        f"{failed} failing, exit {code}, {seconds:.0f} s  ({log_path})",
        flush=True,
    )
    if not ok:
        print_failures(log_path)
    return ok


def print_failures(log_path: Path, limit: int = 150) -> None:
    """CI keeps only what the run prints, not var/: so on a failure print
    Schemathesis's failures (with the curl line that reproduces each) and the
    server's error lines, which name the exception behind a 500."""
    lines = log_path.read_text(errors="replace").splitlines()
    start = next(
        (i for i, line in enumerate(lines) if "FAILURES" in line or "ERRORS" in line),
        max(0, len(lines) - 60),
    )
    for line in lines[start : start + limit]:
        print(f"  | {line}")
    server = (OUT / "gunicorn.log").read_text(errors="replace").splitlines()
    errors = [
        line for line in server if '"level": "ERROR"' in line or "Traceback" in line
    ]
    for line in errors[-20:]:
        print(f"  server: {line[:2000]}")
    sys.stdout.flush()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="api_contract", help="recreated each run")
    parser.add_argument(
        "--redis",
        default=os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/11",
        help="Celery broker for the server (tasks are queued, not run)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--max-examples", type=int, default=10)
    parser.add_argument(
        "--timeout", type=int, default=150, help="hard limit per identity (s)"
    )
    parser.add_argument(
        "--only", choices=list(IDENTITIES), action="append", help="repeatable"
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    tokens = prepare(args)
    port = free_port()
    print(
        f"hypothesis seed {args.seed}, max {args.max_examples} examples per operation"
    )
    with open(OUT / "gunicorn.log", "w") as log:
        server = start_server(args, port, log)
        try:
            results = [
                run_identity(args, port, who, tokens[who])
                for who in (args.only or IDENTITIES)
            ]
        finally:
            stop_server(server)
    print(f"contract run took {time.monotonic() - started:.0f} s; reports in {OUT}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
