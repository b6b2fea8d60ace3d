"""`manage.py generate_load_data --scale 1|10 --seed N`: benchmark data (issue 10)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from core import loaddata


class Command(BaseCommand):
    help = "Write deterministic regional load data (scale 1 = the North West today)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 or 10 (any > 0)"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--anchor",
            type=date.fromisoformat,
            default=None,
            help="The 'today' the data is built around (YYYY-MM-DD; default today).",
        )

    def handle(self, *args, scale, seed, anchor, **options):
        from django.utils import timezone

        if scale <= 0:
            raise CommandError("--scale must be greater than 0")
        if loaddata.already_loaded():
            raise CommandError(
                "Load data is already in this database: use a fresh database "
                "(migrate an empty one) so runs stay comparable."
            )
        anchor = anchor or timezone.localdate()
        self.stdout.write(f"Generating scale {scale:g}, seed {seed}, anchor {anchor}")
        started = time.monotonic()
        ctx = loaddata.generate(
            scale=scale, seed=seed, anchor=anchor, log=self.stdout.write
        )
        elapsed = time.monotonic() - started
        total = sum(ctx.counts.values())
        for table, n in sorted(ctx.counts.items()):
            self.stdout.write(f"  {table:36} {n:>9,}")
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {total:,} rows in {elapsed:.1f} s")
        )
