"""Audio files of sounds, through Django's STORAGES (a local folder, or a private S3 bucket with presigned URLs).

The database row and its files stay consistent both ways: a file is written before the row that names it and
removed when writing the row fails; a missing file is re-rendered from the row's spec (the engine is
deterministic); Opus and MP3 are encoded from the WAV right after a sound is made on the page's socket, any format
the first time someone asks for it, and kept.
"""

from __future__ import annotations

import io
import logging
import uuid

import numpy as np
import soundfile
from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from storages.backends.s3 import S3Storage

from generator.engine import CONTENT_TYPES, ENGINE_VERSION, encode
from generator.engine.sequence import render_recipe
from generator.models import AUDIO_FORMATS, Sound

logger = logging.getLogger(__name__)

# What a failing filesystem or S3 storage raises.
STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError, BotoCoreError, ClientError, Boto3Error)


class StorageFailed(Exception):
    """The audio file could not be written or read; the message is for logs, not users."""


def storage() -> Storage:
    return default_storage


def file_name(sound_id: uuid.UUID, fmt: str) -> str:
    # Two hex characters of fan-out keep any one directory (or S3 listing) small.
    return f"sounds/{sound_id.hex[:2]}/{sound_id}.{fmt}"


def save_file(sound_id: uuid.UUID, fmt: str, data: bytes) -> str:
    """Write the bytes; returns the name the storage chose. Raises StorageFailed, leaving no partial file behind."""
    name = file_name(sound_id, fmt)
    try:
        return storage().save(name, ContentFile(data))
    except STORAGE_ERRORS as error:
        _remove_partial(name, len(data))
        raise StorageFailed(f"could not write {fmt} of sound {sound_id}: {error}") from error


def _remove_partial(name: str, expected_bytes: int) -> None:
    """Remove what a failed write left under `name` (a full disk leaves a cut or empty file; S3 leaves nothing).

    Only a file shorter than the data is ours: a complete one under that name was written by someone else (a
    concurrent request for the same format of the same sound), and our write then went to another name.
    """
    try:
        if storage().exists(name) and storage().size(name) < expected_bytes:
            storage().delete(name)
    except STORAGE_ERRORS:
        logger.exception("could not remove the partial audio file %s", name)


def delete_file(name: str) -> None:
    """Remove a file, logging (not raising) a failure: an orphan file costs space, never correctness."""
    if not name:
        return
    try:
        storage().delete(name)
    except STORAGE_ERRORS:
        logger.exception("could not delete audio file %s", name)


def file_exists(name: str) -> bool:
    try:
        return bool(name) and storage().exists(name)
    except STORAGE_ERRORS as error:
        raise StorageFailed(f"could not look for {name}: {error}") from error


def ensure_file(sound: Sound, fmt: str) -> str:
    """The storage name of the sound's audio in `fmt`, encoding or re-rendering it first if it is not there."""
    field = sound.audio_field(fmt)
    if file_exists(field.name):
        return field.name
    return keep(sound, fmt, encoded(sound, fmt))


def encoded(sound: Sound, fmt: str) -> bytes:
    """The sound's audio in `fmt`, encoded from its stored WAV (re-rendered if that is missing); no database work."""
    return encode(_samples_of(sound), sound.sample_rate, fmt)


def keep(sound: Sound, fmt: str, data: bytes) -> str:
    """Store `data` as the sound's `fmt` file and record it on the row; returns the name the row ends up with."""
    field = sound.audio_field(fmt)
    name = save_file(sound.id, fmt, data)
    # Only the first of several concurrent requests records its file; the others drop theirs and use that one.
    updated = Sound.objects.filter(pk=sound.pk, **{fmt: field.name}).update(**{fmt: name})
    if not updated:
        delete_file(name)
        sound.refresh_from_db(fields=[fmt])
        return sound.audio_field(fmt).name
    if field.name:
        logger.warning("sound %s: %s file %s was missing and has been made again", sound.id, fmt, field.name)
    setattr(sound, fmt, name)
    return name


def _samples_of(sound: Sound) -> np.ndarray:
    # MP3 and OGG come from the stored WAV, so every format of a sound is the same sound even if the engine changed.
    if file_exists(sound.wav.name):
        try:
            with storage().open(sound.wav.name, "rb") as wav:
                samples, _ = soundfile.read(io.BytesIO(wav.read()), dtype="float32")
        except STORAGE_ERRORS as error:
            raise StorageFailed(f"could not read {sound.wav.name}: {error}") from error
        except soundfile.SoundFileError:
            logger.exception("sound %s: the stored WAV is unreadable; rendering from the spec", sound.id)
            return _rerender(sound)
        return samples
    return _rerender(sound)


def _rerender(sound: Sound) -> np.ndarray:
    if sound.engine_version != str(ENGINE_VERSION):
        logger.warning(
            "sound %s was made with engine %s and is re-rendered with %s: it may sound different",
            sound.id,
            sound.engine_version,
            ENGINE_VERSION,
        )
    return render_recipe(sound.recipe, sound.sample_rate)


def presigned_url(name: str, *, content_type: str, filename: str, download: bool) -> str | None:
    """A short-lived direct URL to the file when the storage can make one (S3), else None (stream it)."""
    backend = storage()
    if not isinstance(backend, S3Storage):
        return None
    disposition = "attachment" if download else "inline"
    return backend.url(
        name,
        parameters={
            "ResponseContentType": content_type,
            "ResponseContentDisposition": f'{disposition}; filename="{filename}"',
        },
    )


def content_type(fmt: str) -> str:
    if fmt not in AUDIO_FORMATS:
        raise ValueError(f"format must be one of {', '.join(AUDIO_FORMATS)}, got {fmt!r}")
    return CONTENT_TYPES[fmt]


# What the player's cross-origin requests for a sound may do: fetch it (in ranges, to seek) and read its length.
AUDIO_CORS_RULE: dict[str, object] = {
    "AllowedMethods": ["GET", "HEAD"],
    "AllowedHeaders": ["Range"],
    "ExposeHeaders": ["Accept-Ranges", "Content-Length", "Content-Range", "Content-Type"],
    "MaxAgeSeconds": 3600,
}


class NotABucket(Exception):
    """The audio storage is not an S3 bucket, so there is nothing to configure."""


def allow_origins(origins: list[str]) -> str:
    """Let pages of these origins read the bucket's audio (CORS rules); returns the bucket's name.

    The player routes its audio through Web Audio for the live spectrum, and a browser gives Web Audio only
    silence from another origin's file unless that origin (the bucket) allows the page's. Raises NotABucket,
    StorageFailed.
    """
    store = storage()
    if not isinstance(store, S3Storage):
        raise NotABucket("the audio is stored in a local folder, served from the site's own origin")
    rule = {**AUDIO_CORS_RULE, "AllowedOrigins": origins}
    try:
        store.connection.meta.client.put_bucket_cors(
            Bucket=store.bucket_name, CORSConfiguration={"CORSRules": [rule]}
        )
    except STORAGE_ERRORS as error:
        raise StorageFailed(f"could not set the CORS rules of bucket {store.bucket_name}: {error}") from error
    return store.bucket_name
