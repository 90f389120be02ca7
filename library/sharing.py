"""Who may publish a sound: publishing needs a verified email, making it private again never does."""

from __future__ import annotations

from typing import Any

from generator.models import Sound


class PublishRefused(Exception):
    """The message is shown to the user as is."""


def set_visibility(sound: Sound, user: Any, *, make_public: bool) -> None:
    if make_public and not (user.is_authenticated and user.email_verified):
        raise PublishRefused("Verify your email address before sharing sounds publicly (see your account page).")
    sound.visibility = "public" if make_public else "private"
    sound.save(update_fields=["visibility"])
