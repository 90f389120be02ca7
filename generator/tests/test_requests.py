"""Reading generation requests: strict JSON (API, sockets), lenient forms, hostile frames."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.consumers import MAX_FRAME_BYTES, read_frame
from generator.requests import EXAMPLE_PROMPT, BadMessage, GenerationRequest

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
API_FIELDS = st.sampled_from(["prompt", "parameters", "seed", "parent", "variation", "wetness", "HEADERS"])


def outcome(read: Callable[[Any], GenerationRequest], data: Any) -> GenerationRequest | str:
    """The request read, or the message of the BadMessage refusing it (any other exception fails the test)."""
    try:
        return read(data)
    except BadMessage as error:
        return str(error)


@given(st.dictionaries(API_FIELDS, JSON, max_size=5) | JSON)
def test_any_json_is_a_request_or_bad_message(data: Any) -> None:
    for read in (GenerationRequest.from_api, GenerationRequest.from_form):
        result = outcome(read, data)
        if isinstance(result, str):
            assert result
        else:
            assert result.prompt is not None or result.parameters or result.variation


@given(st.text(max_size=200))
def test_any_text_frame_is_json_or_bad_message(frame: str) -> None:
    with contextlib.suppress(BadMessage):
        assert read_frame(frame, None) == json.loads(frame)


@given(st.binary(max_size=50))
def test_any_binary_frame_is_a_bad_message(frame: bytes) -> None:
    with pytest.raises(BadMessage):
        read_frame(None, frame)


@pytest.mark.parametrize("frame", ["NaN", '{"seed": Infinity}', '{"prompt": "toot", "seed": -Infinity}'])
def test_python_only_json_constants_are_refused(frame: str) -> None:
    with pytest.raises(BadMessage):
        read_frame(frame, None)


def test_a_frame_is_measured_in_bytes_not_characters() -> None:
    assert read_frame(json.dumps({"prompt": "a" * 100}), None) == {"prompt": "a" * 100}
    with pytest.raises(BadMessage):
        read_frame(json.dumps({"prompt": "💨" * (MAX_FRAME_BYTES // 4)}), None)


def test_the_api_reads_every_field() -> None:
    parent = uuid.uuid4()
    request = GenerationRequest.from_api(
        {"prompt": "wetter", "parameters": {"duration_s": 99}, "seed": 5, "parent": str(parent)}
    )
    assert request == GenerationRequest(prompt="wetter", parameters={"duration_s": 99}, seed=5, parent_id=parent)


def test_a_blank_prompt_with_parameters_is_a_parameters_request() -> None:
    assert GenerationRequest.from_api({"prompt": "  ", "parameters": {"wetness": 1}}).prompt is None


def test_the_form_reads_strings_and_ignores_htmx_headers() -> None:
    parent = uuid.uuid4()
    request = GenerationRequest.from_form(
        {
            "HEADERS": {"HX-Request": "true"},
            "csrfmiddlewaretoken": "x",
            "parent": str(parent),
            "pitch_hz": "310",
            "bursts": "3",
            "room": "car",
            "wetness": "",
            "prompt": "",
            "seed": "12",
        }
    )
    assert request == GenerationRequest(
        parameters={"pitch_hz": 310.0, "bursts": 3, "room": "car"}, seed=12, parent_id=parent
    )


def test_the_variation_button_is_read_from_the_form() -> None:
    parent = uuid.uuid4()
    assert GenerationRequest.from_form({"variation": "1", "parent": str(parent)}) == GenerationRequest(
        parent_id=parent, variation=True
    )


@pytest.mark.parametrize(
    "form",
    [{}, {"pitch_hz": "loud"}, {"variation": "1"}, {"prompt": "toot", "parent": "nope"}],
)
def test_a_form_that_asks_for_nothing_valid_is_a_bad_message(form: dict[str, str]) -> None:
    with pytest.raises(BadMessage):
        GenerationRequest.from_form(form)


def test_an_empty_prompt_box_makes_the_example() -> None:
    assert GenerationRequest.from_form({"prompt": "   "}) == GenerationRequest(prompt=EXAMPLE_PROMPT)


def test_an_empty_follow_up_stays_a_prompt_so_the_person_hears_what_it_needs() -> None:
    parent = "6f1c1d9e-3f7b-4a57-9d0e-2f8a1c3b5d7e"
    assert GenerationRequest.from_form({"prompt": " ", "parent": parent}).prompt == ""


SEQUENCE = {"parts": [{"duration_s": 0.4}, {"duration_s": 1.5, "pitch_hz": 60}], "gaps_s": [0.3]}


def test_the_api_reads_a_sequence_of_parts() -> None:
    request = GenerationRequest.from_api({"sequence": SEQUENCE})
    assert request.sequence is not None
    assert [part.duration_s for part in request.sequence.parts] == [0.4, 1.5]
    assert request.sequence.gaps_s == (0.3,)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"sequence": [1, 2]}, "sequence must be a JSON object"),
        ({"sequence": {"parts": [{}], "gaps_s": []}}, "a sequence has 2–6 parts"),
        ({"sequence": {"parts": [{}, {}], "gaps_s": [9]}}, "each gap must be"),
        ({"sequence": {"parts": [{"duration_s": 12}, {"duration_s": 12}], "gaps_s": [1]}}, "at most 12 s"),
        ({"sequence": {"parts": [{"wobble": 1}, {}], "gaps_s": [1]}}, "unknown spec field"),
        ({"sequence": SEQUENCE, "prompt": "wet"}, "a prompt or a sequence, not both"),
        ({"parameters": {"wetness": 1}, "part": -1}, "part must be a whole number from 0 to 5"),
        ({"parameters": {"wetness": 1}, "part": "1"}, "part must be a whole number"),
        ({"parameters": {"wetness": 1}, "part": True}, "part must be a whole number"),
        ({"prompt": "wet", "part": 1, "parent": str(uuid.uuid4())}, "part needs parameters"),
        ({"parameters": {"wetness": 1}, "part": 1}, "part needs the sound made of parts"),
    ],
)
def test_a_bad_sequence_or_part_is_a_bad_message_that_says_why(data: dict[str, Any], message: str) -> None:
    with pytest.raises(BadMessage, match=message):
        GenerationRequest.from_api(data)


def test_the_api_reads_a_part_to_change() -> None:
    parent = uuid.uuid4()
    request = GenerationRequest.from_api({"parameters": {"wetness": 1}, "part": 2, "parent": str(parent)})
    assert (request.part, request.parent_id) == (2, parent)


def test_the_form_reads_the_selected_part_and_an_empty_one_as_the_whole() -> None:
    parent = str(uuid.uuid4())
    assert GenerationRequest.from_form({"wetness": "0.5", "part": "1", "parent": parent}).part == 1
    assert GenerationRequest.from_form({"wetness": "0.5", "part": "", "parent": parent}).part is None
    with pytest.raises(BadMessage, match="part must be a number"):
        GenerationRequest.from_form({"wetness": "0.5", "part": "last", "parent": parent})
