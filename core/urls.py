from django.conf import settings
from django.urls import path

from core.views import chase, notifications, pages, perf

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("dashboard/", pages.dashboard, name="dashboard"),
    path("dashboard/needs/<slug:key>/", pages.needs, name="needs"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("about/", pages.about, name="about"),
    path("about-peer-support/", pages.about_peer_support, name="about-peer-support"),
    path("privacy/", pages.privacy, name="privacy"),
    path("cookies/", pages.cookies, name="cookies"),
    path("healthz", pages.healthz, name="healthz"),
    path("livez", pages.livez, name="livez"),
    path("metrics", pages.metrics, name="metrics"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/retry/",
        notifications.notification_retry,
        name="notification-retry",
    ),
    path(
        "notifications/notify-receipts/",
        notifications.notify_receipt,
        name="notify-receipt",
    ),
    path(
        "notifications/invitation/<str:token>/",
        notifications.outbox_calendar,
        name="outbox-calendar",
    ),
    path(
        "notifications/attachment/<str:token>/",
        notifications.outbox_attachment,
        name="outbox-attachment",
    ),
    path("notifications/lead-times/", notifications.lead_times, name="lead-times"),
    path(
        "notifications/mine/", notifications.my_notifications, name="my-notifications"
    ),
    path(
        "notifications/unsubscribe/<str:token>/",
        notifications.unsubscribe,
        name="unsubscribe",
    ),
    path("favicon.ico", pages.favicon, name="favicon"),
    path(
        "chase/meeting/<int:key>/",
        chase.chase,
        {"kind": "meeting"},
        name="chase-meeting",
    ),
    path(
        "chase/consultation/<int:key>/",
        chase.chase,
        {"kind": "consultation"},
        name="chase-consultation",
    ),
    path(
        "chase/returns/<str:key>/",
        chase.chase,
        {"kind": "returns"},
        name="chase-returns",
    ),
]

# Load-benchmark baselines; never routed unless the perf setting is on.
if settings.PERF_ENDPOINTS:
    urlpatterns += [
        path("_perf/ping", perf.ping, name="perf-ping"),
        path("_perf/auth-ping", perf.auth_ping, name="perf-auth-ping"),
    ]
