"""Turn a benchmark run's results into JSON and a Markdown table with ratios."""

import json
from pathlib import Path

from pages import ROW_REFERENCES

P95_TARGET_MS = 50
P95_TARGET_RATE = 50  # the p95 target holds at this many requests a second
CPU_X_AUTH_TARGET = 3.0  # a page's CPU per request, at most 3× auth-ping's
ROW_RATIO_TARGET = 0.5  # CPU per rendered row, at most half the admin's
SCALE_RATIO_TARGET = 0.80
BASELINES = ("ping", "auth-ping")


def write_report(results: dict, out: Path, stamp: str) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    add_ratios(results)
    add_targets(results)
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
            # How many auth-pings of CPU the page costs (the target is ≤ 3).
            page["cpu_x_auth"] = (
                round(page["cpu_ms"] / auth_cpu, 2)
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
            f"at {s['rate']:g}/s | errors | queries | rows | app CPU ms/req | CPU × auth-ping "
            f"| vs {dbs[0]} (req/s, by CPU, p95, queries) |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
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
                f"| {p.get('rows') or '—'} | {p.get('cpu_ms')} | {fmt(p.get('cpu_x_auth'))} "
                f"| {vs} |"
            )
        lines.append("")
    lines += targets(results)
    return "\n".join(lines) + "\n"


def add_targets(results: dict) -> None:
    """Each page against the targets, and CPU per rendered row against the
    admin's, all from this run's figures (results["targets"][db])."""
    rate = results["settings"]["rate"]
    results["targets"] = {}
    for db, pages in results["pages"].items():
        auth = pages.get("auth-ping", {}).get("cpu_ms")
        per_page = {}
        for name, p in pages.items():
            if name in BASELINES:
                continue
            x_auth = p.get("cpu_x_auth")
            p95 = p.get("p95_ms")  # None: requests queued past the 5 s limit
            per_page[name] = {
                "cpu_ms": p.get("cpu_ms"),
                "cpu_x_auth": x_auth,
                "p95_ms": p95,
                "cpu_met": x_auth is not None and x_auth <= CPU_X_AUTH_TARGET,
                "p95_met": p95 is not None and p95 <= P95_TARGET_MS,
                "reference": p.get("reference", False),
            }
        results["targets"][db] = {
            "rate": rate,
            "pages": per_page,
            "rows": per_row(pages, auth),
        }


def per_row(pages: dict, auth_cpu) -> list[dict]:
    """(page CPU per request − auth-ping's) / rows rendered, ours and the admin's."""

    def cost(name):
        p = pages.get(name) or {}
        if not (auth_cpu and p.get("cpu_ms") and p.get("rows")):
            return None
        return round((p["cpu_ms"] - auth_cpu) / p["rows"], 3)

    rows = []
    for ours, admin in ROW_REFERENCES.items():
        if ours not in pages or admin not in pages:
            continue  # the run left one of the pair out (--only)
        a, b = cost(ours), cost(admin)
        ratio = round(a / b, 2) if a is not None and b else None
        rows.append(
            {
                "page": ours,
                "reference": admin,
                "rows": (pages.get(ours) or {}).get("rows"),
                "reference_rows": (pages.get(admin) or {}).get("rows"),
                "cpu_ms_per_row": a,
                "reference_cpu_ms_per_row": b,
                "ratio": ratio,
                "met": ratio is not None and ratio <= ROW_RATIO_TARGET,
            }
        )
    return rows


def targets(results: dict) -> list[str]:
    lines = []
    for db, t in results["targets"].items():
        rate = t["rate"]
        lines += [
            f"## Targets ({db})",
            "",
            f"Server CPU per request at most {CPU_X_AUTH_TARGET:g}× auth-ping's "
            f"({ms_or_dash(results['pages'][db].get('auth-ping', {}).get('cpu_ms'))} ms "
            f"in this run); p95 at most {P95_TARGET_MS} ms at {P95_TARGET_RATE} req/s"
            + (
                f" (this run's fixed rate was {rate:g} req/s)"
                if rate != P95_TARGET_RATE
                else ""
            )
            + ". Admin pages are yardsticks for the per-row table, not held to targets.",
            "",
            f"| Page | CPU ms/req | × auth-ping (≤ {CPU_X_AUTH_TARGET:g}) "
            f"| p95 ms at {rate:g}/s (≤ {P95_TARGET_MS}) | Result |",
            "|---|---|---|---|---|",
        ]
        for name, p in t["pages"].items():
            lines.append(
                f"| {name} | {ms_or_dash(p['cpu_ms'])} | {fmt(p['cpu_x_auth'])} "
                f"| {ms(p['p95_ms'])} | {verdict(p)} |"
            )
        held = [p for p in t["pages"].values() if not p["reference"]]
        met = sum(p["cpu_met"] and p["p95_met"] for p in held)
        lines += ["", f"{met} of {len(held)} pages meet both targets.", ""]
        lines += row_table(db, t["rows"])
    lines += scale_notes(results)
    return lines


def verdict(p: dict) -> str:
    if p["reference"]:
        return "reference"
    missed = [
        label
        for label, met in (("CPU", p["cpu_met"]), ("p95", p["p95_met"]))
        if not met
    ]
    return "pass" if not missed else "miss: " + ", ".join(missed)


def row_table(db: str, rows: list[dict]) -> list[str]:
    if not rows:
        return []
    lines = [
        f"### CPU per rendered row ({db})",
        "",
        "(page CPU ms per request − auth-ping's) ÷ rows in the page's table, "
        "ours against the Django admin changelist of the same table, this run.",
        "",
        "| Page | rows | CPU ms/row | Admin changelist | rows | CPU ms/row "
        f"| ours ÷ admin (≤ {ROW_RATIO_TARGET:g}) | Result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['rows'] or '—'} | {ms_or_dash(r['cpu_ms_per_row'])} "
            f"| {r['reference']} | {r['reference_rows'] or '—'} "
            f"| {ms_or_dash(r['reference_cpu_ms_per_row'])} | {fmt(r['ratio'])} "
            f"| {'pass' if r['met'] else 'miss' if r['ratio'] is not None else '—'} |"
        )
    return lines + [""]


def scale_notes(results: dict) -> list[str]:
    """Scale 1 against scale 10, when the run measured both."""
    dbs = list(results["pages"])
    if len(dbs) < 2:
        return []
    db, key = dbs[-1], "vs_" + dbs[0]
    pages = {n: p for n, p in results["pages"][db].items() if n not in BASELINES}
    shrink = [
        n
        for n, p in pages.items()
        if key in p and (p[key]["throughput"] or 0) < SCALE_RATIO_TARGET
    ]
    dearer = [
        n
        for n, p in pages.items()
        if key in p and (p[key]["cpu"] or 0) < SCALE_RATIO_TARGET
    ]
    differ = [n for n, p in pages.items() if key in p and not p[key]["same_queries"]]
    return [
        f"## {db} against {dbs[0]}",
        "",
        f"- Pages whose {db} throughput is < {SCALE_RATIO_TARGET:.0%} of {dbs[0]}: "
        f"{', '.join(shrink) or 'none'}",
        f"- Pages whose {db} app CPU per request is > 1.25× {dbs[0]}: "
        f"{', '.join(dearer) or 'none'}",
        f"- Pages whose query count differs (PERF-01): {', '.join(differ) or 'none'}",
        "",
    ]


def fmt(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def ms(value) -> str:
    return "> 5 s queue" if value is None else f"{value:g}"


def ms_or_dash(value) -> str:
    return "—" if value is None else f"{value:g}"
