from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from generator.engine.sequence import FartSequence, Recipe
from generator.engine.spec import FartSpec

if TYPE_CHECKING:
    from generator.makers import Maker

PEAKS_COUNT = 240
AUDIO_FORMATS = ("wav", "mp3", "ogg", "opus")
# How long an audio link handed to an API client stays good (like a presigned S3 URL): long enough to fetch the
# sound it just made, short enough that a leaked link to a private sound soon goes dead.
AUDIO_LINK_MAX_AGE_S = 3600
_audio_signer = signing.TimestampSigner(salt="generator.sound.audio")
# A deleted sound or collection waits this long in its owner's trash, then `manage.py purge` removes it for good.
TRASH_RETENTION = timedelta(days=7)


def trash_cutoff() -> datetime:
    """Things deleted before this moment can no longer be restored."""
    return timezone.now() - TRASH_RETENTION


class LiveManager(models.Manager):
    """The default manager of things that can be in a trash: it leaves out what was deleted, so no page, socket or
    query anywhere can show a trashed thing by forgetting to ask. `all_objects` still sees everything."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoundQuerySet(models.QuerySet["Sound"]):
    def owned_by(self, maker: Maker) -> SoundQuerySet:
        if maker.user is not None:
            return self.filter(owner=maker.user)
        if maker.anon_id:
            return self.filter(owner__isnull=True, anon_id=maker.anon_id)
        return self.none()

    def visible_to(self, maker: Maker) -> SoundQuerySet:
        """The maker's own sounds (hidden ones included) and everyone's shared sounds (public or by link) that
        moderation left up: whoever has a shared sound's address may hear it."""
        shared = Q(visibility__in=Sound.SHARED, is_hidden=False)
        if maker.user is not None:
            return self.filter(shared | Q(owner=maker.user))
        if maker.anon_id:
            return self.filter(shared | Q(owner__isnull=True, anon_id=maker.anon_id))
        return self.filter(shared)

    def listed(self) -> SoundQuerySet:
        """What Explore lists: public sounds that moderation left up."""
        return self.filter(visibility=Sound.Visibility.PUBLIC, is_hidden=False)

    def recent_for(self, maker: Maker, limit: int = 10) -> SoundQuerySet:
        return self.owned_by(maker).order_by("-created_at")[:limit]

    def in_trash(self) -> SoundQuerySet:
        """Deleted sounds that can still be restored (use it on Sound.all_objects)."""
        return self.filter(deleted_at__gte=trash_cutoff())


class Sound(models.Model):
    """One generated sound: how it was asked for, the spec that renders it, and its audio files."""

    class Source(models.TextChoices):
        CLAUDE = "claude", "Claude"
        LOCAL = "local", "Local interpreter"
        CACHE = "cache", "Cache"
        PARAMETERS = "parameters", "Parameters"
        VARIATION = "variation", "Variation"

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private"
        LINK = "link", "Anyone with the link"
        PUBLIC = "public", "Public"

    # Visibilities a visitor other than the maker may open.
    SHARED = (Visibility.LINK, Visibility.PUBLIC)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="sounds"
    )
    anon_id = models.CharField(max_length=64, blank=True, help_text="The anonymous maker's id.")
    prompt = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=120)
    spec = models.JSONField(
        help_text="FartSpec.to_dict(): renders this sound exactly with its engine version (its first part's, when it "
        "has parts)."
    )
    sequence = models.JSONField(
        null=True,
        blank=True,
        help_text="FartSequence.to_dict() when the sound is made of parts in order; they render it, not `spec`.",
    )
    understood = models.JSONField(
        default=list, blank=True, help_text='The phrases of the prompt that were applied: [{"words", "effect"}].'
    )
    ignored = models.JSONField(default=list, blank=True, help_text="The words of the prompt that could not be used.")
    seed = models.BigIntegerField()
    engine_version = models.CharField(max_length=32)
    sample_rate = models.PositiveIntegerField(default=44100)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    source = models.CharField(max_length=12, choices=Source)
    duration_s = models.FloatField()
    take_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="other_takes",
        help_text="The first take of the request that made this one as another take.",
    )
    take_number = models.PositiveSmallIntegerField(
        default=0, help_text="1–4: one of several takes of one request; 0: a sound made alone."
    )
    is_kept = models.BooleanField(default=False, help_text="The take its maker kept of the request's takes.")
    peaks = models.JSONField(default=list, help_text=f"{PEAKS_COUNT} [min, max] pairs for drawing the waveform.")
    visibility = models.CharField(max_length=8, choices=Visibility, default=Visibility.PRIVATE)
    is_hidden = models.BooleanField(default=False, help_text="Hidden by a moderator: only its owner still sees it.")
    timings_ms = models.JSONField(default=dict, help_text="Time spent in each stage of the generation.")
    created_at = models.DateTimeField(default=timezone.now)
    wav = models.FileField(max_length=200)
    mp3 = models.FileField(max_length=200, blank=True)
    ogg = models.FileField(max_length=200, blank=True)
    opus = models.FileField(max_length=200, blank=True, help_text="Opus in Ogg: what players stream.")
    deleted_at = models.DateTimeField(null=True, blank=True, help_text="In its owner's trash since then.")

    objects = LiveManager.from_queryset(SoundQuerySet)()
    all_objects = SoundQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="sound_owner_recent"),
            models.Index(fields=["anon_id", "-created_at"], name="sound_anon_recent"),
            models.Index(fields=["visibility", "is_hidden", "-created_at"], name="sound_public_recent"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(owner__isnull=False) | ~Q(anon_id=""), name="sound_has_a_maker"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("generator:sound", kwargs={"sound_id": self.id})

    def audio_url(self, fmt: str = "wav") -> str:
        """The audio view's URL (inline, for the player); it checks who asks."""
        return reverse("generator:audio", kwargs={"sound_id": self.id, "fmt": fmt})

    def download_url(self, fmt: str = "wav") -> str:
        """The audio view's URL as an attachment with a readable file name."""
        return f"{self.audio_url(fmt)}?download=1"

    def signed_audio_url(self, fmt: str = "wav") -> str:
        """The audio URL with a key that lets whoever holds it fetch this sound for AUDIO_LINK_MAX_AGE_S.

        The API hands these to its clients, so a program without cookies can fetch the sound it just made.
        """
        return f"{self.audio_url(fmt)}?key={self._link_key()}"

    def signed_audio_urls(self) -> dict[str, str]:
        """signed_audio_url() of every format, signed once: the key is the sound's, whatever the format."""
        key = self._link_key()
        # One reverse() for all formats: only the extension differs.
        stem = self.audio_url("wav").removesuffix("wav")
        return {fmt: f"{stem}{fmt}?key={key}" for fmt in AUDIO_FORMATS}

    def _link_key(self) -> str:
        return _audio_signer.sign(str(self.id)).split(":", 1)[1]

    def link_key_is_valid(self, key: str) -> bool:
        try:
            _audio_signer.unsign(f"{self.id}:{key}", max_age=AUDIO_LINK_MAX_AGE_S)
        except signing.BadSignature:
            return False
        return True

    @property
    def spec_obj(self) -> FartSpec:
        return FartSpec.from_dict(self.spec)

    @property
    def sequence_obj(self) -> FartSequence | None:
        return FartSequence.from_dict(self.sequence) if self.sequence else None

    @property
    def recipe(self) -> Recipe:
        """What renders this sound: its sequence of parts, or its one spec."""
        return self.sequence_obj or self.spec_obj

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def is_shared(self) -> bool:
        return self.visibility in self.SHARED and not self.is_hidden

    @property
    def remixed_from(self) -> Sound | None:
        """The parent when someone else made it (this sound remixes theirs), else None."""
        parent = self.parent
        return parent if parent is not None and not parent.same_maker(self) else None

    def same_maker(self, other: Sound) -> bool:
        if self.owner_id is not None:
            return self.owner_id == other.owner_id
        return other.owner_id is None and self.anon_id == other.anon_id

    @property
    def length_s(self) -> float:
        """The length a person set (the Length slider's number): the sound without its room's echo; for a sound
        made of parts, its parts and pauses."""
        if self.sequence:
            parts = self.sequence.get("parts", [])
            return float(sum(part["duration_s"] for part in parts) + sum(self.sequence.get("gaps_s", [])))
        return float(self.spec.get("duration_s", self.duration_s))

    @property
    def tail_s(self) -> float:
        """How long the room's echo rings on after the sound: the audio file is this much longer than length_s."""
        return max(0.0, self.duration_s - self.length_s)

    @property
    def is_take(self) -> bool:
        """One of several takes that its maker did not keep (yet): history marks it so."""
        return self.take_number > 0 and not self.is_kept

    def takes(self) -> list[Sound]:
        """All takes of the request that made this sound, in order (just this sound when it was made alone)."""
        first_id = self.take_of_id or self.id
        return list(Sound.objects.filter(Q(id=first_id) | Q(take_of_id=first_id)).order_by("created_at", "id"))

    def keep(self) -> None:
        """This take becomes a sound of its own; the request's other takes stay marked as takes."""
        if self.take_number and not self.is_kept:
            self.is_kept = True
            self.save(update_fields=["is_kept"])

    def can_edit(self, maker: Maker) -> bool:
        if maker.user is not None:
            return self.owner_id == maker.user.pk
        return self.owner_id is None and bool(maker.anon_id) and self.anon_id == maker.anon_id

    def file_name(self, fmt: str) -> str:
        """A readable download name from the title: `long-wet-rumbler.wav`."""
        return f"{slugify(self.title)[:60].strip('-') or 'fart'}.{fmt}"

    def move_to_trash(self) -> None:
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at"])

    def restore(self) -> None:
        self.deleted_at = None
        self.save(update_fields=["deleted_at"])

    @property
    def restorable_until(self) -> datetime | None:
        return self.deleted_at + TRASH_RETENTION if self.deleted_at else None

    def audio_field(self, fmt: str) -> models.fields.files.FieldFile:
        if fmt not in AUDIO_FORMATS:
            raise ValueError(f"format must be one of {', '.join(AUDIO_FORMATS)}, got {fmt!r}")
        return getattr(self, fmt)
