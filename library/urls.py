from __future__ import annotations

from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("", views.history, name="history"),
    path("sounds/<uuid:sound_id>/favorite", views.favorite, name="favorite"),
    path("sounds/<uuid:sound_id>/visibility", views.visibility, name="visibility"),
    path("sounds/<uuid:sound_id>/delete", views.delete, name="delete"),
    path("sounds/<uuid:sound_id>/collect", views.collect, name="collect"),
    path("sounds/<uuid:sound_id>/rename", views.rename, name="rename"),
    path("sounds/<uuid:sound_id>/tags", views.tag_add, name="tag_add"),
    path("sounds/<uuid:sound_id>/tags/<int:tag_id>/remove", views.tag_remove, name="tag_remove"),
    path("sounds/bulk", views.bulk, name="bulk"),
    path("presets/", views.presets, name="presets"),
    path("presets/<uuid:preset_id>/", views.preset, name="preset"),
    path("presets/<uuid:preset_id>/delete", views.preset_delete, name="preset_delete"),
    path("trash/", views.trash_page, name="trash"),
    path("trash/sounds/<uuid:sound_id>/restore", views.restore, name="restore"),
    path("trash/sounds/<uuid:sound_id>/delete", views.delete_now, name="delete_now"),
    path("trash/collections/<uuid:collection_id>/restore", views.collection_restore, name="collection_restore"),
    path("trash/collections/<uuid:collection_id>/delete", views.collection_delete_now, name="collection_delete_now"),
    path("collections/", views.collections, name="collections"),
    path("collections/<uuid:collection_id>/", views.collection, name="collection"),
    path("collections/<uuid:collection_id>/visibility", views.collection_visibility, name="collection_visibility"),
    path(
        "collections/<uuid:collection_id>/share-sounds", views.collection_share_sounds, name="collection_share_sounds"
    ),
    path("collections/<uuid:collection_id>/delete", views.collection_delete, name="collection_delete"),
    path(
        "collections/<uuid:collection_id>/sounds/<uuid:sound_id>/remove",
        views.collection_remove,
        name="collection_remove",
    ),
]
