from django.urls import path

from standards.views import (
    adoption,
    comments,
    consultation,
    lifecycle,
    standards,
    versions,
)

app_name = "standards"

version = "<segment:code>/versions/<int:number>/"

urlpatterns = [
    path("", standards.standard_list, name="standard-list"),
    path("new/", standards.standard_create, name="standard-create"),
    path("adoption/", adoption.adoption_matrix, name="adoption-matrix"),
    path(
        "responses/<int:pk>/disposition/",
        consultation.disposition_edit,
        name="response-disposition",
    ),
    path("comments/<int:pk>/edit/", comments.comment_edit, name="comment-edit"),
    path("comments/<int:pk>/delete/", comments.comment_delete, name="comment-delete"),
    path(
        "comments/<int:pk>/disposition/",
        comments.comment_disposition,
        name="comment-disposition",
    ),
    path("<segment:code>/", standards.standard_detail, name="standard-detail"),
    path("<segment:code>/edit/", standards.standard_update, name="standard-update"),
    path("<segment:code>/compare/", versions.version_compare, name="version-compare"),
    path("<segment:code>/versions/new/", versions.version_next, name="version-next"),
    path(
        "<segment:code>/adoption/<int:trust_pk>/",
        adoption.adoption_edit,
        name="adoption-edit",
    ),
    path(version, versions.version_detail, name="version-detail"),
    path(version + "edit/", versions.version_edit, name="version-edit"),
    path(version + "history/", versions.version_history, name="version-history"),
    path(
        version + "consultation/open/",
        lifecycle.consultation_open,
        name="consultation-open",
    ),
    path(
        version + "consultation/close/",
        lifecycle.consultation_close,
        name="consultation-close",
    ),
    path(version + "approve/", lifecycle.version_approve, name="version-approve"),
    path(version + "confirm/", lifecycle.version_confirm, name="version-confirm"),
    path(version + "withdraw/", lifecycle.version_withdraw, name="version-withdraw"),
    path(version + "respond/", consultation.response_edit, name="response-edit"),
    path(version + "comments/new/", comments.comment_add, name="comment-add"),
    path(version + "responses/", consultation.response_list, name="response-list"),
    path(
        version + "you-said-we-did/",
        consultation.disposition_log,
        name="disposition-log",
    ),
]
