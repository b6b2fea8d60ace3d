from django.urls import path

from training.views import bookings, catalogue, manage, report

app_name = "training"

urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("<int:pk>/", catalogue.opportunity_detail, name="opportunity-detail"),
    path("<int:pk>/calendar.ics", catalogue.opportunity_ics, name="opportunity-ics"),
    # A person's own bookings and interest
    path("<int:pk>/book/", bookings.booking_create, name="booking-create"),
    path("<int:pk>/interest/", bookings.interest_create, name="interest-create"),
    path("my/", bookings.my_training, name="my-training"),
    path("interest/", bookings.category_interest_create, name="interest-category"),
    path(
        "interest/<int:pk>/withdraw/",
        bookings.interest_withdraw,
        name="interest-withdraw",
    ),
    path("interest/<int:pk>/report/", bookings.interest_report, name="interest-report"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking-cancel"),
    path("bookings/<int:pk>/accept/", bookings.booking_accept, name="booking-accept"),
    path(
        "bookings/<int:pk>/decline/", bookings.booking_decline, name="booking-decline"
    ),
    # Coordinators and trust leads
    path("manage/", manage.manage, name="manage"),
    path("report/", report.report, name="report"),
    path("report.csv", report.report_csv, name="report-csv"),
    path("new/", manage.opportunity_create, name="opportunity-create"),
    path("<int:pk>/edit/", manage.opportunity_update, name="opportunity-update"),
    path("<int:pk>/sessions/new/", manage.session_create, name="session-create"),
    path(
        "<int:pk>/sessions/<int:session_pk>/",
        manage.session_update,
        name="session-update",
    ),
    path(
        "<int:pk>/sessions/<int:session_pk>/delete/",
        manage.session_delete,
        name="session-delete",
    ),
    *[
        path(
            f"<int:pk>/{action}/",
            manage.opportunity_transition,
            {"action": action},
            name=f"opportunity-{action}",
        )
        for action in ("submit", "approve", "reject", "publish")
    ],
    path("<int:pk>/cancel/", manage.opportunity_cancel, name="opportunity-cancel"),
    path("<int:pk>/attendees/", manage.attendee_list, name="attendee-list"),
    path("<int:pk>/attendees.csv", manage.attendee_csv, name="attendee-csv"),
    path(
        "bookings/<int:pk>/attendance/",
        manage.booking_attendance,
        name="booking-attendance",
    ),
]
