from allauth.mfa.admin import AuthenticatorAdmin as BaseAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts import services
from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "trust", "is_active", "is_staff"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "role", "trust", "employer_trust"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "fields": [
                    "email",
                    "full_name",
                    "role",
                    "trust",
                    "password1",
                    "password2",
                ]
            },
        )
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            services.access_changed(user=obj, fields=form.changed_data, request=request)


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(BaseAuthenticatorAdmin):
    """An administrator removing someone's authenticator also ends their tokens."""

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.authenticator_removed(user=obj.user, request=request)

    def delete_queryset(self, request, queryset):
        users = {a.user for a in queryset.select_related("user")}
        super().delete_queryset(request, queryset)
        for user in users:
            services.authenticator_removed(user=user, request=request)
