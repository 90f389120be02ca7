from __future__ import annotations

from django.urls import path

from generator import api, views

app_name = "generator"

urlpatterns = [
    path("", views.home, name="home"),
    path("generate", views.generate, name="generate"),
    path("sounds/<uuid:sound_id>/", views.sound, name="sound"),
    path("sounds/<uuid:sound_id>/keep", views.keep, name="keep"),
    path("api/generate", api.api_generate, name="api_generate"),
    path("sounds/<uuid:sound_id>/audio.<str:fmt>", api.audio, name="audio"),
]
