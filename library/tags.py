"""Tags: free words a signed-in user files their own sounds under, one set per owner."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet

from generator.models import Sound
from library.models import Tag

MAX_TAG_CHARS = 40
MAX_TAGS_PER_SOUND = 20
# Enough for any filing scheme a person keeps in their head; small enough for one autocomplete list.
MAX_TAGS_PER_OWNER = 300


class TagRefused(ValueError):
    """The message is shown to the user as is."""


def clean_name(raw: str) -> str:
    """A tag as typed, tidied: inner runs of spaces become one, a leading # goes. Raises TagRefused."""
    name = " ".join(str(raw).split()).lstrip("#").strip()
    if not name:
        raise TagRefused("Type a word to tag it with.")
    if len(name) > MAX_TAG_CHARS:
        raise TagRefused(f"Keep a tag to {MAX_TAG_CHARS} characters (this one has {len(name)}).")
    if any(not char.isprintable() for char in name):
        raise TagRefused("A tag is plain text.")
    return name


def add(sound: Sound, user: Any, raw_name: str) -> Tag:
    """Tag the user's own sound (the tag is made if new). Raises TagRefused."""
    name = clean_name(raw_name)
    tag = _find_or_make(user, name)
    if not tag.sounds.filter(pk=sound.pk).exists():
        if sound.tags.count() >= MAX_TAGS_PER_SOUND:
            raise TagRefused(f"A sound can have at most {MAX_TAGS_PER_SOUND} tags.")
        tag.sounds.add(sound)
    return tag


def remove(sound: Sound, tag: Tag) -> None:
    """Untag the sound; a tag left on no sound goes, so autocomplete offers only tags in use."""
    tag.sounds.remove(sound)
    # Through the link table: a sound in the trash still has its tags, and gets them back when restored.
    if not Tag.sounds.through.objects.filter(tag_id=tag.pk).exists():
        tag.delete()


def replace(sound: Sound, user: Any, raw_names: list[str]) -> None:
    """Give the sound exactly these tags (the API's PATCH). Raises TagRefused before changing anything."""
    by_key: dict[str, str] = {}
    for raw in raw_names:
        name = clean_name(raw)
        by_key.setdefault(name.casefold(), name)
    if len(by_key) > MAX_TAGS_PER_SOUND:
        raise TagRefused(f"A sound can have at most {MAX_TAGS_PER_SOUND} tags.")
    with transaction.atomic():
        for tag in list(sound.tags.all()):
            if tag.name.casefold() not in by_key:
                remove(sound, tag)
        for name in by_key.values():
            add(sound, user, name)


def of_owner(user: Any) -> QuerySet[Tag]:
    """The user's tags with how many sounds each is on, most used first (autocomplete, the API). A tag held only by
    sounds in the trash is left out until one of them is restored: filing under it would find nothing."""
    in_library = Count("sounds", filter=Q(sounds__deleted_at__isnull=True))
    return (
        Tag.objects.owned_by(user)
        .annotate(sound_count=in_library)
        .filter(sound_count__gt=0)
        .order_by("-sound_count", "name")
    )


def names_for_autocomplete(user: Any) -> list[str]:
    return list(of_owner(user).values_list("name", flat=True))


def _find_or_make(user: Any, name: str) -> Tag:
    existing = Tag.objects.filter(owner=user, name__iexact=name).first()
    if existing is not None:
        return existing
    if Tag.objects.filter(owner=user).count() >= MAX_TAGS_PER_OWNER:
        raise TagRefused(f"You have {MAX_TAGS_PER_OWNER} tags already: reuse one of them.")
    try:
        # Two tabs tagging at once may both get here: the unique constraint lets one in, the other reads it.
        with transaction.atomic():
            return Tag.objects.create(owner=user, name=name)
    except IntegrityError:
        return Tag.objects.get(owner=user, name__iexact=name)
