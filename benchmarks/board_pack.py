#!/usr/bin/env python
"""The regional quarterly board pack at scale: time to gather and render the
PDF, and the process's peak memory (RSS), against the limits of 10 s and 200 MB.

    .venv/bin/python benchmarks/prepare_db.py perf_scale10 --scale 10 --seed 1  # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_scale10 \\
        .venv/bin/python benchmarks/board_pack.py [--runs 3] [--out FILE]

Wall time depends on what else the machine is doing, so the process's own CPU
time is recorded too: rendering is single-threaded, so on an idle machine its
wall time is about its CPU time (gathering also waits for PostgreSQL, whose
time is not in this process's CPU time).

Each run is a fresh process (peak RSS never goes down, so one process per
measurement), as the web worker would be: Django set up, WeasyPrint imported,
then the pack for the last quarter end built and rendered. The figures cache is
not used by the pack, so nothing is warmed first. Exits 1 if a limit is broken.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS, LIMIT_MB = 10.0, 200.0

ONE_RUN = """
import json, os, resource, sys, time
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
import weasyprint  # the web worker has it loaded after its first pack
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from workforce import boardpack, boardpack_pdf
from workforce.reports import last_quarter_end

def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def cpu_s():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

before = rss_mb()
cpu0 = cpu_s()
started = time.perf_counter()
with CaptureQueriesContext(connection) as queries:
    pack = boardpack.build(last_quarter_end(timezone.localdate()))
gathered, cpu1 = time.perf_counter(), cpu_s()
pdf = boardpack_pdf.render_pdf(pack)
done, cpu2 = time.perf_counter(), cpu_s()
with open(os.environ["PACK_OUT"], "wb") as f:
    f.write(pdf)
print(json.dumps({
    "quarter_end": pack.quarter_end.isoformat(),
    "gather_s": round(gathered - started, 2),
    "render_s": round(done - gathered, 2),
    "total_s": round(done - started, 2),
    "gather_cpu_s": round(cpu1 - cpu0, 2),
    "render_cpu_s": round(cpu2 - cpu1, 2),
    "queries": len(queries),
    "rss_before_mb": round(before),
    "peak_rss_mb": round(rss_mb()),
    "pdf_bytes": len(pdf),
}))
"""


def one_run(pdf_path: Path) -> dict:
    env = {**os.environ, "PACK_OUT": str(pdf_path)}
    out = subprocess.run(
        [sys.executable, "-c", ONE_RUN],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def pages(pdf_path: Path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True
    ).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if "Pages" in line))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "var" / "board-pack-bench.txt"))
    parser.add_argument("--pdf", default=str(ROOT / "var" / "board-pack-bench.pdf"))
    args = parser.parse_args()
    pdf = Path(args.pdf)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    runs = [one_run(pdf) for _ in range(args.runs)]
    worst_s = max(r["total_s"] for r in runs)
    worst_mb = max(r["peak_rss_mb"] for r in runs)
    ok = worst_s <= LIMIT_SECONDS and worst_mb <= LIMIT_MB
    lines = [
        f"board pack benchmark {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}",
        f"database {os.environ.get('DATABASE_URL', '(default)').rsplit('/', 1)[-1]}"
        f" · {platform.node()} · {os.cpu_count()} CPUs"
        f" · load {os.getloadavg()[0]:.1f}",
        *[json.dumps(r) for r in runs],
        f"pages {pages(pdf)}",
        f"median total {statistics.median(r['total_s'] for r in runs):.2f} s, "
        f"worst {worst_s:.2f} s (limit {LIMIT_SECONDS:g} s); "
        f"worst peak RSS {worst_mb} MB (limit {LIMIT_MB:g} MB): "
        + ("within the limits" if ok else "OVER A LIMIT"),
    ]
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
