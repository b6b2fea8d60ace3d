from django.contrib import admin

from network.models import (
    ActionItem,
    ActionPlan,
    ActionUpdate,
    AgendaItem,
    Meeting,
    MeetingAttendance,
    MemberTrust,
    Milestone,
    Objective,
    TermsOfReference,
    TrustNameHistory,
)


class TrustNameHistoryInline(admin.TabularInline):
    model = TrustNameHistory
    extra = 0


@admin.register(MemberTrust)
class MemberTrustAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "ods_code", "icb", "status"]
    list_filter = ["icb", "status", "membership_type"]
    search_fields = ["name", "short_name", "ods_code"]
    inlines = [TrustNameHistoryInline]


admin.site.register(Milestone)


class AttendanceInline(admin.TabularInline):
    model = MeetingAttendance
    extra = 0
    raw_id_fields = ["user"]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting_type", "starts_at", "status", "minutes_status"]
    list_filter = ["meeting_type", "status", "minutes_status"]
    search_fields = ["title"]
    inlines = [AgendaItemInline, AttendanceInline]


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(admin.ModelAdmin):
    list_display = ["version", "status", "effective_from", "review_due"]


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "period_start", "period_end", "status"]
    inlines = [ObjectiveInline]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["ref", "plan", "owner", "due_date", "status", "rag"]
    list_filter = ["plan", "status", "rag"]
    raw_id_fields = ["owner"]


admin.site.register(ActionUpdate)
