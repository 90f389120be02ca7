"""Acting on several sounds of a library at once: put them in a collection, delete them, download them as a ZIP."""

from __future__ import annotations

import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from typing import IO, Any

from django import forms
from django.db.models import QuerySet

from generator import storage as audio_files
from generator.makers import Maker
from generator.models import Sound
from library import collections as collection_rules
from library.models import Collection

# A ZIP is built in memory in one request: bounded so that one click cannot hold a worker for long.
MAX_SOUNDS_PER_ACTION = 50
SPOOL_MAX_BYTES = 4 * 1024 * 1024
ACTIONS = {"collect": "Add to collection", "zip": "Download as ZIP", "delete": "Delete"}


class SoundIdsField(forms.Field):
    """Sound ids from the checkboxes (or hidden inputs) of one name."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"required": "Select at least one sound first."}

    def to_python(self, value: Any) -> list[uuid.UUID]:
        ids = []
        for raw in value or []:
            try:
                ids.append(uuid.UUID(str(raw)))
            except ValueError:
                raise forms.ValidationError("That selection names no sound.") from None
        if len(ids) > MAX_SOUNDS_PER_ACTION:
            raise forms.ValidationError(f"Select at most {MAX_SOUNDS_PER_ACTION} sounds at a time.")
        return list(dict.fromkeys(ids))


class BulkForm(forms.Form):
    """Which sounds (by id) and what to do with them."""

    action = forms.ChoiceField(choices=list(ACTIONS.items()))
    sounds = SoundIdsField()
    collection = forms.ModelChoiceField(queryset=Collection.objects.none(), required=False, empty_label=None)

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = Collection.objects.owned_by(user)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == "collect" and cleaned.get("collection") is None:
            self.add_error("collection", "Choose one of your collections.")
        return cleaned


def audible(maker: Maker, ids: Iterable[uuid.UUID]) -> QuerySet[Sound]:
    """The sounds among these ids that the maker may hear (others' private ones are left out, unseen)."""
    return Sound.objects.visible_to(maker).filter(id__in=list(ids))


def owned(maker: Maker, ids: Iterable[uuid.UUID]) -> QuerySet[Sound]:
    """The maker's own sounds among these ids."""
    return Sound.objects.owned_by(maker).filter(id__in=list(ids))


def collect(collection: Collection, sounds: Iterable[Sound]) -> int:
    """Add the sounds to the collection; returns how many were new to it. Raises CollectionRefused when full."""
    return sum(collection_rules.add(collection, sound) for sound in sounds)


def delete(sounds: QuerySet[Sound]) -> int:
    """Move the sounds to the trash, as deleting one does; returns how many went."""
    trashed = 0
    for sound in sounds:
        sound.move_to_trash()
        trashed += 1
    return trashed


def zip_of(sounds: Iterable[Sound]) -> IO[bytes]:
    """A ZIP of the sounds' WAVs, named from their titles (a number keeps equal titles apart), in a temporary file,
    rewound (the response that sends it closes it).

    WAV is already as small as it gets for a ZIP, so the files are stored, not deflated: no CPU spent for nothing.
    Raises audio_files.StorageFailed when a file can be neither read nor re-rendered.
    """
    # Up to 50 long sounds make tens of MB: past a few MB the ZIP waits on disk, not in the worker's memory.
    buffer = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_BYTES)  # noqa: SIM115
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for sound in sounds:
            name = audio_files.ensure_file(sound, "wav")
            try:
                with audio_files.storage().open(name, "rb") as handle:
                    data = handle.read()
            except audio_files.STORAGE_ERRORS as error:
                raise audio_files.StorageFailed(f"could not read {name}: {error}") from error
            archive.writestr(_unique(sound.file_name("wav"), used), data)
    buffer.seek(0)
    return buffer


def _unique(file_name: str, used: set[str]) -> str:
    stem, _, ext = file_name.rpartition(".")
    candidate, number = file_name, 2
    while candidate in used:
        candidate, number = f"{stem}-{number}.{ext}", number + 1
    used.add(candidate)
    return candidate
