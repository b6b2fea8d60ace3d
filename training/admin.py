from django.contrib import admin

from training.models import (
    TrainingBooking,
    TrainingInterest,
    TrainingOpportunity,
    TrainingProvider,
    TrainingSession,
)


@admin.register(TrainingProvider)
class TrainingProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "provider_type"]
    search_fields = ["name"]


class SessionInline(admin.TabularInline):
    model = TrainingSession
    extra = 0


@admin.register(TrainingOpportunity)
class TrainingOpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "category", "start_date", "status"]
    list_filter = ["status", "category", "delivery_mode"]
    search_fields = ["title", "provider__name"]
    inlines = [SessionInline]
    # Places change only through bookings (services), never by hand.
    readonly_fields = ["places_remaining", "status"]


@admin.register(TrainingBooking)
class TrainingBookingAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "user", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "offer_expires_at"]


@admin.register(TrainingInterest)
class TrainingInterestAdmin(admin.ModelAdmin):
    list_display = ["user", "opportunity", "category", "status"]
    list_filter = ["status", "category"]
