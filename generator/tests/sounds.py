"""Helpers for backend tests: sounds made through the pipeline or as bare rows, and storages to put files in
(or fail to)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.test import Client
from pytest_django import Settings

from accounts.models import User
from generator.engine.spec import FartSpec
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import generate
from generator.requests import GenerationRequest


def made_by(user: User, prompt: str = "long wet rumbler") -> Sound:
    """A real sound of `user`'s, made through the whole pipeline."""
    update = generate(GenerationRequest(prompt=prompt), Maker(user=user, anon_id=None, ip="127.0.0.1"))
    assert update.status == "complete", update.error
    assert update.sound is not None
    return update.sound


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_row(**fields: Any) -> Sound:
    """A Sound row with plausible values; its file need not exist (the audio view re-renders missing files)."""
    values: dict[str, Any] = {
        "title": "Classic toot",
        "prompt": "a classic toot",
        "spec": FartSpec(seed=7).to_dict(),
        "seed": 7,
        "engine_version": "test",
        "source": Sound.Source.LOCAL,
        "duration_s": 1.5,
        "peaks": [],
        "wav": "sounds/missing.wav",
        **fields,
    }
    if values.get("owner") is None and not values.get("anon_id"):
        values["anon_id"] = "anon-test"
    return Sound.objects.create(**values)


class FailingStorage(FileSystemStorage):
    """A real filesystem storage whose disk is full: every write fails, as a broken volume or bucket would."""

    def _save(self, name: str, content: File) -> str:
        raise OSError(28, "No space left on device")


class DiskFillsUpStorage(FileSystemStorage):
    """A real filesystem storage whose disk fills up part-way through each write: the first 1000 bytes land on disk,
    then ENOSPC, as a full volume does (the cut file stays behind unless someone removes it)."""

    def _save(self, name: str, content: File) -> str:
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as cut:
            cut.write(content.read()[:1000])
        raise OSError(28, "No space left on device")


def use_storage(settings: Settings, backend: str, **options: Any) -> None:
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend, "OPTIONS": options}}


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())
