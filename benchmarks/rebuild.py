#!/usr/bin/env python
"""Rebuild a result table from a benchmark run's console log (if the run was
interrupted after measuring): `benchmarks/rebuild.py LOG [--db perf_scale1 …]`.
Query counts and paths come from a fresh probe of each database."""

import argparse
import ast
import re
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402
from report import write_report  # noqa: E402

LINE = re.compile(r"^\[(\d+|rate [\d.]+/s)\] (\S+) (\S+): (\{.*\})$")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("log")
    parser.add_argument("--stamp", default=datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
    args = parser.parse_args()
    runs, latency, dbs = defaultdict(list), {}, []
    settings = {}
    for line in Path(args.log).read_text().splitlines():
        match = LINE.match(line)
        if not match:
            continue
        kind, db, page, data = match.groups()
        data = ast.literal_eval(data)
        if db not in dbs:
            dbs.append(db)
        if kind.startswith("rate"):
            latency[(db, page)] = data
            settings["rate"] = data["rate"]
        else:
            runs[(db, page)].append(data)
    dbs.sort()  # perf_scale1 first: the reference for the scale ratios
    targets = {db: bench.probe(db) for db in dbs}
    defaults = {
        "workers": 5,
        "threads": 2,
        "connections": 8,
        "duration": 3,
        "repeats": 2,
    }
    settings = {**defaults, **settings, "rate_seconds": 4, "seed": "see log", "db": dbs}
    order = {db: [p["name"] for p in targets[db]["pages"]] for db in dbs}
    runs = dict(
        sorted(
            runs.items(),
            key=lambda kv: (dbs.index(kv[0][0]), order[kv[0][0]].index(kv[0][1])),
        )
    )
    results = bench.summarise(argparse.Namespace(**settings), targets, runs, latency)
    results["settings"] = settings
    results["settings"]["rebuilt_from"] = Path(args.log).name
    print(
        *write_report(results, Path(bench.ROOT / "benchmarks" / "results"), args.stamp)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
