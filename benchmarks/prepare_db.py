#!/usr/bin/env python
"""Create (or recreate) a PostgreSQL database, migrate it and load the data.

    .venv/bin/python benchmarks/prepare_db.py perf_scale1 --scale 1 --seed 1

Works around audit/migrations/0002 on PostgreSQL: it runs SQL containing '%'
through schema_editor.execute() with empty params, which psycopg 3 rejects
("incomplete placeholder"); here the same SQL is run with params=None.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432/"


def recreate(name: str) -> None:
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--anchor", default="")
    parser.add_argument("--no-data", action="store_true")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = PG + args.name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    recreate(args.name)
    run_migrations()
    if args.no_data:
        return 0
    from benchmarks.generate_load_data import load

    started = time.monotonic()
    anchor = date.fromisoformat(args.anchor) if args.anchor else None
    load(scale=args.scale, seed=args.seed, anchor=anchor)
    print(f"load time (scale {args.scale:g}): {time.monotonic() - started:.1f} s")
    # Fresh planner statistics, as autovacuum would have them in production; without
    # them PostgreSQL guesses row counts from the empty tables it migrated.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return 0


def run_migrations() -> None:
    import importlib

    import django

    django.setup()
    from django.core.management import call_command

    module = importlib.import_module("audit.migrations.0002_append_only_trigger")

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(module.FORWARD)

    module.Migration.operations[0].code = forward
    call_command("migrate", verbosity=0)
    call_command("createcachetable")


if __name__ == "__main__":
    sys.exit(main())
