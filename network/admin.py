from django.contrib import admin

from network.models import MemberTrust, Milestone, TrustNameHistory


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
