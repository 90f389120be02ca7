from __future__ import annotations

from django.contrib import admin

from library.models import Favorite


@admin.register(Favorite)
class FavoriteAdmin(admin.ModelAdmin):
    list_display = ("user", "sound", "created_at")
    raw_id_fields = ("user", "sound")
