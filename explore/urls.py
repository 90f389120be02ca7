from __future__ import annotations

from django.urls import path

from explore import views

app_name = "explore"

urlpatterns = [
    path("", views.explore, name="explore"),
    path("sounds/<uuid:sound_id>/play", views.play, name="play"),
]
