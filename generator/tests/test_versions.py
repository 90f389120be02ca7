from __future__ import annotations

import pytest

from accounts.models import User
from generator.engine.spec import FartSpec
from generator.makers import Maker
from generator.models import Sound
from generator.tests.sounds import make_row
from generator.versions import Difference, differences, lineage

pytestmark = pytest.mark.django_db


def maker_of(user: User) -> Maker:
    return Maker(user=user, anon_id=None, ip="127.0.0.1")


def chain(owner: User) -> list[Sound]:
    """A prompt, then "wetter", then a slider move of the length."""
    first = make_row(owner=owner, prompt="short dry toot", spec=FartSpec(seed=7).to_dict())
    wetter = make_row(owner=owner, prompt="wetter", parent=first, spec=FartSpec(wetness=0.6, seed=7).to_dict())
    longer = make_row(
        owner=owner, prompt="", parent=wetter, source=Sound.Source.PARAMETERS,
        spec=FartSpec(wetness=0.6, duration_s=3.0, seed=7).to_dict(),
    )
    return [first, wetter, longer]


def test_the_lineage_reads_prompt_then_each_change(alice: User) -> None:
    _first, wetter, longer = chain(alice)
    versions = lineage(longer, maker_of(alice))
    assert [version.label for version in versions.versions] == ["short dry toot", "wetter", "length 3.0 s"]
    assert versions.undo == wetter
    assert versions.redo is None
    assert [version.is_current for version in versions.versions] == [False, False, True]


def test_from_an_earlier_version_redo_follows_the_newest_child(alice: User) -> None:
    first, wetter, longer = chain(alice)
    versions = lineage(first, maker_of(alice))
    assert [version.sound for version in versions.versions] == [first, wetter, longer]
    assert versions.undo is None
    assert versions.redo == wetter


def test_earlier_versions_list_what_changed_since_them(alice: User) -> None:
    first, _, longer = chain(alice)
    earliest = lineage(longer, maker_of(alice)).earlier[0]
    assert earliest.sound == first
    assert [str(change) for change in earliest.differences] == ["Length: 0.9 s → 3.0 s", "Wetness: 20% → 60%"]


def test_a_stranger_sees_no_private_version_of_a_public_sound(alice: User, bob: User) -> None:
    _first, _wetter, longer = chain(alice)
    Sound.objects.filter(id=longer.id).update(visibility=Sound.Visibility.PUBLIC)
    longer.refresh_from_db()
    versions = lineage(longer, maker_of(bob))
    assert [version.sound for version in versions.versions] == [longer]
    # Nor the newer versions alice made of it.
    make_row(owner=alice, prompt="louder", parent=longer)
    assert lineage(longer, maker_of(bob)).redo is None


def test_differences_use_the_sliders_words_and_the_rooms_one_name() -> None:
    before = FartSpec(room="none", seed=1).to_dict()
    after = FartSpec(room="hall", pitch_hz=120.4, seed=2).to_dict()
    assert differences(before, after) == (
        Difference("Pitch", "90 Hz", "120 Hz"),
        Difference("Room", "No room", "Hall"),
        Difference("Take", "one take", "another take"),
    )
    # Equal at slider precision is the same.
    assert differences(FartSpec(pitch_hz=90.2).to_dict(), FartSpec(pitch_hz=90.4).to_dict()) == ()
