from __future__ import annotations

from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("", views.history, name="history"),
    path("sounds/<uuid:sound_id>/favorite", views.favorite, name="favorite"),
    path("sounds/<uuid:sound_id>/visibility", views.visibility, name="visibility"),
    path("sounds/<uuid:sound_id>/delete", views.delete, name="delete"),
]
