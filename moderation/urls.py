from __future__ import annotations

from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("sounds/<uuid:sound_id>/report", views.report_sound, name="report_sound"),
    path("library/collections/<uuid:collection_id>/report", views.report_collection, name="report_collection"),
]
