"""Keeping sounds with their makers and files with their rows."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.http import HttpRequest

from generator import storage as audio_files
from generator.makers import ANON_SESSION_KEY
from generator.models import AUDIO_FORMATS, Sound

logger = logging.getLogger(__name__)


@receiver(user_logged_in)
def adopt_anonymous_sounds(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Sounds made before signing up or logging in move to the account (the session data survives the login)."""
    if request is None or not hasattr(request, "session"):
        return
    anon_id = request.session.get(ANON_SESSION_KEY)
    if not anon_id:
        return
    # Trashed ones too, so that they can still be restored from the account's trash.
    moved = Sound.all_objects.filter(owner__isnull=True, anon_id=anon_id).update(owner=user, anon_id="")
    if moved:
        logger.info("moved %d anonymous sound(s) to user %s", moved, user.pk)


@receiver(pre_delete, sender=Sound)
def remember_audio_files(sender: type[Sound], instance: Sound, **kwargs: Any) -> None:
    # From the row, not the instance: the instance may predate an MP3 or OGG made since.
    row = Sound.all_objects.filter(pk=instance.pk).values_list(*AUDIO_FORMATS).first()
    instance._audio_names = [name for name in row or () if name]


@receiver(post_delete, sender=Sound)
def delete_audio_files(sender: type[Sound], instance: Sound, **kwargs: Any) -> None:
    """A deleted row takes its files along, once the deletion is committed (a rollback keeps both)."""
    names = getattr(instance, "_audio_names", [])

    def delete() -> None:
        for name in names:
            audio_files.delete_file(name)

    transaction.on_commit(delete)
