"""Included with home's patterns under the one `core:` namespace (config/urls.py)."""

from django.conf import settings
from django.urls import path

from core.views import notifications, perf, system

urlpatterns = [
    path("healthz", system.healthz, name="healthz"),
    path("livez", system.livez, name="livez"),
    path("metrics", system.metrics, name="metrics"),
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
        "notifications/invitation/<segment:token>/",
        notifications.outbox_calendar,
        name="outbox-calendar",
    ),
    path(
        "notifications/attachment/<segment:token>/",
        notifications.outbox_attachment,
        name="outbox-attachment",
    ),
    path("notifications/lead-times/", notifications.lead_times, name="lead-times"),
    path(
        "notifications/mine/", notifications.my_notifications, name="my-notifications"
    ),
    path(
        "notifications/unsubscribe/<segment:token>/",
        notifications.unsubscribe,
        name="unsubscribe",
    ),
    path("favicon.ico", system.favicon, name="favicon"),
]

# Load-benchmark baselines; never routed unless the perf setting is on.
if settings.PERF_ENDPOINTS:
    urlpatterns += [
        path("_perf/ping", perf.ping, name="perf-ping"),
        path("_perf/auth-ping", perf.auth_ping, name="perf-auth-ping"),
    ]
