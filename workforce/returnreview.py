"""What a trust lead checks before submitting a quarterly return: the posts and
WTE by status as at the quarter end, and every change since the trust's last
confirmed return (posts added or ended, status moves, WTE changes)."""

from dataclasses import dataclass
from decimal import Decimal

from workforce.models import Post, WorkforceReturn

ENDED = Post.Status.CLOSED


@dataclass(frozen=True)
class Change:
    what: str  # "Added", "Ended", "Status changed", "WTE changed"
    local_ref: str
    job_title: str
    before: str = ""
    after: str = ""


def _label(status: str) -> str:
    return Post.Status(status).label if status in Post.Status.values else status


def by_status(posts: list[dict]) -> list[dict]:
    """One row per status in the register's order: how many posts, total WTE."""
    rows = {
        s: {"status": label, "posts": 0, "wte": Decimal(0)}
        for s, label in Post.Status.choices
    }
    for post in posts:
        row = rows[post["status"]]
        row["posts"] += 1
        row["wte"] += Decimal(post["wte"])
    return [row for row in rows.values() if row["posts"]]


def last_confirmed(ret: WorkforceReturn) -> WorkforceReturn | None:
    return (
        WorkforceReturn.objects.filter(
            trust_id=ret.trust_id,
            status=WorkforceReturn.Status.CONFIRMED,
            snapshot_date__lt=ret.snapshot_date,
        )
        .order_by("-snapshot_date")
        .first()
    )


def changes_since(before: list[dict], now: list[dict]) -> list[Change]:
    old = {p["id"]: p for p in before}
    changes = []
    for post in now:
        ref, title = post["local_ref"], post["job_title"]
        previous = old.pop(post["id"], None)
        if previous is None:
            changes.append(Change("Added", ref, title, after=_label(post["status"])))
            continue
        if previous["status"] != post["status"]:
            what = "Ended" if post["status"] == ENDED else "Status changed"
            changes.append(
                Change(
                    what, ref, title, _label(previous["status"]), _label(post["status"])
                )
            )
        if Decimal(previous["wte"]) != Decimal(post["wte"]):
            changes.append(
                Change("WTE changed", ref, title, previous["wte"], post["wte"])
            )
    for gone in old.values():
        changes.append(
            Change(
                "Ended",
                gone["local_ref"],
                gone["job_title"],
                _label(gone["status"]),
                "No longer on the register",
            )
        )
    return changes


def review(ret: WorkforceReturn) -> dict:
    """The summary shown before submitting: as things stand now for the quarter."""
    from workforce.services import return_snapshot

    posts = return_snapshot(ret.trust, ret.snapshot_date)["posts"]
    previous = last_confirmed(ret)
    before = previous.snapshot_json.get("posts", []) if previous else []
    return {
        "by_status": by_status(posts),
        "total_posts": len(posts),
        "total_wte": sum((Decimal(p["wte"]) for p in posts), Decimal(0)),
        "previous": previous,
        "changes": changes_since(before, posts) if previous else [],
    }
