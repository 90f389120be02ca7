"""`manage.py check_audio`: does every sound row still have its WAV? The restore drill's verdict on a backup."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from generator import storage
from generator.models import Sound

# A WAV shorter than its header holds no audio: a write cut short, or an empty object.
WAV_HEADER_BYTES = 44


class Command(BaseCommand):
    help = "Check that every sound row (trashed ones too) has a non-empty WAV in storage; exit 1 if any lacks it."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rows = missing = total_bytes = 0
        for sound_id, name in Sound.all_objects.order_by("created_at").values_list("id", "wav").iterator():
            rows += 1
            size = _size(name)
            if size <= WAV_HEADER_BYTES:
                missing += 1
                self.stderr.write(f"sound {sound_id}: {'no WAV file' if size < 0 else 'empty WAV'} ({name or '-'})")
            else:
                total_bytes += size
        elapsed_s = time.perf_counter() - started
        self.stdout.write(
            f"{rows} sound rows, {rows - missing} with audio ({total_bytes / 1e6:.1f} MB), {missing} without; "
            f"checked in {elapsed_s:.1f} s"
        )
        if missing:
            raise CommandError(f"{missing} of {rows} sound rows have no audio")


def _size(name: str) -> int:
    """The file's size in bytes, -1 when it is not there."""
    try:
        return storage.storage().size(name) if storage.file_exists(name) else -1
    except storage.STORAGE_ERRORS:
        return -1
