from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.forms import AdminLoginForm
from accounts.models import ApiToken, User

admin.site.login_form = AdminLoginForm


@admin.register(User)
class FartgenUserAdmin(UserAdmin):
    list_display = ("username", "email", "email_verified", "is_staff", "date_joined")
    list_filter = (*UserAdmin.list_filter, "email_verified")
    search_fields = ("username", "email")
    fieldsets = (*UserAdmin.fieldsets, ("Verification", {"fields": ("email_verified",)}))
    # The email address is unique and required, so a new user needs one from the start.
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "usable_password", "password1", "password2")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "hint", "created_at", "last_used_at", "expires_at")
    readonly_fields = ("token_hash", "hint", "created_at", "last_used_at")
    search_fields = ("name", "user__username")
