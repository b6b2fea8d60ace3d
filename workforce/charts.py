"""Server-rendered SVG charts from report tables: no chart library, no script.

Each chart gets a labelled scale (ticks at round numbers from 0), named axes
and a one-sentence summary; the page shows the table with every figure beside
it. The numbers are read from the table's cells, so a chart always shows
exactly what the table shows to that viewer (rounded for the public).
"""

import math
from decimal import Decimal, InvalidOperation

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 48
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
BAR_ROW = 26  # height of one row in a horizontal bar chart
LABELS = 250  # room for a horizontal bar chart's row labels, never cut short


def _number(cell) -> float | None:
    try:
        return float(Decimal(str(cell).rstrip("%")))
    except (InvalidOperation, ValueError):
        return None


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 that reach at least `top`."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks, value = [0.0], 0.0
    while value < top:
        value += step
        ticks.append(round(value, 6))
    return ticks


def _fmt(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return f"{text}%" if unit == "%" else text


def column_chart(table, column: str, *, title: str, y_label: str, unit: str = ""):
    """Vertical columns, one per table row (e.g. quarter ends), for one column."""
    at = table.headers.index(column)
    points = [(row[0], _number(row[at])) for row in table.rows]
    values = [v for _, v in points if v is not None]
    if not values or not max(values):
        return None
    ticks = nice_ticks(max(values))
    scale = PLOT_H / ticks[-1]
    step = PLOT_W / len(points)
    bars = []
    for i, (label, value) in enumerate(points):
        height = (value or 0) * scale
        bars.append(
            {
                "label": label,
                "value": "no figure" if value is None else _fmt(value, unit),
                "x": round(LEFT + i * step + step * 0.1, 1),
                "width": round(max(step * 0.8, 1), 1),
                "y": round(TOP + PLOT_H - height, 1),
                "height": round(height, 1),
                "tick": i == 0 or label.startswith("Mar"),
                "text_x": round(LEFT + i * step + step / 2, 1),
            }
        )
    return {
        "kind": "column",
        "slug": table.slug,
        "title": title,
        "x_label": table.headers[0],
        "y_label": y_label,
        "bars": bars,
        "ticks": _ticks(ticks, scale, unit),
        "summary": _summary(points, y_label, unit),
        **_frame(HEIGHT),
    }


def bar_chart(table, column: str, *, title: str, x_label: str, unit: str = ""):
    """Horizontal bars, one per table row (e.g. settings), for one column."""
    at = table.headers.index(column)
    points = [(row[0], _number(row[at]) or 0.0) for row in table.rows]
    if not points or not max(v for _, v in points):
        return None
    ticks = nice_ticks(max(v for _, v in points))
    plot_w = WIDTH - LABELS - RIGHT
    scale = plot_w / ticks[-1]
    height = TOP + BAR_ROW * len(points) + BOTTOM
    bars = [
        {
            "label": label,
            "value": _fmt(value, unit),
            "x": LABELS,
            "y": TOP + i * BAR_ROW + 4,
            "width": round(value * scale, 1),
            "height": BAR_ROW - 8,
            "text_y": TOP + i * BAR_ROW + BAR_ROW / 2 + 4,
        }
        for i, (label, value) in enumerate(points)
    ]
    ordered = sorted(points, key=lambda p: -p[1])
    return {
        "kind": "bar",
        "slug": table.slug,
        "title": title,
        "x_label": x_label,
        "bars": bars,
        "ticks": [
            {"x": round(LABELS + t * scale, 1), "label": _fmt(t, unit)} for t in ticks
        ],
        "summary": f"The largest is {ordered[0][0]} with {_fmt(ordered[0][1], unit)}"
        f" {x_label[0].lower()}{x_label[1:]}; the chart shows {len(points)} in all.",
        **_frame(height),
        "plot_left": LABELS,
        "middle_x": (LABELS + WIDTH - RIGHT) / 2,
    }


def _ticks(ticks, scale, unit) -> list[dict]:
    return [
        {"y": round(TOP + PLOT_H - t * scale, 1), "label": _fmt(t, unit)} for t in ticks
    ]


def _frame(height) -> dict:
    return {
        "width": WIDTH,
        "height": height,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": height - BOTTOM,
        "label_y": height - BOTTOM + 18,
        "title_y": height - 8,
        "middle_x": LEFT + PLOT_W / 2,
        "middle_y": TOP + PLOT_H / 2,
    }


def _summary(points, y_label: str, unit: str) -> str:
    known = [(label, v) for label, v in points if v is not None]
    (first, a), (last, b) = known[0], known[-1]
    peak = max(known, key=lambda p: p[1])
    if a == b:
        change = f"{y_label} was {_fmt(a, unit)} in {first} and in {last}"
    else:
        trend = "rose" if b > a else "fell"
        change = (
            f"{y_label} {trend} from {_fmt(a, unit)} in {first} to "
            f"{_fmt(b, unit)} in {last}"
        )
    return f"{change}; the highest was {_fmt(peak[1], unit)} in {peak[0]}."


def attach(tables) -> None:
    """Give the tables that have a chart their chart (growth, filled WTE by
    setting, vacancy-rate trend)."""
    makers = {
        "growth": lambda t: column_chart(
            t,
            "All trusts filled WTE",
            title="Column chart: filled WTE at each quarter end",
            y_label="Filled WTE",
        ),
        "by-setting": lambda t: bar_chart(
            t,
            "Filled WTE",
            title="Bar chart: filled WTE by setting",
            x_label="Filled WTE",
        ),
        "vacancy-trend": lambda t: column_chart(
            t,
            "Vacancy rate",
            title="Column chart: vacancy rate at each quarter end",
            y_label="Vacancy rate",
            unit="%",
        ),
    }
    for table in tables:
        if table.slug in makers:
            table.chart = makers[table.slug](table)
