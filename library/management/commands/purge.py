from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from library.purge import purge


class Command(BaseCommand):
    help = (
        "Remove trashed sounds and collections older than 7 days, anonymous sounds older than 30 days that nobody "
        "favorited, shared or collected, and expired sessions, with their audio files. Run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be removed.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        counts = purge(dry_run=dry_run)
        verb = "would remove" if dry_run else "removed"
        for kind, count in counts.items():
            self.stdout.write(f"{verb} {count} {kind}")
