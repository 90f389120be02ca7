from __future__ import annotations

from django.apps import AppConfig


class EmbedsConfig(AppConfig):
    name = "embeds"
