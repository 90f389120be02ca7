from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import soundfile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import ApiToken, User
from generator.models import Sound
from generator.tests.audio import stretches_s
from generator.tests.fake_anthropic import SEQUENCE_INPUT, FakeAnthropic, Reply
from generator.tests.hostile import HOSTILE_PROMPTS
from generator.tests.sounds import use_storage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

URL = "/api/generate"


def post(client: Client, body: Any, **headers: str) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data, content_type="application/json", **headers)


def csrf_client(user: User | None = None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def test_the_url_is_named() -> None:
    assert reverse("generator:api_generate") == URL


def test_an_anonymous_program_gets_the_complete_json_and_can_fetch_the_audio() -> None:
    response = post(csrf_client(), {"prompt": "long wet rumbler in a bathtub"})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "complete"
    assert body["progress"] == 100
    sound = Sound.objects.get(id=body["sound_id"])
    assert body["title"] == sound.title
    assert body["spec"] == sound.spec
    assert body["spec"]["room"] == "bathtub"
    assert set(body["formats"]) == {"wav", "mp3", "ogg", "opus"}
    audio = Client().get(body["audio_url"])
    assert audio.status_code == 200
    assert audio["Content-Type"] == "audio/wav"
    assert b"".join(audio.streaming_content)[:4] == b"RIFF"
    assert Client().get(body["formats"]["ogg"]).status_code == 200
    # Without the link's key the private sound is nobody's business.
    assert Client().get(sound.audio_url("wav")).status_code == 404


def test_a_cookie_session_post_without_csrf_token_is_refused(alice: User) -> None:
    response = post(csrf_client(alice), {"prompt": "short toot"})
    assert response.status_code == 403
    assert response.json()["status"] == "error"
    assert not Sound.objects.exists()


def test_an_anonymous_session_post_without_csrf_token_is_refused() -> None:
    client = csrf_client()
    session = client.session
    session["anon_id"] = "visitor-1"
    session.save()
    assert post(client, {"prompt": "short toot"}).status_code == 403
    assert not Sound.objects.exists()


def test_a_cookie_session_post_with_the_csrf_token_makes_a_sound_for_the_user(alice: User) -> None:
    client = csrf_client()
    client.get(reverse("accounts:login"))  # a page with a form hands out the CSRF cookie
    token = client.cookies["csrftoken"].value
    client.force_login(alice)
    response = post(client, {"prompt": "short toot"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
    assert Sound.objects.get(id=response.json()["sound_id"]).owner == alice


def test_a_bearer_token_needs_no_csrf_and_makes_the_sound_for_its_owner(alice: User) -> None:
    _, raw = ApiToken.issue(alice, "script")
    response = post(csrf_client(), {"prompt": "short toot"}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 201
    sound = Sound.objects.get(id=response.json()["sound_id"])
    assert sound.owner == alice
    # The owner's token also opens the plain audio URL.
    assert Client().get(sound.audio_url(), HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_a_wrong_bearer_token_gets_401() -> None:
    response = post(csrf_client(), {"prompt": "short toot"}, HTTP_AUTHORIZATION="Bearer fg_nope")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[1, 2]",
        {},
        {"prompt": 5},
        {"prompt": "toot", "colour": "brown"},
        {"parameters": {"wetness": "very"}},
        {"parameters": {"smell": 1}},
        {"prompt": "toot", "seed": -1},
        {"prompt": "toot", "parent": "not-a-uuid"},
        {"variation": True},
        '{"prompt": "hi", "seed": ' + "1" * 5000 + "}",
    ],
)
def test_malformed_requests_get_bad_message(body: Any) -> None:
    response = post(csrf_client(), body)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_message"
    assert response.json()["error"]


def test_a_form_encoded_post_gets_bad_message() -> None:
    response = csrf_client().post(URL, {"prompt": "toot"})
    assert response.status_code == 400
    assert response.json()["code"] == "bad_message"


def test_a_prompt_too_long_gets_invalid_prompt() -> None:
    response = post(csrf_client(), {"prompt": "p" * 501})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_prompt"


def test_a_failure_on_our_side_carries_the_request_id(settings: Settings, media: Path) -> None:
    use_storage(settings, "generator.tests.sounds.FailingStorage", location=str(media))
    response = post(Client(), {"prompt": "short toot"}, headers={"X-Request-ID": "lb-0000failing"})
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "internal"
    assert body["request_id"] == "lb-0000failing"


def test_get_is_not_allowed() -> None:
    assert Client().get(URL).status_code == 405


def test_a_follow_up_refines_its_parent(alice: User) -> None:
    _, raw = ApiToken.issue(alice, "script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    first = post(Client(), {"prompt": "short dry toot"}, **auth).json()
    second = post(Client(), {"prompt": "make it wetter", "parent": first["sound_id"]}, **auth).json()
    assert second["status"] == "complete"
    assert Sound.objects.get(id=second["sound_id"]).parent_id == Sound.objects.get(id=first["sound_id"]).id
    assert second["spec"]["wetness"] > first["spec"]["wetness"]


def test_parameters_override_what_the_prompt_says(alice: User) -> None:
    body = post(Client(), {"prompt": "long wet rumbler", "parameters": {"duration_s": 0.5, "room": "car"}}).json()
    assert body["spec"]["duration_s"] == 0.5
    assert body["spec"]["room"] == "car"


def test_someone_elses_private_parent_is_not_found(alice: User, bob: User) -> None:
    _, alices = ApiToken.issue(alice, "a")
    _, bobs = ApiToken.issue(bob, "b")
    parent = post(Client(), {"prompt": "toot"}, HTTP_AUTHORIZATION=f"Bearer {alices}").json()["sound_id"]
    response = post(Client(), {"prompt": "wetter", "parent": parent}, HTTP_AUTHORIZATION=f"Bearer {bobs}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    unknown = post(
        Client(),
        {"prompt": "wetter", "parent": "00000000-0000-4000-8000-000000000000"},
        HTTP_AUTHORIZATION=f"Bearer {bobs}",
    )
    assert unknown.json() == response.json()


def test_twenty_anonymous_generations_pass_and_the_21st_is_limited() -> None:
    statuses = [post(Client(), {"prompt": "tiny toot"}).status_code for _ in range(20)]
    assert statuses == [201] * 20
    response = post(Client(), {"prompt": "tiny toot"})
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "rate_limited"
    assert 0 < body["retry_after_s"] <= 3600
    assert response["Retry-After"] == str(body["retry_after_s"])
    assert "minute" in body["error"]
    assert Sound.objects.count() == 20


def test_a_variation_is_numbered_after_its_parent_and_changes_the_seed(alice: User) -> None:
    _, raw = ApiToken.issue(alice, "script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    first = post(Client(), {"prompt": "long wet rumbler"}, **auth).json()
    variation = post(Client(), {"variation": True, "parent": first["sound_id"]}, **auth).json()
    assert variation["status"] == "complete"
    sound = Sound.objects.get(id=variation["sound_id"])
    assert sound.source == "variation"
    assert sound.title == f"{first['title']}, variation 1"
    assert variation["spec"]["seed"] != first["spec"]["seed"]
    for name in ("duration_s", "wetness", "pitch_hz"):
        assert variation["spec"][name] == pytest.approx(first["spec"][name], rel=0.3, abs=0.05)


@pytest.mark.django_db
def test_a_get_is_refused_in_json() -> None:
    response = Client().get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json()["code"] == "bad_message"


def test_several_takes_answer_as_a_list_of_sounds_with_one_reading_and_different_seeds() -> None:
    response = post(Client(), {"prompt": "long wet rumbler", "takes": 3})
    assert response.status_code == 201
    sounds = response.json()["sounds"]
    assert [sound["take"] for sound in sounds] == [1, 2, 3]
    assert len({sound["spec"]["seed"] for sound in sounds}) == 3
    readings = [{k: v for k, v in sound["spec"].items() if k != "seed"} for sound in sounds]
    assert readings[0] == readings[1] == readings[2]
    assert [sound["title"] for sound in sounds[1:]] == [f"{sounds[0]['title']}, take {n}" for n in (2, 3)]
    first = Sound.objects.get(id=sounds[0]["sound_id"])
    assert [str(take.id) for take in first.takes()] == [sound["sound_id"] for sound in sounds]


def test_one_take_answers_as_the_sound_itself() -> None:
    body = post(Client(), {"prompt": "long wet rumbler", "takes": 1}).json()
    assert body["status"] == "complete"
    assert "sounds" not in body


@pytest.mark.parametrize("takes", [0, 5, "3", 2.5, True, None])
def test_takes_must_be_one_to_four(takes: object) -> None:
    response = post(Client(), {"prompt": "toot", "takes": takes})
    assert response.status_code == 400
    assert response.json()["code"] == "bad_message"
    assert not Sound.objects.exists()


def test_without_a_seed_the_same_words_make_a_new_take_every_time() -> None:
    seeds = {post(Client(), {"prompt": "long wet rumbler"}).json()["spec"]["seed"] for _ in range(3)}
    assert len(seeds) == 3


def test_with_a_seed_the_same_words_make_the_same_sound_and_the_same_takes() -> None:
    first = post(Client(), {"prompt": "long wet rumbler", "seed": 42, "takes": 2}).json()["sounds"]
    again = post(Client(), {"prompt": "long wet rumbler", "seed": 42, "takes": 2}).json()["sounds"]
    assert [sound["spec"] for sound in first] == [sound["spec"] for sound in again]
    assert [sound["spec"]["seed"] for sound in first] == [42, 43]


def test_several_takes_spend_one_generation(settings: Any) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_ANON = 1
    assert post(Client(), {"prompt": "toot", "takes": 4}).status_code == 201
    assert Sound.objects.count() == 4
    assert post(Client(), {"prompt": "another toot"}).status_code == 429
SEQUENCE = {
    "parts": [{"duration_s": 0.35, "pitch_hz": 190, "seed": 1}, {"duration_s": 1.5, "pitch_hz": 55, "seed": 2}],
    "gaps_s": [0.4],
}


def test_complete_says_what_was_understood_and_ignored() -> None:
    body = post(Client(), {"prompt": "long wet rumbler in a bathtub"}).json()
    sound = Sound.objects.get(id=body["sound_id"])
    assert body["understood"] == sound.understood
    assert body["ignored"] == sound.ignored
    assert isinstance(body["understood"], list)
    assert all(set(heard) == {"words", "effect"} for heard in body["understood"])
    assert "parts" not in body


def test_a_sequence_comes_back_with_its_parts() -> None:
    response = post(Client(), {"sequence": SEQUENCE})
    assert response.status_code == 201
    body = response.json()
    assert [part["duration_s"] for part in body["parts"]] == [0.35, 1.5]
    assert body["gaps_s"] == [0.4]
    assert body["spec"] == body["parts"][0]
    assert body["duration_s"] == pytest.approx(2.25, abs=0.01)


def test_parameters_can_address_one_part_of_the_parent(alice: User) -> None:
    _, raw = ApiToken.issue(alice, "script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    first = post(Client(), {"sequence": SEQUENCE}, **auth).json()
    second = post(Client(), {"parent": first["sound_id"], "part": 1, "parameters": {"wetness": 0.9}}, **auth).json()
    assert second["status"] == "complete"
    assert second["parts"][0] == first["parts"][0]
    assert second["parts"][1]["wetness"] == 0.9
    bad = post(Client(), {"parent": first["sound_id"], "part": 4, "parameters": {"wetness": 0.9}}, **auth)
    assert bad.status_code == 400
    assert bad.json() == {
        "status": "error", "code": "invalid_prompt", "error": "part must be 0–1 for a sound of 2 parts"
    }


def test_a_follow_up_that_changes_nothing_is_no_change_and_makes_no_sound(alice: User) -> None:
    _, raw = ApiToken.issue(alice, "script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    first = post(Client(), {"prompt": "short dry toot"}, **auth).json()
    response = post(Client(), {"parent": first["sound_id"], "prompt": "qwzxv"}, **auth)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "no_change"
    assert body["error"].startswith("That wouldn't change the sound")
    assert isinstance(body["understood"], list)
    assert isinstance(body["ignored"], list)
    assert Sound.objects.count() == 1


@pytest.mark.parametrize("prompt", HOSTILE_PROMPTS)
def test_hostile_prompts_get_a_sound_with_ignored_words_or_a_clear_message(prompt: str) -> None:
    response = post(Client(), {"prompt": prompt})
    body = response.json()
    if response.status_code == 201:
        assert body["title"]
        # Something is said back: the words it used, or those it could not.
        assert body["understood"] or body["ignored"]
        assert all(isinstance(word, str) for word in body["ignored"])
    else:
        assert (response.status_code, body["code"]) == (400, "invalid_prompt")
        assert body["error"].endswith(".")


@pytest.mark.parametrize("size", [16 * 1024 + 1, 3 * 1024 * 1024])
def test_a_body_over_16_kb_is_a_json_bad_message(size: int) -> None:
    # 3 MB is past Django's own DATA_UPLOAD_MAX_MEMORY_SIZE, whose refusal is an HTML page: the declared length is
    # checked first.
    response = post(Client(), json.dumps({"prompt": "x" * size}))
    assert response.status_code == 400
    assert response.json() == {"status": "error", "code": "bad_message", "error": "A request must be at most 16 KB."}


def test_markup_comes_back_as_the_words_it_could_not_use() -> None:
    body = post(Client(), {"prompt": "<script>alert('fart')</script>"}).json()
    assert body["status"] == "complete"
    assert {"script", "alert"} <= set(body["ignored"])


def test_zero_width_characters_alone_are_no_description() -> None:
    response = post(Client(), {"prompt": "\u200b\u200c\u200d\ufeff"})
    assert response.status_code == 400
    assert response.json()["error"] == "Type a few words to describe your fart."


@pytest.fixture
def claude(settings: Settings) -> Iterator[FakeAnthropic]:
    """Claude's Messages API, faked on 127.0.0.1, reading every prompt."""
    with FakeAnthropic() as server:
        settings.ANTHROPIC_API_KEY = "sk-test-not-a-real-key"
        settings.ANTHROPIC_BASE_URL = server.url
        settings.ANTHROPIC_TIMEOUT_S = 2.0
        yield server


def test_claudes_answer_in_parts_comes_back_as_parts_with_what_it_heard(claude: FakeAnthropic, media: Path) -> None:
    claude.queue(Reply.tool_use(SEQUENCE_INPUT))
    response = post(Client(), {"prompt": "two quick squeaks then a long rumble for Gerald"})
    assert response.status_code == 201
    body = response.json()
    assert [part["preset"] for part in body["parts"]] == ["squeaker", "squeaker", "rumbler"]
    assert body["gaps_s"] == [0.2, 0.3]
    assert body["understood"] == SEQUENCE_INPUT["understood"]
    assert body["ignored"] == ["Gerald"]
    sound = Sound.objects.get(id=body["sound_id"])
    samples, sr = soundfile.read(media / sound.wav.name, dtype="float32")
    lengths = [end - start for start, end in stretches_s(samples, sr)]
    assert len(lengths) == 3
    assert lengths[-1] > 3 * max(lengths[:-1])


def test_a_bad_answer_from_claude_falls_back_to_the_local_reading_with_nothing_lost(claude: FakeAnthropic) -> None:
    claude.default = Reply.tool_use({**SEQUENCE_INPUT, "gaps_s": [0.2]})
    body = post(Client(), {"prompt": "three short toots then a long rumble"}).json()
    assert body["status"] == "complete"
    assert len(body["parts"]) == 4
    assert {"words": "rumble", "effect": "part 4: preset: rumbler"} in body["understood"]
