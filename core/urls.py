from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    path("notifications/", views.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/retry/",
        views.notification_retry,
        name="notification-retry",
    ),
    path("favicon.ico", views.favicon, name="favicon"),
]
