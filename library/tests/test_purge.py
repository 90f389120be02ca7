from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import GenerationRequest, generate
from generator.tests.sounds import made_by, stored_files
from library.models import Collection, Favorite

pytestmark = pytest.mark.usefixtures("media")


def _anonymous_sound(anon_id: str, days_old: float) -> Sound:
    update = generate(GenerationRequest(prompt=f"toot {anon_id}"), Maker(user=None, anon_id=anon_id, ip="127.0.0.1"))
    assert update.sound is not None
    Sound.all_objects.filter(pk=update.sound.pk).update(created_at=timezone.now() - timedelta(days=days_old))
    return update.sound


def _trash(thing: Sound | Collection, days_ago: float) -> None:
    type(thing).all_objects.filter(pk=thing.pk).update(deleted_at=timezone.now() - timedelta(days=days_ago))


def _purge(*args: str) -> str:
    out = StringIO()
    call_command("purge", *args, stdout=out)
    return out.getvalue()


def _exists(sound: Sound) -> bool:
    return Sound.all_objects.filter(pk=sound.pk).exists()


def test_it_removes_what_has_expired_with_its_files_and_keeps_the_rest(
    alice: User, bob: User, media: Path, django_capture_on_commit_callbacks: Callable
) -> None:
    old_trash = made_by(alice, "old trash")
    _trash(old_trash, days_ago=8)
    fresh_trash = made_by(alice, "fresh trash")
    _trash(fresh_trash, days_ago=6)
    kept_by_alice = made_by(alice, "alice keeps her own sounds forever")
    Sound.all_objects.filter(pk=kept_by_alice.pk).update(created_at=timezone.now() - timedelta(days=400))

    abandoned = _anonymous_sound("gone", days_old=31)
    recent = _anonymous_sound("recent", days_old=29)
    favorited = _anonymous_sound("favorited", days_old=31)
    Favorite.objects.create(user=bob, sound=favorited)
    shared = _anonymous_sound("shared", days_old=31)
    Sound.all_objects.filter(pk=shared.pk).update(visibility="public")
    collected = _anonymous_sound("collected", days_old=31)
    Collection.objects.create(owner=bob, name="Finds").sounds.add(collected)

    old_collection = Collection.objects.create(owner=alice, name="Old")
    _trash(old_collection, days_ago=9)
    fresh_collection = Collection.objects.create(owner=alice, name="Fresh")
    _trash(fresh_collection, days_ago=1)

    expired = SessionStore()
    expired.set_expiry(-10)
    expired.create()
    live = SessionStore()
    live.create()

    with django_capture_on_commit_callbacks(execute=True):
        out = _purge()

    assert "removed 1 trashed sounds" in out
    assert "removed 1 trashed collections" in out
    assert "removed 1 abandoned anonymous sounds" in out
    assert "removed 1 expired sessions" in out
    assert not _exists(old_trash)
    assert not _exists(abandoned)
    for kept in (fresh_trash, kept_by_alice, recent, favorited, shared, collected):
        assert _exists(kept), kept.prompt
    assert not Collection.all_objects.filter(pk=old_collection.pk).exists()
    assert Collection.all_objects.filter(pk=fresh_collection.pk).exists()
    assert not Session.objects.filter(session_key=expired.session_key).exists()
    assert Session.objects.filter(session_key=live.session_key).exists()
    # The removed sounds' files went with them; everyone else's stayed.
    remaining = {path.name for path in stored_files(media)}
    assert Path(old_trash.wav.name).name not in remaining
    assert Path(abandoned.wav.name).name not in remaining
    assert len(remaining) == 6


def test_a_dry_run_counts_and_removes_nothing(alice: User) -> None:
    sound = made_by(alice)
    _trash(sound, days_ago=10)
    abandoned = _anonymous_sound("gone", days_old=45)
    out = _purge("--dry-run")
    assert "would remove 1 trashed sounds" in out
    assert "would remove 1 abandoned anonymous sounds" in out
    assert _exists(sound)
    assert _exists(abandoned)
