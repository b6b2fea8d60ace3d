"""Turn a benchmark run's results into JSON and a Markdown table with ratios."""

import json
from pathlib import Path

P95_TARGET_MS = 50
PAGE_RATIO_TARGET = 0.50
SCALE_RATIO_TARGET = 0.80


def write_report(results: dict, out: Path, stamp: str) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    add_ratios(results)
    json_path = out / f"{stamp}.json"
    json_path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    md_path = out / f"{stamp}.md"
    md_path.write_text(markdown(results, stamp))
    return json_path, md_path


def add_ratios(results: dict) -> None:
    dbs = list(results["pages"])
    for db in dbs:
        pages = results["pages"][db]
        ping = pages.get("ping", {}).get("rps_median")
        auth = pages.get("auth-ping", {}).get("rps_median")
        for page in pages.values():
            page["ratio_ping"] = round(page["rps_median"] / ping, 3) if ping else None
            page["ratio_auth"] = round(page["rps_median"] / auth, 3) if auth else None
            auth_cpu = pages.get("auth-ping", {}).get("cpu_ms")
            page["cpu_ratio_auth"] = (
                round(auth_cpu / page["cpu_ms"], 3)
                if auth_cpu and page.get("cpu_ms")
                else None
            )
    if len(dbs) >= 2:  # the first database is the reference (scale 1)
        base, other = results["pages"][dbs[0]], results["pages"][dbs[-1]]
        for name, page in other.items():
            ref = base.get(name)
            if not ref:
                continue
            page["vs_" + dbs[0]] = {
                "throughput": round(page["rps_median"] / ref["rps_median"], 3)
                if ref["rps_median"]
                else None,
                "p95": round(page["p95_ms"] / ref["p95_ms"], 2)
                if ref.get("p95_ms") and page.get("p95_ms")
                else None,
                "same_queries": page["queries"] == ref["queries"],
                "cpu": round(ref["cpu_ms"] / page["cpu_ms"], 3)
                if ref.get("cpu_ms") and page.get("cpu_ms")
                else None,
            }


def markdown(results: dict, stamp: str) -> str:
    m, s = results["machine"], results["settings"]
    lines = [
        f"# Load benchmark {stamp}",
        "",
        f"{m['cores']} × {m['cpu']}; Python {m['python']}, Django {m['django']}; "
        f"load average at start {', '.join(f'{x:.1f}' for x in m['loadavg_at_start'])}.",
        f"gunicorn {s['workers']} gthread workers × 4 threads (config/gunicorn.conf.py, max_requests off); wrk -t{s['threads']} -c{s['connections']} "
        f"-d{s['duration']:g}s × {s['repeats']} rounds in random order (seed {s['seed']}); "
        f"fixed rate {s['rate']:g} req/s for {s['rate_seconds']:g} s (open loop).",
        f"{m['note']}.",
        "",
    ]
    dbs = list(results["pages"])
    for db in dbs:
        lines += [
            f"## {db}",
            "",
            "| Page | req/s (median, min–max) | × auth-ping | × ping | p50 / p95 / p99 ms "
            f"at {s['rate']:g}/s | errors | queries | app CPU ms/req | × auth-ping by CPU "
            f"| vs {dbs[0]} (req/s, by CPU, p95, queries) |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name, p in results["pages"][db].items():
            cmp_ = p.get("vs_" + dbs[0])
            vs = (
                f"{fmt(cmp_['throughput'])} / {fmt(cmp_['cpu'])} / {cmp_['p95']} / "
                f"{'same' if cmp_['same_queries'] else 'DIFFERENT'}"
                if cmp_
                else "—"
            )
            lines.append(
                f"| {name} | {p['rps_median']:.0f} ({p['rps_min']:.0f}–{p['rps_max']:.0f}) "
                f"| {fmt(p['ratio_auth'])} | {fmt(p['ratio_ping'])} "
                f"| {ms(p.get('p50_ms'))} / {ms(p.get('p95_ms'))} / {ms(p.get('p99_ms'))} "
                f"| {p['non_2xx'] + (p.get('errors') or 0)} | {p['queries']} "
                f"| {p.get('cpu_ms')} | {fmt(p.get('cpu_ratio_auth'))} | {vs} |"
            )
        lines.append("")
    lines += targets(results)
    return "\n".join(lines) + "\n"


def targets(results: dict) -> list[str]:
    dbs = list(results["pages"])
    db = dbs[-1]
    pages = {
        n: p for n, p in results["pages"][db].items() if n not in ("ping", "auth-ping")
    }
    slow = [n for n, p in pages.items() if (p["ratio_auth"] or 0) < PAGE_RATIO_TARGET]
    slow_cpu = [
        n
        for n, p in pages.items()
        if (p.get("cpu_ratio_auth") or 0) < PAGE_RATIO_TARGET
    ]
    late = [n for n, p in pages.items() if (p.get("p95_ms") or 1e9) > P95_TARGET_MS]
    lines = [
        f"## Targets ({db})",
        "",
        f"- Pages below {PAGE_RATIO_TARGET:.0%} of auth-ping (req/s): {', '.join(slow) or 'none'}",
        f"- Pages below {PAGE_RATIO_TARGET:.0%} of auth-ping (by app CPU per request): "
        f"{', '.join(slow_cpu) or 'none'}",
        f"- Pages with p95 > {P95_TARGET_MS} ms at the fixed rate: {', '.join(late) or 'none'}",
    ]
    if len(dbs) >= 2:
        key = "vs_" + dbs[0]
        shrink = [
            n
            for n, p in pages.items()
            if key in p and (p[key]["throughput"] or 0) < SCALE_RATIO_TARGET
        ]
        differ = [
            n for n, p in pages.items() if key in p and not p[key]["same_queries"]
        ]
        lines += [
            f"- Pages whose {db} throughput is < {SCALE_RATIO_TARGET:.0%} of {dbs[0]}: "
            f"{', '.join(shrink) or 'none'}",
            f"- Pages whose {db} app CPU per request is > 1.25× {dbs[0]}: "
            f"{', '.join(n for n, p in pages.items() if key in p and (p[key]['cpu'] or 0) < SCALE_RATIO_TARGET) or 'none'}",
            f"- Pages whose query count differs (PERF-01): {', '.join(differ) or 'none'}",
        ]
    return lines


def fmt(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def ms(value) -> str:
    return "> 5 s queue" if value is None else f"{value:g}"
