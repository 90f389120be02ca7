from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from generator.models import Sound, SoundQuerySet
from library.models import Favorite

# "Popular" weighs what happened lately, so a sound that was a hit last year does not sit on top for ever.
POPULAR_WINDOW = timedelta(days=7)


class Play(models.Model):
    """A listener started a sound's audio (counted once per listener and sound per hour; owners and bots not)."""

    sound = models.ForeignKey(Sound, on_delete=models.CASCADE, related_name="plays")
    played_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["sound", "played_at"], name="play_sound_recent")]

    def __str__(self) -> str:
        return f"{self.sound_id} at {self.played_at:%Y-%m-%d %H:%M}"


def _recent_count(model: type[models.Model], since_field: str, since: object) -> Subquery:
    # A subquery per count: two joined Counts would multiply each other's rows.
    rows = (
        model.objects.filter(sound=OuterRef("pk"), **{f"{since_field}__gte": since})
        .order_by()
        .values("sound")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=models.IntegerField()), Value(0))


def with_recent_counts(sounds: SoundQuerySet) -> SoundQuerySet:
    """Annotate `recent_plays`, `recent_favorites` and their sum `popularity` over the popular window."""
    since = timezone.now() - POPULAR_WINDOW
    return sounds.annotate(
        recent_plays=_recent_count(Play, "played_at", since),
        recent_favorites=_recent_count(Favorite, "created_at", since),
    ).annotate(popularity=models.F("recent_plays") + models.F("recent_favorites"))


def search(sounds: SoundQuerySet, text: str) -> SoundQuerySet:
    """Sounds whose title or prompt holds every word of `text`, in any case."""
    for word in text.split()[:8]:
        sounds = sounds.filter(Q(title__icontains=word) | Q(prompt__icontains=word))
    return sounds
