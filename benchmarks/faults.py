#!/usr/bin/env python
"""Fault-injection runs against real processes on 127.0.0.1 (REL-nn in benchmarks/README.md).

Private parts, so nobody else's tests are touched: PostgreSQL database
`perf_faults`, a Redis on port 6390, an SMTP sink in this process, a Celery
worker on its own queue and gunicorn on port 8710. Each scenario prints
PASS/FAIL with its invariant. REL-07 restarts the shared PostgreSQL server and
only runs with --pg-restart.

    benchmarks/faults                      # all but REL-07
    benchmarks/faults --quick              # the CI set, shorter loads (< 4 min)
    benchmarks/faults --only REL-13,REL-10   # REL-10 means REL-10a and REL-10b
    benchmarks/faults --pg-restart --only REL-07
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from faultparts import Stack  # noqa: E402
from faultscenarios import SCENARIOS  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="")
    parser.add_argument("--pg-restart", action="store_true")
    parser.add_argument("--keep-db", action="store_true", help="reuse perf_faults")
    parser.add_argument(
        "--quick", action="store_true", help="the CI set with shorter loads"
    )
    parser.add_argument(
        "--pg-down",
        type=int,
        default=120,
        metavar="SECONDS",
        help="how long REL-09 keeps PostgreSQL down (default 120, as specified)",
    )
    args = parser.parse_args()
    wanted = args.only.split(",") if args.only else []
    chosen = [
        s
        for s in SCENARIOS
        if (not wanted or s.id in wanted or s.id.rstrip("ab") in wanted)
        and (s.quick or not args.quick or wanted)
    ]
    if not args.pg_restart:
        chosen = [s for s in chosen if s.id != "REL-07"]
    stack = Stack(keep_db=args.keep_db)
    stack.quick = args.quick
    stack.pg_down_seconds = args.pg_down
    run_started = time.monotonic()
    results = []
    try:
        stack.start()
        for scenario in chosen:
            started = time.monotonic()
            try:
                passed, detail = scenario.run(stack)
            except Exception as exc:  # a crashed scenario is a failed one
                passed, detail = False, f"crashed: {exc!r}"
            verdict = "PASS" if passed else "FAIL"
            seconds = time.monotonic() - started
            print(f"{verdict} {scenario.id} {scenario.title} ({seconds:.0f} s)")
            print(f"     invariant: {scenario.invariant}")
            print(f"     observed:  {detail}", flush=True)
            results.append(
                {
                    "id": scenario.id,
                    "passed": passed,
                    "detail": detail,
                    "seconds": seconds,
                }
            )
    finally:
        stack.stop()
    mode = "quick" if args.quick else "full"
    print(f"{mode} run: {time.monotonic() - run_started:.0f} s in all", flush=True)
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    (out / f"faults-{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0 if all(r["passed"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
