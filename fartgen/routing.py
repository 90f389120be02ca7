from __future__ import annotations

from django.urls import URLPattern, path

from generator.consumers import ApiGenerateConsumer, PageGenerateConsumer

websocket_urlpatterns: list[URLPattern] = [
    path("ws/generate/", PageGenerateConsumer.as_asgi()),
    path("ws/api/generate/", ApiGenerateConsumer.as_asgi()),
]
