"""The trash: deleting a sound or collection parks it for TRASH_RETENTION, and the message says how to undo it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest

# A message whose extra tags start with this carries the restore URL after it: base.html turns it into an Undo button.
UNDO_TAG = "undo:"


def say_trashed(request: HttpRequest, name: str, restore_url: str) -> None:
    messages.success(request, f"“{name}” moved to the trash.", extra_tags=f"{UNDO_TAG}{restore_url}")


def undo_url(message: messages.storage.base.Message) -> str:
    """The restore URL a trash message carries, or an empty string."""
    tags = message.extra_tags or ""
    return tags.removeprefix(UNDO_TAG) if tags.startswith(UNDO_TAG) else ""
