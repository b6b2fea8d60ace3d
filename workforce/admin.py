from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from workforce.models import (
    ImplementationChecklistItem,
    Post,
    PostStatusChange,
    TrustChecklistStatus,
    WorkforceReturn,
)


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's history page looks the object up without
    checking that the id is one, so /admin/workforce/post/abc/history/ was a
    500. Django's own get_object refuses an id of the wrong type: a 404."""

    def history_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)


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
class PostAdmin(HistoryAdmin):
    list_display = ["job_title", "local_ref", "trust", "band", "wte", "status"]
    list_filter = ["trust", "status", "band", "setting"]
    search_fields = ["job_title", "local_ref"]
    # Status moves only through the service, so reports stay consistent.
    readonly_fields = ["status", "status_effective_date"]
    inlines = [PostStatusChangeInline]


@admin.register(ImplementationChecklistItem)
class ImplementationChecklistItemAdmin(HistoryAdmin):
    list_display = ["code", "phase", "title", "order"]


@admin.register(TrustChecklistStatus)
class TrustChecklistStatusAdmin(HistoryAdmin):
    list_display = ["trust", "item", "status", "updated_at"]
    list_filter = ["trust", "status"]


@admin.register(WorkforceReturn)
class WorkforceReturnAdmin(admin.ModelAdmin):
    list_display = ["trust", "period", "status", "due_date"]
    list_filter = ["status", "period"]
