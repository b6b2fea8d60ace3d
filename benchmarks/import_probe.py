#!/usr/bin/env python
"""PERF-07 probe: time and queries of the posts CSV import (preview + confirm).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/c_perf1 \\
        .venv/bin/python benchmarks/import_probe.py 5000 50000

For each N it generates N valid rows for one trust and times, as a trust lead:
  new      preview + confirm of N new posts (bulk create path);
  update   the same file again with every status moved on and a detail changed
           (row updates plus one status-change history row per post).
Everything is rolled back afterwards, so runs can be repeated on the same data.
The web upload limits (2 MB, 5,000 rows) are lifted for N above them: the probe
measures how the import scales, not the upload form.
"""

import csv
import io
import os
import sys
import time
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django  # noqa: E402

django.setup()
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from network.models import MemberTrust  # noqa: E402
from workforce import csvimport, services  # noqa: E402
from workforce.models import PostImport  # noqa: E402

BASE = {
    "job_title": "Peer Support Worker – Crisis Team",
    "role_type": "psw",
    "band": "afc_3",
    "wte": "1.00",
    "delivery_model": "embedded_in_team",
    "setting": "crisis",
    "service_name": "Crisis Resolution Team",
    "locality": "Liverpool",
    "lived_experience_basis": "service_user",
    "contract_type": "permanent",
    "funding_source": "trust_baseline",
}


class _Rollback(Exception):
    pass


def make_csv(trust: MemberTrust, n: int, *, moved_on: bool) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csvimport.COLUMNS, restval="")
    writer.writeheader()
    for i in range(n):
        writer.writerow(
            {
                **BASE,
                "local_ref": f"PROBE-{i:06d}",
                "trust": trust.name,
                "status": "recruiting" if moved_on else "funded",
                "status_effective_date": "2025-06-01" if moved_on else "2024-04-01",
                "recruitment_stage": "advertised" if moved_on else "",
                "locality": "Sefton" if moved_on else BASE["locality"],
            }
        )
    return out.getvalue()


def timed_import(trust, lead, text: str) -> tuple[float, float, int, dict]:
    """Preview then confirm, as a lead does; (wall s, CPU s, queries, details)."""
    staged = PostImport.objects.create(
        trust=trust, filename="probe.csv", content=text, created_by=lead
    )
    start, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as ctx:
        preview = csvimport.check_import(text=text, user=lead, own_trust=trust)
        previewed = time.perf_counter() - start
        done = services.post_import_apply(
            post_import=staged, user=lead, own_trust=trust
        )
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    split = {
        "preview": round(previewed, 2),
        "confirm": round(seconds - previewed, 2),
        "in_db": round(sum(float(q["time"]) for q in ctx.captured_queries), 2),
    }
    assert preview.is_valid and done.is_valid, (
        preview.file_errors,
        [(r.number, r.errors) for r in done.error_rows[:3]],
    )
    counts = {a: done.count(a) for a in ("create", "update", "unchanged")}
    return seconds, cpu, len(ctx.captured_queries), {**counts, **split}


def probe(n: int) -> None:
    trust = MemberTrust.objects.order_by("pk").first()
    lead = User.objects.filter(trust=trust).first() or User.objects.first()
    try:
        with transaction.atomic():
            for label, moved_on in (("new", False), ("update", True)):
                text = make_csv(trust, n, moved_on=moved_on)
                seconds, cpu, queries, counts = timed_import(trust, lead, text)
                print(
                    f"{label:6} rows={n:,} seconds={seconds:.2f} cpu={cpu:.2f} "
                    f"rows_per_s={n / seconds:,.0f} queries={queries} "
                    f"{counts} bytes={len(text.encode()):,}",
                    flush=True,
                )
            raise _Rollback
    except _Rollback:
        pass


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [5000]
    csvimport.MAX_ROWS = max(sizes)
    print(
        f"# import probe {date.today()} db={connection.vendor} "
        f"load={os.getloadavg()[0]:.1f} cores={os.cpu_count()} "
        "(seconds: wall, preview + confirm; cpu: this process only)"
    )
    for n in sizes:
        probe(n)


if __name__ == "__main__":
    main()
