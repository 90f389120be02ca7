"""A preset's name in a prompt: the pipeline starts from the maker's preset and reads the rest as a follow-up."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async

from accounts.models import User
from generator.engine.spec import FartSpec
from generator.makers import Maker
from generator.pipeline import run
from generator.requests import GenerationRequest
from generator.tests.sounds import made_by
from library import presets
from library.models import UserPreset

USUAL = FartSpec(wetness=0.3, room="car", duration_s=2.0, pitch_hz=140.0)

pytestmark = pytest.mark.usefixtures("media")


def _usual(owner: User) -> UserPreset:
    return UserPreset.objects.create(owner=owner, name="my usual", spec=presets.settings_of(USUAL))


def test_the_name_alone_makes_the_preset_as_it_is(alice: User) -> None:
    _usual(alice)
    sound = made_by(alice, "My usual")
    spec = sound.spec_obj
    assert (spec.wetness, spec.room, spec.duration_s, spec.pitch_hz) == (0.3, "car", 2.0, 140.0)
    assert sound.title == "My usual"
    assert sound.prompt == "My usual"


def test_the_rest_of_the_prompt_changes_the_preset(alice: User) -> None:
    _usual(alice)
    spec = made_by(alice, "my usual but wetter").spec_obj
    assert spec.wetness > USUAL.wetness
    assert (spec.room, spec.pitch_hz) == ("car", 140.0)
    assert made_by(alice, "my usual in a bathtub").spec_obj.room == "bathtub"


def test_the_same_name_and_another_prompt_are_different_takes(alice: User) -> None:
    _usual(alice)
    assert made_by(alice, "my usual").seed != made_by(alice, "my usual, please").seed


def test_another_makers_preset_means_nothing(alice: User, bob: User) -> None:
    _usual(alice)
    spec = made_by(bob, "my usual").spec_obj
    assert (spec.room, spec.pitch_hz) != ("car", 140.0)


@pytest.mark.django_db(transaction=True)
async def test_the_socket_path_finds_the_preset_too(alice: User, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    await sync_to_async(_usual)(alice)
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    updates = [update async for update in run(GenerationRequest(prompt="my usual but wetter"), maker)]
    assert updates[-1].status == "complete", updates[-1].error
    spec = updates[-1].sound.spec_obj
    assert spec.room == "car"
    assert spec.wetness > USUAL.wetness
