"""A user's data as one ZIP: every sound of theirs as a WAV, and a JSON manifest of sounds, collections, favorites
and presets, so leaving Fartgen loses nothing."""

from __future__ import annotations

import json
import tempfile
import zipfile
from typing import IO, Any

from django.utils import timezone

from accounts.models import User
from generator import storage as audio_files
from generator.models import Sound
from library.models import Collection, Favorite, UserPreset

MANIFEST_NAME = "fartgen.json"
# A ZIP of a big library stays on disk, not in memory, past this size.
SPOOL_MAX_BYTES = 16 * 1024 * 1024


def build(user: User) -> IO[bytes]:
    """The user's export as a ZIP in a temporary file, rewound. Raises StorageFailed when audio cannot be read."""
    # Returned open: the FileResponse that sends it closes it.
    archive = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_BYTES)  # noqa: SIM115
    sounds = list(Sound.objects.filter(owner=user).order_by("created_at").prefetch_related("tags"))
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for sound in sounds:
            # WAVs barely compress: storing them saves time for nothing lost.
            zipped.writestr(_wav_path(sound), _wav_bytes(sound), compress_type=zipfile.ZIP_STORED)
        zipped.writestr(MANIFEST_NAME, json.dumps(manifest(user, sounds), indent=2, ensure_ascii=False))
    archive.seek(0)
    return archive


def file_name(user: User) -> str:
    return f"fartgen-{user.username}-{timezone.now():%Y-%m-%d}.zip"


def manifest(user: User, sounds: list[Sound]) -> dict[str, Any]:
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {"username": user.username, "email": user.email, "joined_at": user.date_joined.isoformat()},
        "sounds": [_sound_entry(sound) for sound in sounds],
        "collections": [
            {
                "id": str(collection.id),
                "name": collection.name,
                "visibility": collection.visibility,
                "created_at": collection.created_at.isoformat(),
                "sound_ids": [str(item.sound_id) for item in collection.items.order_by("added_at", "pk")],
            }
            for collection in Collection.objects.filter(owner=user).order_by("created_at")
        ],
        "favorites": [
            {"sound_id": str(favorite.sound_id), "created_at": favorite.created_at.isoformat()}
            for favorite in Favorite.objects.filter(user=user).order_by("created_at")
        ],
        "presets": _presets(user),
    }


def _sound_entry(sound: Sound) -> dict[str, Any]:
    return {
        "id": str(sound.id),
        "file": _wav_path(sound),
        "title": sound.title,
        "prompt": sound.prompt,
        "spec": sound.spec,
        "tags": [tag.name for tag in sound.tags.all()],
        "engine_version": sound.engine_version,
        "duration_s": sound.duration_s,
        "visibility": sound.visibility,
        "parent_id": str(sound.parent_id) if sound.parent_id else None,
        "created_at": sound.created_at.isoformat(),
    }


def _presets(user: User) -> list[dict[str, Any]]:
    return [
        {"name": preset.name, "spec": preset.spec, "created_at": preset.created_at.isoformat()}
        for preset in UserPreset.objects.owned_by(user).order_by("created_at")
    ]


def _wav_path(sound: Sound) -> str:
    return f"sounds/{sound.file_name('wav').removesuffix('.wav')}-{sound.id.hex[:8]}.wav"


def _wav_bytes(sound: Sound) -> bytes:
    name = audio_files.ensure_file(sound, "wav")
    try:
        with audio_files.storage().open(name, "rb") as wav:
            return wav.read()
    except audio_files.STORAGE_ERRORS as error:
        raise audio_files.StorageFailed(f"could not read {name}: {error}") from error
