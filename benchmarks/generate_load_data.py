#!/usr/bin/env python
"""Write deterministic regional load data into the configured database (issue 10).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_scale1 \
        .venv/bin/python benchmarks/generate_load_data.py --scale 1 --seed 1

Scale 1 is the North West today (any scale > 0 works); `--anchor YYYY-MM-DD` is
the 'today' the data is built around (default today). `prepare_db.py` calls
`load()` after recreating and migrating the database.
"""

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load(*, scale: float, seed: int, anchor: date | None, out=print) -> None:
    """Generate into an empty database and print the row counts."""
    from django.utils import timezone

    from benchmarks import loaddata

    if scale <= 0:
        raise SystemExit("--scale must be greater than 0")
    if loaddata.already_loaded():
        raise SystemExit(
            "Load data is already in this database: use a fresh database "
            "(migrate an empty one) so runs stay comparable."
        )
    anchor = anchor or timezone.localdate()
    out(f"Generating scale {scale:g}, seed {seed}, anchor {anchor}")
    started = time.monotonic()
    ctx = loaddata.generate(scale=scale, seed=seed, anchor=anchor, log=out)
    elapsed = time.monotonic() - started
    for table, n in sorted(ctx.counts.items()):
        out(f"  {table:36} {n:>9,}")
    out(f"Loaded {sum(ctx.counts.values()):,} rows in {elapsed:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 or 10 (any > 0)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--anchor", type=date.fromisoformat, default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    load(scale=args.scale, seed=args.seed, anchor=args.anchor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
