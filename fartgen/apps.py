from __future__ import annotations

from django.apps import AppConfig


class FartgenConfig(AppConfig):
    name = "fartgen"

    def ready(self) -> None:
        from fartgen import (
            checks,  # noqa: F401  (registers the system checks)
            logs,
        )

        logs.stamp_request_ids()
