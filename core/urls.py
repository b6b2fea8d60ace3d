from django.urls import path

from core.views import notifications, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("dashboard/", pages.dashboard, name="dashboard"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("healthz", pages.healthz, name="healthz"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/retry/",
        notifications.notification_retry,
        name="notification-retry",
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
]
