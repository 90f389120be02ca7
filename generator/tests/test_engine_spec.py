"""FartSpec: validation, clamping, JSON round trip and schema."""

from __future__ import annotations

import json
import math
import re

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine import PRESETS, ROOMS, FartSpec
from generator.engine.spec import FIELD_NAMES, INT_FIELDS, NUMERIC_FIELDS, PRESET_NAMES, SEED_MAX

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)
field_values = st.fixed_dictionaries(
    {},
    optional={
        **{name: st.floats(bounds.low, bounds.high) for name, bounds in NUMERIC_FIELDS.items()},
        **{name: st.integers(int(bounds.low), int(bounds.high)) for name, bounds in INT_FIELDS.items()},
        "room": st.sampled_from(ROOMS),
        "preset": st.none() | st.sampled_from(PRESET_NAMES),
        "seed": st.integers(0, SEED_MAX),
    },
)


def test_the_spec_and_the_library_name_the_same_presets() -> None:
    assert tuple(PRESETS) == PRESET_NAMES


def test_defaults_make_a_valid_spec() -> None:
    spec = FartSpec()
    assert spec.room == "none"
    assert spec.preset is None


@given(field_values)
def test_a_valid_spec_survives_a_json_round_trip(values: dict) -> None:
    spec = FartSpec.from_dict(values)
    again = FartSpec.from_dict(json.loads(json.dumps(spec.to_dict())))
    assert again == spec
    assert set(spec.to_dict()) == FIELD_NAMES


@given(st.dictionaries(st.sampled_from(sorted(FIELD_NAMES)) | st.text(max_size=10), json_values, max_size=6))
@settings(max_examples=300)
def test_from_dict_gives_a_spec_or_a_value_error_for_any_json(data: dict) -> None:
    outcome: FartSpec | str
    try:
        outcome = FartSpec.from_dict(data)
    except ValueError as error:
        outcome = str(error)
    # Either a spec, or a message the UI can show; never another exception.
    assert isinstance(outcome, FartSpec) or outcome.strip()


@given(st.dictionaries(st.sampled_from(sorted(FIELD_NAMES)), json_values, max_size=6))
@settings(max_examples=300)
def test_clamped_from_dict_gives_a_spec_within_range_or_a_value_error(data: dict) -> None:
    try:
        spec = FartSpec.from_dict(data, clamp=True)
    except ValueError:
        return
    for name, bounds in {**NUMERIC_FIELDS, **INT_FIELDS}.items():
        assert bounds.low <= getattr(spec, name) <= bounds.high


def test_unknown_keys_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"unknown spec field.*colour.*smell"):
        FartSpec.from_dict({"smell": "bad", "colour": "green", "wetness": 0.5})


def test_keys_that_are_not_text_are_refused_with_a_readable_message() -> None:
    with pytest.raises(ValueError, match=r"unknown spec field\(s\): 1, x"):
        FartSpec.from_dict({1: 2, "x": 3})


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration_s", 0.1, "duration_s must be 0.2–12 s, got 0.1"),
        ("duration_s", 13, "duration_s must be 0.2–12 s, got 13"),
        ("pitch_hz", 900, "pitch_hz must be 20–500 Hz, got 900"),
        ("pitch_end_hz", 5.0, "pitch_end_hz must be 20–500 Hz"),
        ("wetness", 1.5, "wetness must be 0–1"),
        ("wetness", math.nan, "wetness must be a number"),
        ("loudness", math.inf, "loudness must be a number"),
        ("roughness", "very", "roughness must be a number"),
        ("tightness", True, "tightness must be a number"),
        ("breathiness", 10**400, "breathiness must be a number"),
        ("bursts", 0, "bursts must be 1–12"),
        ("bursts", 2.5, "bursts must be a whole number"),
        ("room", "kitchen", "room must be one of none, bathroom"),
        ("preset", "fanfare", "preset must be null or one of classic"),
        ("preset", 3, "preset must be null or one of"),
        ("seed", -1, "seed must be a whole number from 0"),
        ("seed", 1.5, "seed must be a whole number from 0"),
    ],
)
def test_invalid_values_raise_a_clear_value_error(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        FartSpec.from_dict({field: value})


def test_error_messages_stay_short_for_huge_input() -> None:
    with pytest.raises(ValueError, match="room must be one of") as caught:
        FartSpec.from_dict({"room": "x" * 10_000})
    assert len(str(caught.value)) < 200


def test_clamping_brings_numbers_to_the_nearest_bound() -> None:
    spec = FartSpec.from_dict({"duration_s": 30, "pitch_hz": 1, "wetness": -2, "bursts": 40}, clamp=True)
    assert (spec.duration_s, spec.pitch_hz, spec.wetness, spec.bursts) == (12.0, 20.0, 0.0, 12)


@pytest.mark.parametrize("seed", [-1, SEED_MAX + 1])
def test_clamping_refuses_a_seed_out_of_range(seed: int) -> None:
    with pytest.raises(ValueError, match="seed must be a whole number from 0"):
        FartSpec.from_dict({"seed": seed}, clamp=True)


def test_clamping_still_refuses_wrong_types() -> None:
    with pytest.raises(ValueError, match="wetness must be a number"):
        FartSpec.from_dict({"wetness": "soaked"}, clamp=True)


def test_with_changes_keeps_the_other_fields() -> None:
    spec = PRESETS["wet_one"].spec.with_changes(wetness=3.0, room="hall")
    assert spec.wetness == 1.0
    assert spec.room == "hall"
    assert spec.pitch_hz == PRESETS["wet_one"].spec.pitch_hz
    assert spec.preset == "wet_one"


def test_the_json_schema_accepts_every_valid_spec_and_nothing_extra() -> None:
    schema = FartSpec.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]) == FIELD_NAMES
    for preset in PRESETS.values():
        jsonschema.validate(preset.spec.to_dict(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**FartSpec().to_dict(), "smell": 1}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"pitch_hz": 900}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"preset": "fanfare"}, schema)


def test_the_json_schema_describes_units_and_ranges() -> None:
    properties = FartSpec.json_schema()["properties"]
    assert properties["pitch_hz"]["minimum"] == 20
    assert "Hz" in properties["pitch_hz"]["description"]
    assert properties["bursts"]["type"] == "integer"
    assert properties["room"]["enum"] == list(ROOMS)
