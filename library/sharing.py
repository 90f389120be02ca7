"""Who may share a sound or a collection, and how widely.

Private: only the maker. Link: anyone with the address (any maker, anonymous ones included). Public: also listed on
Explore, which needs an account with a verified email. Making something less shared never needs anything.
"""

from __future__ import annotations

from typing import Any

from generator.models import Sound
from library.models import Collection

Visibility = Sound.Visibility
VERIFY_FIRST = "Verify your email address before listing it on Explore: your account page sends the link."
SIGN_UP_FIRST = "Sign up and verify your email address to list it on Explore; anyone with the link can hear it already."


class PublishRefused(Exception):
    """The message is shown to the user as is."""


def publish_refusal(user: Any) -> str | None:
    """Why this user may not make things public (shown next to the choice, before any click), or None."""
    if not user.is_authenticated:
        return SIGN_UP_FIRST
    if not user.email_verified:
        return VERIFY_FIRST
    return None


def set_visibility(shared: Sound | Collection, user: Any, visibility: str) -> None:
    """Share `shared` as `visibility` (a Visibility value). Raises PublishRefused."""
    if visibility not in Visibility.values:
        raise PublishRefused("Choose private, anyone with the link, or public.")
    if visibility == Visibility.PUBLIC and (refusal := publish_refusal(user)):
        raise PublishRefused(refusal)
    shared.visibility = visibility
    shared.save(update_fields=["visibility"])


def share_private_sounds(collection: Collection) -> int:
    """Open the owner's private sounds in the collection to anyone with the link (what its visitors need to hear
    them); returns how many changed."""
    mine = collection.sounds.filter(owner=collection.owner, visibility=Visibility.PRIVATE)
    return Sound.objects.filter(pk__in=mine.values("pk")).update(visibility=Visibility.LINK)
