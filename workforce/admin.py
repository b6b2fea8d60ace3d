from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from workforce.models import (
    ImplementationChecklistItem,
    Post,
    PostStatusChange,
    TrustChecklistStatus,
    WorkforceReturn,
)


class PostStatusChangeInline(admin.TabularInline):
    model = PostStatusChange
    extra = 0
    readonly_fields = [
        "from_status",
        "to_status",
        "effective_date",
        "valid_until",
        "changed_by",
        "note",
    ]
    can_delete = False


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["job_title", "local_ref", "trust", "band", "wte", "status"]
    list_filter = ["trust", "status", "band", "setting"]
    search_fields = ["job_title", "local_ref"]
    # Status moves only through the service, so reports stay consistent.
    readonly_fields = ["status", "status_effective_date"]
    inlines = [PostStatusChangeInline]


@admin.register(ImplementationChecklistItem)
class ImplementationChecklistItemAdmin(SimpleHistoryAdmin):
    list_display = ["code", "phase", "title", "order"]


@admin.register(TrustChecklistStatus)
class TrustChecklistStatusAdmin(SimpleHistoryAdmin):
    list_display = ["trust", "item", "status", "updated_at"]
    list_filter = ["trust", "status"]


@admin.register(WorkforceReturn)
class WorkforceReturnAdmin(admin.ModelAdmin):
    list_display = ["trust", "period", "status", "due_date"]
    list_filter = ["status", "period"]
