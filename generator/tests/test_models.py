from __future__ import annotations

import time

import pytest
from django.core import signing
from django.db import IntegrityError

from accounts.models import User
from generator.engine.sequence import FartSequence
from generator.engine.spec import FartSpec
from generator.makers import Maker
from generator.models import Sound
from generator.tests.sounds import make_row

pytestmark = pytest.mark.django_db


def maker_for(user: User) -> Maker:
    return Maker(user=user, anon_id=None, ip="127.0.0.1")


def visitor(anon_id: str) -> Maker:
    return Maker(user=None, anon_id=anon_id, ip="127.0.0.1")


def test_a_new_sound_is_private(alice: User) -> None:
    assert make_row(owner=alice).visibility == Sound.Visibility.PRIVATE


def test_bob_sees_neither_alices_private_sounds_nor_hidden_public_ones(alice: User, bob: User) -> None:
    private = make_row(owner=alice)
    public = make_row(owner=alice, visibility="public")
    hidden = make_row(owner=alice, visibility="public", is_hidden=True)
    assert set(Sound.objects.visible_to(maker_for(bob))) == {public}
    assert set(Sound.objects.visible_to(maker_for(alice))) == {private, public, hidden}


def test_an_anonymous_visitor_sees_their_own_sounds_and_public_ones(alice: User) -> None:
    public = make_row(owner=alice, visibility="public")
    mine = make_row(anon_id="visitor-1")
    make_row(anon_id="visitor-2")
    assert set(Sound.objects.visible_to(visitor("visitor-1"))) == {public, mine}
    assert set(Sound.objects.owned_by(visitor("visitor-1"))) == {mine}


def test_recent_for_lists_the_makers_own_sounds_newest_first(alice: User, bob: User) -> None:
    older = make_row(owner=alice)
    make_row(owner=bob)
    newer = make_row(owner=alice)
    assert list(Sound.objects.recent_for(maker_for(alice), limit=5)) == [newer, older]
    assert list(Sound.objects.recent_for(maker_for(alice), limit=1)) == [newer]


def test_only_the_maker_may_edit(alice: User, bob: User) -> None:
    sound = make_row(owner=alice)
    anon_sound = make_row(anon_id="visitor-1")
    assert sound.can_edit(maker_for(alice))
    assert not sound.can_edit(maker_for(bob))
    assert anon_sound.can_edit(visitor("visitor-1"))
    assert not anon_sound.can_edit(visitor("visitor-2"))
    assert not anon_sound.can_edit(maker_for(alice))


def test_a_sound_needs_an_owner_or_an_anonymous_maker() -> None:
    with pytest.raises(IntegrityError):
        Sound.objects.create(
            title="orphan", spec={}, seed=0, engine_version="1", source="local", duration_s=1.0, wav="x.wav"
        )


def test_the_download_name_comes_from_the_title(alice: User) -> None:
    assert make_row(owner=alice, title="Long wet rumbler").file_name("ogg") == "long-wet-rumbler.ogg"
    assert make_row(owner=alice, title="💨💨").file_name("wav") == "fart.wav"


def test_urls_name_the_sound_and_the_format(alice: User) -> None:
    sound = make_row(owner=alice)
    assert sound.audio_url("mp3") == f"/sounds/{sound.id}/audio.mp3"
    assert sound.download_url("wav") == f"/sounds/{sound.id}/audio.wav?download=1"


def test_a_signed_audio_key_opens_only_its_own_sound(alice: User) -> None:
    sound, other = make_row(owner=alice), make_row(owner=alice)
    key = sound.signed_audio_url("wav").rsplit("key=", 1)[1]
    assert sound.link_key_is_valid(key)
    assert not other.link_key_is_valid(key)
    assert not sound.link_key_is_valid(key[:-2] + "xx")


def test_a_signed_audio_key_expires(alice: User, monkeypatch: pytest.MonkeyPatch) -> None:
    sound = make_row(owner=alice)
    key = sound.signed_audio_url("wav").rsplit("key=", 1)[1]
    later = time.time() + 3601
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert not sound.link_key_is_valid(key)


def test_the_spec_object_renders_the_stored_spec(alice: User) -> None:
    sound = make_row(owner=alice)
    assert sound.spec_obj.to_dict() == sound.spec


def test_a_row_from_before_parts_renders_from_its_spec_and_heard_nothing(alice: User) -> None:
    sound = make_row(owner=alice)
    assert sound.sequence_obj is None
    assert sound.recipe == FartSpec(seed=7)
    assert (sound.understood, sound.ignored) == ([], [])


def test_a_sound_of_parts_renders_from_its_sequence(alice: User) -> None:
    sequence = FartSequence((FartSpec(duration_s=0.3), FartSpec(duration_s=1.0, seed=1)), (0.2,))
    sound = make_row(owner=alice, spec=sequence.parts[0].to_dict(), sequence=sequence.to_dict())
    sound.refresh_from_db()
    assert sound.recipe == sequence
