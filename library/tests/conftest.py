from __future__ import annotations

from collections.abc import Callable

import pytest

from accounts.models import User
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import GenerationRequest, generate

MakeSound = Callable[..., Sound]


@pytest.fixture
def make_sound(db: None) -> MakeSound:
    """Makes a real sound through the pipeline, owned by `user`."""

    def make(user: User, prompt: str = "short squeaky toot", visibility: str = "private") -> Sound:
        update = generate(GenerationRequest(prompt=prompt), Maker(user=user, anon_id=None, ip="127.0.0.1"))
        assert update.status == "complete", update.error
        sound = update.sound
        if visibility != sound.visibility:
            sound.visibility = visibility
            sound.save(update_fields=["visibility"])
        return sound

    return make
