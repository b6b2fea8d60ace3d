"""Chase pages: who has not answered, when each was last chased, one button."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from core.roles import require_coordinator
from home import chase as chases


def _names(people) -> str:
    names = [p.get_full_name() for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@login_required
def chase(request, kind: str, key):
    """GET: the preview. POST: email only those still outstanding."""
    require_coordinator(request.user)
    chase_kind = chases.KINDS[kind]
    parent = chase_kind.load(key)
    is_open = chase_kind.is_open(parent, timezone.localdate())
    if request.method == "POST":
        return _send(request, chase_kind, parent, is_open)
    rows = chases.preview(chase_kind, parent) if is_open else []
    context = {
        "kind": chase_kind,
        "about": chase_kind.title(parent),
        "back": chase_kind.back(parent),
        "is_open": is_open,
        "rows": rows,
        "can_send": any(not row["too_soon"] for row in rows),
        "breadcrumbs": [
            {
                "label": chase_kind.title(parent)[:1].upper()
                + chase_kind.title(parent)[1:],
                "url": chase_kind.back(parent),
            }
        ],
    }
    return render(request, "home/chase.html", context)


def _send(request, chase_kind, parent, is_open):
    if not is_open:
        messages.error(request, f"{chase_kind.closed}, so nobody was chased")
        return redirect(request.path)
    result = chases.chase_send(kind=chase_kind, parent=parent, actor=request.user)
    if result.sent:
        messages.success(
            request,
            f"Reminder sent to {len(result.sent)} "
            f"{'person' if len(result.sent) == 1 else 'people'}: {_names(result.sent)}",
        )
    if result.too_soon:
        was = "was" if len(result.too_soon) == 1 else "were"
        messages.error(
            request,
            f"{_names(result.too_soon)} {was} chased less than 24 hours ago. "
            "You can chase again 24 hours after the last reminder.",
        )
    if not result.sent and not result.too_soon:
        messages.error(request, "Everyone has answered, so nobody was chased")
    return redirect(request.path)
