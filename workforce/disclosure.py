"""Disclosure control: the one rule for every workforce figure published to
people who may not see exact numbers (the public dashboard and its CSVs, the
home page, the open-data API and the board pack).

Anyone in a peer support post has lived experience of mental ill-health, so a
count of one or two posts in a setting can point at a person.

The rule: every count and every WTE is rounded to the nearest 5 (0–2 → 0,
3–7 → 5, 8–12 → 10 …), each from its own true value, totals included; shares
and rates are worked out from the rounded figures, never from the true ones.

Why rounding and not hiding cells under 5: hiding one cell is undone by
subtracting the visible cells from a total, a coarser breakdown or another
filter (9 − 6 = 3), and secondary suppression would have to hide cells
consistently across every breakdown and filter combination a visitor can ask
for. With rounding, every published number is a multiple of 5, so any sum or
difference of published numbers is a multiple of 5 too and can never be a
count from 1 to 4. As a consequence a row's cells may not add up exactly to
its published total.
"""

from decimal import ROUND_HALF_UP, Decimal

BASE = 5
NOTE = (
    "To protect people's privacy, every number of posts and WTE is rounded to "
    "the nearest 5 (so 0 can mean 1 or 2), and percentages are worked out from "
    "the rounded numbers. Totals are rounded separately, so they may not equal "
    "the sum of the rows."
)


def publish_count(n) -> int:
    """A count of posts as published: the nearest multiple of 5."""
    return int(publish_wte(n or 0))


def publish_wte(value) -> Decimal:
    """A WTE (or any total) as published: the nearest multiple of 5."""
    steps = (Decimal(value or 0) / BASE).quantize(Decimal("1"), ROUND_HALF_UP)
    return steps * BASE


def percent(part, whole, places: str = "0.1") -> Decimal | None:
    """part ÷ whole as a percentage, or None when there is no whole."""
    part, whole = Decimal(part or 0), Decimal(whole or 0)
    if not whole:
        return None
    return (part / whole * 100).quantize(Decimal(places))


class Formatter:
    """Turns figures into table cells: exact for people who may see them,
    rounded by this module's rule for everyone else."""

    def __init__(self, exact: bool):
        self.exact = exact

    def count(self, n) -> str:
        return str(n or 0) if self.exact else str(publish_count(n))

    def count_value(self, n) -> int:
        return (n or 0) if self.exact else publish_count(n)

    def wte_value(self, wte) -> Decimal:
        return Decimal(wte or 0) if self.exact else publish_wte(wte)

    def wte(self, wte) -> str:
        value = self.wte_value(wte)
        return f"{value:.2f}" if self.exact else f"{value:.0f}"

    def share(self, part, whole, places: str = "0.1") -> str:
        """A percentage from the figures as shown (rounded for the public)."""
        value = percent(self.count_value(part), self.count_value(whole), places)
        return "–" if value is None else f"{value}%"

    def wte_share(self, part, whole) -> Decimal | None:
        return percent(self.wte_value(part), self.wte_value(whole))
