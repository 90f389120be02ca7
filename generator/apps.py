from __future__ import annotations

from django.apps import AppConfig


class GeneratorConfig(AppConfig):
    name = "generator"

    def ready(self) -> None:
        from generator import signals  # noqa: F401  (connects the receivers)
