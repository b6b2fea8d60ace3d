from django.contrib import admin

from standards.models import (
    CompetenceDomain,
    ConsultationResponse,
    Standard,
    StandardAdoption,
    StandardVersion,
)


@admin.register(CompetenceDomain)
class CompetenceDomainAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "source_tag"]


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "area", "owner"]
    search_fields = ["code", "title"]


@admin.register(StandardVersion)
class StandardVersionAdmin(admin.ModelAdmin):
    list_display = ["standard", "number", "status", "approved_on", "review_date"]
    list_filter = ["status"]
    # Status changes go through the app's services, which keep the rules.
    readonly_fields = ["status", "revision", "superseded_by"]


@admin.register(ConsultationResponse)
class ConsultationResponseAdmin(admin.ModelAdmin):
    list_display = ["version", "trust", "respondent_type", "position", "disposition"]


@admin.register(StandardAdoption)
class StandardAdoptionAdmin(admin.ModelAdmin):
    list_display = ["standard", "trust", "status", "effective_date"]
    list_filter = ["status", "trust"]
