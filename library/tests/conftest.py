from __future__ import annotations

from collections.abc import Callable

import pytest

from accounts.models import User
from generator.models import Sound
from generator.tests.sounds import made_by

MakeSound = Callable[..., Sound]


@pytest.fixture
def make_sound(db: None) -> MakeSound:
    """Makes a real sound through the pipeline, owned by `user`."""

    def make(user: User, prompt: str = "short squeaky toot", visibility: str = "private") -> Sound:
        sound = made_by(user, prompt)
        if visibility != sound.visibility:
            sound.visibility = visibility
            sound.save(update_fields=["visibility"])
        return sound

    return make
