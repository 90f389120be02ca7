from __future__ import annotations

import pytest
from django.template.defaultfilters import floatformat

from generator.engine.spec import INT_FIELDS, NUMERIC_FIELDS, ROOMS
from generator.interpret import interpret
from generator.names import FIELD_NAMES, ROOM_NAMES, format_value, show_field


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


@pytest.mark.parametrize(("value", "unit", "shown"), [(0.95, "s", "1.0 s"), (4.55, "s", "4.6 s"), (90.5, "Hz", "91 Hz"),
                                                       (0.125, "%", "13%"), (0.945, "s", "0.9 s")])
def test_values_read_the_same_on_the_badge_the_sliders_and_the_differences(value: float, unit: str, shown: str) -> None:
    assert format_value(value, unit) == shown
    # Django's floatformat (the badge) rounds halves up too.
    if unit == "s":
        assert f"{floatformat(value, 1)} s" == shown
