"""`manage.py allow_audio_origins [ORIGIN ...]`: let the site's pages read the S3 bucket's audio (CORS rules)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from generator import storage


class Command(BaseCommand):
    help = (
        "Set the S3 bucket's CORS rules so that the site's pages may read its audio (the player's live spectrum "
        "needs it). Origins default to CSRF_TRUSTED_ORIGINS and https:// on each of DJANGO_ALLOWED_HOSTS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("origins", nargs="*", help="origins such as https://fartgen.example")

    def handle(self, *args: Any, **options: Any) -> None:
        origins = options["origins"] or site_origins()
        bad = [origin for origin in origins if not origin.startswith(("https://", "http://")) or origin.count("/") != 2]
        if bad:
            raise CommandError(f"An origin is a scheme and a host, like https://fartgen.example; got {bad[0]!r}.")
        if not origins:
            raise CommandError("No origins: name them, or set CSRF_TRUSTED_ORIGINS or DJANGO_ALLOWED_HOSTS.")
        try:
            bucket = storage.allow_origins(origins)
        except storage.NotABucket as reason:
            self.stdout.write(f"Nothing to do: {reason}.")
            return
        except storage.StorageFailed as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Bucket {bucket} now lets these origins read its audio: {', '.join(origins)}")


def site_origins() -> list[str]:
    """The origins the site's pages come from, as far as the settings tell."""
    hosts = [host for host in settings.ALLOWED_HOSTS if host not in ("*", "testserver") and not host.startswith(".")]
    found = [*settings.CSRF_TRUSTED_ORIGINS, *(f"https://{host}" for host in hosts)]
    return list(dict.fromkeys(found))
