"""Benchmark: 10,000 due reminders for 2,000 recipients, from scan to delivered.

Real parts: PostgreSQL, Redis, `celery worker` processes and an SMTP server
(aiosmtpd) on localhost. Target (issue 7): all 10,000 delivered within 60 s,
none missing, none duplicated.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_reminders \
    CELERY_BROKER_URL=redis://127.0.0.1:6379/9 \
    .venv/bin/python benchmarks/reminders_throughput.py [--reminders 10000] [--workers 1]
"""

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
QUEUE = f"bench-reminders-{os.getpid()}"  # a private queue: no stray worker joins in
os.environ["NOTIFICATIONS_QUEUE"] = QUEUE
# Production mode, as deployed: cached templates, no debug bookkeeping.
os.environ.setdefault("DJANGO_ENV", "production")
os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("LOG_LEVEL", "WARNING")


def ensure_database() -> None:
    """A new, empty benchmark database each run (PostgreSQL only). It is
    dropped and created rather than flushed: the audit log's triggers refuse
    TRUNCATE, as they should. Only a database named bench… is ever dropped."""
    import environ
    import psycopg

    db = environ.Env.db_url_config(os.environ.get("DATABASE_URL", ""))
    if not db.get("ENGINE", "").endswith("postgresql"):
        sys.exit("run on PostgreSQL: set DATABASE_URL=postgres://…")
    if not db["NAME"].startswith("bench"):
        sys.exit(f"refusing to empty {db['NAME']!r}: name the database bench_…")
    admin = f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} "
    admin += f"user={db['USER'] or 'postgres'} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db["NAME"]}"')


ensure_database()

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.getLogger("mail.log").setLevel(logging.WARNING)

from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from accounts.models import User  # noqa: E402
from core import notifications, tasks  # noqa: E402
from core.models import Notification  # noqa: E402
from core.reminders import DueReminder  # noqa: E402
from network.models import MemberTrust  # noqa: E402


class Sink:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        subject = next(
            (
                line
                for line in envelope.content.decode(errors="replace").splitlines()
                if line.startswith("Subject:")
            ),
            "",
        )
        self.received.append((envelope.rcpt_tos[0], subject))
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(reminders: int, recipients: int) -> list[DueReminder]:
    trust = MemberTrust.objects.create(
        name="Bench Trust", short_name="Bench", icb="other", joined_on="2016-03-15"
    )
    User.objects.bulk_create(
        [
            User(
                email=f"bench{i}@example.test",
                full_name=f"Bench {i}",
                role="peer_worker",
            )
            for i in range(recipients)
        ],
        batch_size=1000,
    )
    people = list(User.objects.order_by("pk"))
    return [
        DueReminder(
            # A kind sent straight away by default (meeting invitations): most
            # others now go in the weekly digest unless a person asks otherwise.
            kind="R01-meeting-invitation",
            obj=trust,
            recipient=people[i % recipients],
            occurrence=f"bench-{i}",
            template="reminder",
            context={"subject": f"Bench reminder {i}", "message": "Starts soon"},
        )
        for i in range(reminders)
    ]


def start_workers(count: int, port: int) -> list[subprocess.Popen]:
    env = {**os.environ, "EMAIL_URL": f"smtp://127.0.0.1:{port}"}
    return [
        subprocess.Popen(
            [
                str(ROOT / ".venv/bin/celery"),
                "-A",
                "config",
                "worker",
                "-Q",
                QUEUE,
                "--concurrency",
                "2",
                "--loglevel",
                "WARNING",
                "-n",
                f"bench{i}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--recipients", type=int, default=2_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    due = prepare(args.reminders, args.recipients)
    notifications.collect_due = lambda today: due  # the synthetic reminder type
    sink = Sink()
    port = free_port()
    # server_hostname: skip aiosmtpd's reverse DNS lookup on every connection
    controller = Controller(
        sink, hostname="127.0.0.1", port=port, server_hostname="localhost"
    )
    controller.start()
    workers = start_workers(args.workers, port)
    try:
        time.sleep(4)  # let the workers connect before the clock starts
        started = time.monotonic()
        queued = tasks.scan_reminders()
        scanned = time.monotonic() - started
        deadline = started + args.timeout
        while len(sink.received) < args.reminders and time.monotonic() < deadline:
            time.sleep(0.2)
        elapsed = time.monotonic() - started
        time.sleep(2)  # late duplicates would show up now

    finally:  # never leave a worker behind, even when the run fails
        for worker in workers:
            worker.terminate()
        controller.stop()
    counts = Counter(sink.received)
    result = {
        "reminders": args.reminders,
        "recipients": args.recipients,
        "worker_processes": args.workers,
        "queued": queued,
        "scan_and_enqueue_seconds": round(scanned, 2),
        "delivered_unique": len(counts),
        "duplicates": sum(n - 1 for n in counts.values()),
        "missing": args.reminders - len(counts),
        "seconds_to_last_delivery": round(elapsed, 2),
        "messages_per_second": round(len(counts) / elapsed, 1),
        "rows_sent": Notification.objects.filter(status="sent").count(),
        "broker": settings.CELERY_BROKER_URL.split("://")[0],
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "reminders_throughput.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
