"""The decision register page and its CSV."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from core.csvexport import EXPORT_CHUNK_SIZE, csv_response
from network.decisions import decision_register, outcome

HEADER = [
    "Meeting date",
    "Meeting",
    "Series",
    "Agenda item",
    "Decision",
    "Action",
    "Action status",
    "Outcome",
]


def decision_list(request):
    register = decision_register(request.user, request.GET)
    page = Paginator(register.decisions, 25).get_page(request.GET.get("page"))
    for item in page.object_list:
        for action in item.actions_arising.all():
            action.outcome = outcome(action)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/decision_list.html",
        {
            "filter": register.filter,
            "form": register.filter.form,
            "page": page,
            "show_actions": register.show_actions,
            "query": query.urlencode(),
        },
    )


def decision_csv(request):
    register = decision_register(request.user, request.GET)
    return csv_response(
        f"decisions-{timezone.localdate():%Y-%m-%d}.csv",
        HEADER,
        _rows(
            register.decisions.iterator(chunk_size=EXPORT_CHUNK_SIZE),
            register.show_actions,
        ),
    )


def _rows(decisions, show_actions: bool):
    for item in decisions:
        meeting = item.meeting
        common = [
            f"{timezone.localtime(meeting.starts_at):%Y-%m-%d}",
            meeting.title,
            meeting.series.title if meeting.series_id else "",
            item.title,
            item.minutes,
        ]
        actions = list(item.actions_arising.all()) if show_actions else []
        if not actions:
            yield [*common, "", "", ""]
        for action in actions:
            yield [
                *common,
                f"{action.ref} {action.action}",
                action.get_status_display(),
                outcome(action),
            ]
