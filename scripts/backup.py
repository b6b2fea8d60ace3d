#!/usr/bin/env python
"""Backups, restores and the restore drill (REL-17).

    python scripts/backup.py backup                 # var/backups/<stamp>.dump|.sqlite3 + .json
    python scripts/backup.py restore FILE [--force]  # into the configured database
    python scripts/backup.py drill                  # back up, restore into a fresh DB, check

PostgreSQL: `pg_dump -Fc` (a consistent snapshot while the app runs) and
`pg_restore --exit-on-error --single-transaction`. SQLite (the embedded
default): the online backup API. Each backup writes a marker (in the database
cache table) and a manifest of row counts, which a restore is checked against.
After a restore, notifications still waiting to send are held (marked failed
with a reason) so nothing sent after the backup is sent again; a coordinator
retries the ones that really are due from the notifications page.
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402

BACKUPS = ROOT / "var" / "backups"
MARKER_KEY = "backup-marker"
HELD_REASON = "Held after a restore: check it was not already sent, then retry"


def row_counts() -> dict:
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(tables):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def pg_args(db: dict) -> list[str]:
    args = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)]
    return args + ["-U", db["USER"] or "postgres"]


def backup(out: Path = BACKUPS) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    cache.set(MARKER_KEY, stamp, timeout=None)  # proves the restore holds this dump
    db = settings.DATABASES["default"]
    manifest = {"marker": stamp, "vendor": connection.vendor, "counts": row_counts()}
    if connection.vendor == "postgresql":
        target = out / f"{stamp}.dump"
        subprocess.run(
            ["pg_dump", "-Fc", *pg_args(db), "-f", str(target), db["NAME"]], check=True
        )
    else:
        target = out / f"{stamp}.sqlite3"
        source = sqlite3.connect(db["NAME"])
        with sqlite3.connect(target) as copy:
            source.backup(copy)  # consistent even while the app writes
        source.close()
    manifest["file"] = target.name
    target.with_suffix(".json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"backup written: {target} ({target.stat().st_size:,} bytes)")
    return target


def restore(file: Path, *, database: str | None = None, force: bool = False) -> float:
    """Restore into the configured database (or `database` on PostgreSQL)."""
    started = time.monotonic()
    db = settings.DATABASES["default"]
    if file.suffix == ".dump":
        name = database or db["NAME"]
        if not force and database is None:
            raise SystemExit(
                f"restore replaces everything in {name}; add --force (make restore does)"
            )
        connections.close_all()
        for cmd in (["dropdb", "--if-exists"], ["createdb"]):
            subprocess.run([*cmd, *pg_args(db), name], check=True)
        subprocess.run(
            [
                "pg_restore",
                "--exit-on-error",
                "--single-transaction",
                "--no-owner",
                *pg_args(db),
                "-d",
                name,
                str(file),
            ],
            check=True,
        )
    else:
        if not force:
            raise SystemExit(f"restore replaces {db['NAME']}; add --force")
        connections.close_all()
        with sqlite3.connect(file) as source, sqlite3.connect(db["NAME"]) as live:
            source.backup(live)
    seconds = time.monotonic() - started
    print(f"restored {file.name} in {seconds:.1f} s")
    return seconds


def hold_unsent() -> int:
    """Nothing that was waiting at backup time goes out until someone checks it."""
    from core.models import Notification

    return Notification.objects.filter(status__in=["pending", "sending"]).update(
        status="failed", last_error=HELD_REASON
    )


def use_database(name: str) -> None:
    connections.close_all()
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name


def drill() -> int:
    """REL-17: back up, restore into a fresh database and check it (PostgreSQL)."""
    if connection.vendor != "postgresql":
        raise SystemExit("the drill restores into a fresh PostgreSQL database")
    live = settings.DATABASES["default"]["NAME"]
    file = backup()
    manifest = json.loads(file.with_suffix(".json").read_text())
    fresh = f"restore_test_{manifest['marker'].lower()}"
    rto = restore(file, database=fresh)
    use_database(fresh)
    checks = {}
    try:
        call_command("migrate", "--check", verbosity=0)
        checks["migrate --check clean"] = True
    except SystemExit:
        checks["migrate --check clean"] = False
    counts = row_counts()
    checks["row counts equal the manifest"] = all(
        counts.get(t) == n for t, n in manifest["counts"].items() if t != "django_cache"
    )
    checks["marker row present"] = cache.get(MARKER_KEY) == manifest["marker"]
    held = hold_unsent()
    checks["smoke: pages answer"] = smoke()
    connections.close_all()
    subprocess.run(
        ["dropdb", *pg_args(settings.DATABASES["default"]), fresh], check=True
    )
    use_database(live)
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'} {name}")
    print(
        f"RTO (restore) {rto:.1f} s; RPO at most the backup interval; "
        f"{held} unsent notification(s) held for review"
    )
    return 0 if all(checks.values()) else 1


def smoke() -> bool:
    from django.test import Client

    hosts = [h for h in settings.ALLOWED_HOSTS if "*" not in h] or ["127.0.0.1"]
    client = Client(HTTP_HOST=hosts[0].lstrip("."))
    statuses = [client.get(path).status_code for path in ("/livez", "/", "/training/")]
    return statuses == [200, 200, 200]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("backup")
    p_restore = sub.add_parser("restore")
    p_restore.add_argument("file", type=Path)
    p_restore.add_argument("--force", action="store_true")
    sub.add_parser("drill")
    args = parser.parse_args()
    if args.command == "backup":
        backup()
    elif args.command == "restore":
        restore(args.file, force=args.force)
        print(f"held {hold_unsent()} unsent notification(s) for review")
    else:
        return drill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
