"""Who may publish a sound or a collection: publishing needs a verified email, making it private again never does."""

from __future__ import annotations

from typing import Any

from generator.models import Sound
from library.models import Collection


class PublishRefused(Exception):
    """The message is shown to the user as is."""


def set_visibility(shared: Sound | Collection, user: Any, *, make_public: bool) -> None:
    if make_public and not (user.is_authenticated and user.email_verified):
        raise PublishRefused("Verify your email address before sharing publicly (see your account page).")
    shared.visibility = Sound.Visibility.PUBLIC if make_public else Sound.Visibility.PRIVATE
    shared.save(update_fields=["visibility"])
