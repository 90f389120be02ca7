from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from library.models import Collection, CollectionItem, Favorite


@admin.register(Favorite)
class FavoriteAdmin(admin.ModelAdmin):
    list_display = ("user", "sound", "created_at")
    raw_id_fields = ("user", "sound")


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    raw_id_fields = ("sound",)
    extra = 0


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    """Moderation: a public collection with an offensive name can be made private, renamed or deleted here."""

    list_display = ("name", "owner", "visibility", "updated_at")
    list_filter = ("visibility", "deleted_at")
    search_fields = ("name", "owner__username")
    raw_id_fields = ("owner",)
    inlines = [CollectionItemInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Collection]:
        return Collection.all_objects.all()
