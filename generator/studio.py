"""What the studio shows around the current sound: its versions and the takes it came with.

The page view, the keep view and the page's socket render the same fragments with this context.
"""

from __future__ import annotations

from typing import Any

from generator.makers import Maker
from generator.models import Sound
from generator.versions import lineage


def card_context(sound: Sound, maker: Maker) -> dict[str, Any]:
    """The result card's and the takes strip's context for `sound`."""
    # The first of several takes arrives before the others exist: its take number says more are coming.
    takes = sound.takes() if sound.take_number else []
    return {
        "sound": sound,
        "maker": maker,
        "user": maker.user,
        "versions": lineage(sound, maker),
        "takes": takes,
    }
