from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: the audit trail is append-only everywhere."""

    list_display = (
        "at",
        "action",
        "outcome",
        "actor_label",
        "object_type",
        "object_id",
    )
    list_filter = ("action", "outcome")
    search_fields = ("actor_label", "object_repr", "request_id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
