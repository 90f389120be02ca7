from __future__ import annotations

from generator.engine.spec import INT_FIELDS, NUMERIC_FIELDS, ROOMS
from generator.interpret import interpret
from generator.names import FIELD_NAMES, ROOM_NAMES, show_field


def test_every_room_and_every_slider_has_one_name() -> None:
    assert set(ROOM_NAMES) == set(ROOMS)
    assert set(FIELD_NAMES) == set(NUMERIC_FIELDS) | set(INT_FIELDS)
    assert len({name.label for name in ROOM_NAMES.values()}) == len(ROOMS)


def test_a_church_is_a_hall_in_the_title_of_every_version() -> None:
    first = interpret("pfft in a church")
    wetter = interpret("wetter", first.spec)
    assert first.spec.room == wetter.spec.room == "hall"
    assert first.title.endswith(ROOM_NAMES["hall"].phrase)
    assert wetter.title.endswith(ROOM_NAMES["hall"].phrase)
    assert show_field("room", first.spec.room) == "Hall"
