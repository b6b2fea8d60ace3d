from django.urls import path

from workforce.views import (
    boardpack,
    dashboard,
    imports,
    posts,
    readiness,
    reports,
    returns,
)

app_name = "workforce"

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<slug:slug>.csv", dashboard.dashboard_csv, name="dashboard-csv"),
    path("dashboard/<slug:slug>.xlsx", dashboard.dashboard_xlsx, name="dashboard-xlsx"),
    path("reports/", reports.reports, name="reports"),
    path("reports/<slug:slug>.csv", reports.report_csv, name="report-csv"),
    path("reports/<slug:slug>.xlsx", reports.report_xlsx, name="report-xlsx"),
    path("posts/", posts.post_list, name="post-list"),
    path("posts/export.csv", posts.post_export, name="post-export"),
    path("posts/export.xlsx", posts.post_export_xlsx, name="post-export-xlsx"),
    path("posts/add/", posts.post_create_view, name="post-create"),
    path("posts/<int:pk>/", posts.post_detail, name="post-detail"),
    path("posts/<int:pk>/edit/", posts.post_update, name="post-update"),
    path("posts/<int:pk>/status/", posts.post_status, name="post-status"),
    path("posts/import/", imports.import_upload, name="import-upload"),
    path("posts/import/template.csv", imports.import_template, name="import-template"),
    path(
        "posts/import/template.xlsx",
        imports.import_template_xlsx,
        name="import-template-xlsx",
    ),
    path("posts/import/<int:pk>/", imports.import_preview, name="import-preview"),
    path(
        "posts/import/<int:pk>/errors.csv", imports.import_errors, name="import-errors"
    ),
    path(
        "posts/import/<int:pk>/confirm/", imports.import_confirm, name="import-confirm"
    ),
    path("readiness/", readiness.readiness_home, name="readiness-home"),
    path("readiness/<int:trust_pk>/", readiness.readiness, name="readiness"),
    path(
        "readiness/<int:trust_pk>/items/<int:item_pk>/",
        readiness.readiness_item,
        name="readiness-item",
    ),
    path(
        "readiness/items/<int:pk>/edit/",
        readiness.checklist_item_update,
        name="checklist-item-update",
    ),
    path("returns/", returns.return_list, name="return-list"),
    path("returns/board-pack.pdf", boardpack.board_pack, name="board-pack"),
    path("returns/open/", returns.return_round_open, name="return-round-open"),
    path("returns/<int:pk>/", returns.return_detail, name="return-detail"),
    path("returns/<int:pk>/reopen/", returns.return_reopen, name="return-reopen"),
    path("returns/<int:pk>/submit/", returns.return_submit, name="return-submit"),
    path("returns/<int:pk>/confirm/", returns.return_confirm, name="return-confirm"),
    path(
        "returns/<int:pk>/send-back/", returns.return_send_back, name="return-send-back"
    ),
]
