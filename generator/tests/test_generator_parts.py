"""The template helpers for what a sound heard and its parts: chips, timeline, slider values."""

from __future__ import annotations

import pytest

from accounts.models import User
from generator.engine import FartSpec
from generator.engine.sequence import FartSequence
from generator.templatetags.generator_parts import HeardChip, heard_chips, tail_s, timeline, tweak_spec
from generator.tests.sounds import make_row

pytestmark = pytest.mark.django_db

SEQUENCE = FartSequence((FartSpec(duration_s=0.5, seed=1), FartSpec(duration_s=2.0, wetness=0.6, seed=2)), (0.3,))


def test_a_phrase_heard_several_times_is_one_chip_with_its_count(alice: User) -> None:
    wind = {"words": "💨", "effect": "breathier, longer"}
    sound = make_row(owner=alice, understood=[wind, wind, {"words": "wet", "effect": "wetter"}, wind])
    assert heard_chips(sound) == [HeardChip("💨", "breathier, longer", 3), HeardChip("wet", "wetter", 1)]


def test_the_timeline_places_each_part_after_its_pause(alice: User) -> None:
    sound = make_row(owner=alice, spec=SEQUENCE.parts[0].to_dict(), sequence=SEQUENCE.to_dict(), duration_s=3.4)
    parts = timeline(sound)
    assert [(part.number, part.start_s, part.duration_s, part.gap_before_s) for part in parts] == [
        (1, 0.0, 0.5, 0.0),
        (2, 0.8, 2.0, 0.3),
    ]
    assert tail_s(sound) == pytest.approx(0.6)


def test_a_sound_of_one_part_or_none_has_no_timeline(alice: User) -> None:
    assert timeline(make_row(owner=alice)) == []
    assert timeline(None) == []


def test_the_sliders_show_the_whole_one_part_or_the_one_spec(alice: User) -> None:
    sound = make_row(owner=alice, spec=SEQUENCE.parts[0].to_dict(), sequence=SEQUENCE.to_dict())
    assert tweak_spec(sound) == SEQUENCE.overall().to_dict()
    assert tweak_spec(sound, 1) == SEQUENCE.parts[1].to_dict()
    assert tweak_spec(sound, 5) == SEQUENCE.overall().to_dict()
    single = make_row(owner=alice)
    assert tweak_spec(single, 1) == single.spec
    assert tweak_spec(None) == {}
