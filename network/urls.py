from django.urls import path

from network.views import (
    action_items,
    actions,
    attendance,
    calendar,
    decisions,
    meeting_records,
    meetings,
    papers,
    plans,
    series,
    tor,
    trusts,
)

app_name = "network"

urlpatterns = [
    # member trusts
    path("trusts/", trusts.trust_list, name="trust-list"),
    path("trusts/new/", trusts.trust_create, name="trust-create"),
    path("trusts/<int:pk>/", trusts.trust_detail, name="trust-detail"),
    path("trusts/<int:pk>/edit/", trusts.trust_update, name="trust-update"),
    path("trusts/<int:pk>/contact/", trusts.trust_contact_update, name="trust-contact"),
    # meetings
    path("meetings/", meetings.meeting_list, name="meeting-list"),
    path("meetings/new/", meetings.meeting_create, name="meeting-create"),
    path(
        "meetings/record-past/",
        meetings.meeting_record_past,
        name="meeting-record-past",
    ),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_update, name="meeting-update"),
    path("meetings/<int:pk>/meeting.ics", meetings.meeting_ics, name="meeting-ics"),
    path(
        "meetings/<int:pk>/attendance/",
        meeting_records.attendance,
        name="meeting-attendance",
    ),
    path(
        "meetings/<int:pk>/attendance/add/",
        meeting_records.attendance_add,
        name="meeting-attendance-add",
    ),
    path(
        "meetings/<int:pk>/attendance/invite-leads/",
        meeting_records.invite_trust_leads,
        name="meeting-invite-leads",
    ),
    path(
        "meetings/<int:pk>/respond/<int:attendance_pk>/",
        meeting_records.respond,
        name="meeting-respond",
    ),
    path(
        "meetings/<int:pk>/agenda/new/",
        meeting_records.agenda_item_edit,
        name="agenda-create",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/edit/",
        meeting_records.agenda_item_edit,
        name="agenda-update",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/delete/",
        meeting_records.agenda_item_delete,
        name="agenda-delete",
    ),
    path(
        "meetings/<int:pk>/agenda/matters-arising/",
        meeting_records.matters_arising,
        name="meeting-matters-arising",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/action/",
        action_items.action_from_meeting,
        name="agenda-action",
    ),
    path(
        "meetings/<int:pk>/action/",
        action_items.action_from_meeting,
        name="meeting-action",
    ),
    path(
        "meetings/<int:pk>/minutes/",
        meeting_records.minutes_edit,
        name="meeting-minutes",
    ),
    path(
        "meetings/<int:pk>/minutes/approve/",
        meeting_records.minutes_approve,
        name="meeting-minutes-approve",
    ),
    path(
        "meetings/<int:pk>/minutes/comments/",
        meeting_records.minutes_comment,
        name="meeting-minutes-comment",
    ),
    path("meetings/<int:pk>/held/", meeting_records.mark_held, name="meeting-held"),
    path("meetings/<int:pk>/cancel/", meeting_records.cancel, name="meeting-cancel"),
    path(
        "meetings/<int:pk>/postpone/", meeting_records.postpone, name="meeting-postpone"
    ),
    # papers
    path("meetings/<int:pk>/papers/new/", papers.paper_upload, name="paper-upload"),
    path(
        "meetings/<int:pk>/papers/<int:paper_pk>/",
        papers.paper_download,
        name="paper-download",
    ),
    path(
        "meetings/<int:pk>/papers/<int:paper_pk>/delete/",
        papers.paper_delete,
        name="paper-delete",
    ),
    path("meetings/<int:pk>/papers.zip", papers.papers_zip, name="papers-zip"),
    # report W13
    path("attendance/", attendance.attendance_report, name="attendance-report"),
    path("attendance/export.csv", attendance.attendance_csv, name="attendance-csv"),
    # decision register
    path("decisions/", decisions.decision_list, name="decision-list"),
    path("decisions/export.csv", decisions.decision_csv, name="decision-csv"),
    # meeting series
    path("series/", series.series_list, name="series-list"),
    path("series/new/", series.series_edit, name="series-create"),
    path("series/<int:pk>/", series.series_detail, name="series-detail"),
    path("series/<int:pk>/edit/", series.series_edit, name="series-update"),
    path("series/<int:pk>/next/", series.series_next, name="series-next"),
    # calendar feed
    path("calendar/", calendar.calendar_settings, name="calendar-settings"),
    path("calendar/new-link/", calendar.calendar_rotate, name="calendar-rotate"),
    path("calendar/revoke/", calendar.calendar_revoke, name="calendar-revoke"),
    path("calendar/<segment:token>.ics", calendar.calendar_feed, name="calendar-feed"),
    # action plan
    path("actions/", actions.action_list, name="action-list"),
    path("actions/mine/", actions.my_actions, name="my-actions"),
    path("actions/print/", actions.action_print, name="action-print"),
    path("actions/export.csv", actions.action_csv, name="action-csv"),
    path("actions/new/", action_items.action_create, name="action-create"),
    path("actions/<int:pk>/", action_items.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", action_items.action_edit, name="action-update"),
    path(
        "actions/<int:pk>/progress/",
        action_items.action_progress,
        name="action-progress",
    ),
    path("plans/", plans.plan_list, name="plan-list"),
    path("plans/new/", plans.plan_edit, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan-update"),
    path(
        "plans/<int:pk>/objectives/new/", plans.objective_add, name="objective-create"
    ),
    # terms of reference
    path("terms-of-reference/", tor.tor_list, name="tor-list"),
    path("terms-of-reference/new/", tor.tor_edit, name="tor-create"),
    path("terms-of-reference/compare/", tor.tor_compare, name="tor-compare"),
    path("terms-of-reference/<int:pk>/", tor.tor_detail, name="tor-detail"),
    path("terms-of-reference/<int:pk>/edit/", tor.tor_edit, name="tor-edit"),
    path(
        "terms-of-reference/<int:pk>/new-version/",
        tor.tor_new_version,
        name="tor-new-version",
    ),
    path("terms-of-reference/<int:pk>/approve/", tor.tor_approve, name="tor-approve"),
    path(
        "terms-of-reference/<int:pk>/review/",
        tor.tor_confirm_review,
        name="tor-review",
    ),
]
