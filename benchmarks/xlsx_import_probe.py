#!/usr/bin/env python
"""Issue 21 probe: importing posts from .xlsx costs at most twice the same rows as CSV.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_scale10 \\
        .venv/bin/python benchmarks/xlsx_import_probe.py 5000

For N rows (import_probe's rows, for one trust, as its trust lead) it builds the
same posts as a CSV file and as an Excel workbook (numbers as numbers, dates as
dates, as Excel saves them), then times each whole import: reading the upload
(CSV decoding, or the workbook's safety checks and its sheet read in read-only
mode), the preview check, and the confirm (re-check under lock + write). Each
run is rolled back, and the two formats alternate over REPEATS runs; the best
of each is compared, since the machine is shared.
"""

import io
import os
import sys
import time
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "benchmarks")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django  # noqa: E402

django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from import_probe import make_csv  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from accounts.models import User  # noqa: E402
from network.models import MemberTrust  # noqa: E402
from workforce import csvimport, services, xlsximport  # noqa: E402
from workforce.models import PostImport  # noqa: E402

REPEATS = 3


class _Rollback(Exception):
    pass


def make_xlsx(text: str) -> bytes:
    """The CSV's rows as a workbook, typed as Excel would store them."""
    import csv

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Posts")
    for number, record in enumerate(csv.reader(io.StringIO(text))):
        if number:
            record = [
                _typed(c, v) for c, v in zip(csvimport.COLUMNS, record, strict=True)
            ]
        sheet.append(record)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _typed(column, value):
    if not value:
        return None
    if column in csvimport.DATE_COLUMNS:
        return date.fromisoformat(value)
    return float(value) if column in csvimport.NUMBER_COLUMNS else value


def timed(trust, lead, name: str, content: bytes) -> dict:
    upload = SimpleUploadedFile(name, content)
    try:
        with transaction.atomic():
            start = time.perf_counter()
            text = xlsximport.read_upload(upload)
            read = time.perf_counter() - start
            staged = PostImport.objects.create(
                trust=trust, filename=name, content=text, created_by=lead
            )
            preview = csvimport.check_import(text=text, user=lead, own_trust=trust)
            checked = time.perf_counter() - start
            done = services.post_import_apply(
                post_import=staged, user=lead, own_trust=trust
            )
            total = time.perf_counter() - start
            assert preview.is_valid and done.is_valid, preview.file_errors
            raise _Rollback
    except _Rollback:
        pass
    return {"read": read, "preview": checked, "total": total, "bytes": len(content)}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    trust = MemberTrust.objects.order_by("pk").first()
    lead = User.objects.filter(trust=trust).first() or User.objects.first()
    text = make_csv(trust, n, moved_on=False)
    files = {"csv": text.encode(), "xlsx": make_xlsx(text)}
    print(
        f"# xlsx import probe {date.today()} db={connection.vendor} rows={n:,} "
        f"load={os.getloadavg()[0]:.1f} cores={os.cpu_count()}"
    )
    best = {}
    for run in range(REPEATS):
        for kind, content in files.items():
            got = timed(trust, lead, f"probe.{kind}", content)
            print(
                f"{kind:4} run={run + 1} read={got['read']:.2f}s "
                f"read+preview={got['preview']:.2f}s total={got['total']:.2f}s "
                f"bytes={got['bytes']:,}",
                flush=True,
            )
            if kind not in best or got["total"] < best[kind]["total"]:
                best[kind] = got
    ratio = best["xlsx"]["total"] / best["csv"]["total"]
    print(
        f"best: csv {best['csv']['total']:.2f}s, xlsx {best['xlsx']['total']:.2f}s, "
        f"ratio {ratio:.2f} (target <= 2.00)"
    )
    sys.exit(0 if ratio <= 2 else 1)


if __name__ == "__main__":
    main()
