from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from generator.engine.spec import FartSpec
from generator.models import TRASH_RETENTION, LiveManager, Sound, trash_cutoff

if TYPE_CHECKING:
    from generator.makers import Maker


class Favorite(models.Model):
    """A signed-in user keeps a sound (theirs or a public one)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorites")
    sound = models.ForeignKey(Sound, on_delete=models.CASCADE, related_name="favorites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "sound"], name="one_favorite_per_user_and_sound")]

    def __str__(self) -> str:
        return f"{self.user} ♥ {self.sound_id}"

    @classmethod
    def sounds_of(cls, maker: Maker) -> models.QuerySet[Sound]:
        """The maker's favorites that they may still hear (an owner may have made one private since)."""
        return Sound.objects.visible_to(maker).filter(favorites__user=maker.user)

    @classmethod
    def ids_for(cls, user: Any, sounds: Iterable[Sound]) -> set[Any]:
        """Which of these sounds the user has favorited (one query for a whole page)."""
        if not user.is_authenticated:
            return set()
        return set(cls.objects.filter(user=user, sound__in=list(sounds)).values_list("sound_id", flat=True))

    @classmethod
    def toggle(cls, user: Any, sound: Sound) -> bool:
        """Flip the favorite; returns whether the sound is now a favorite."""
        deleted, _ = cls.objects.filter(user=user, sound=sound).delete()
        if deleted:
            return False
        try:
            # A double click may race another request making the same favorite: either way it is one now.
            with transaction.atomic():
                cls.objects.create(user=user, sound=sound)
        except IntegrityError:
            pass
        return True


NAME_MAX_LENGTH = 80


class CollectionQuerySet(models.QuerySet["Collection"]):
    def owned_by(self, user: Any) -> CollectionQuerySet:
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def visible_to(self, user: Any) -> CollectionQuerySet:
        """The user's own collections (hidden ones included) and everyone's shared ones (public or by link) that
        moderation left up: a shared collection's page is its share link."""
        shared = models.Q(visibility__in=Sound.SHARED, is_hidden=False)
        return self.filter(shared | models.Q(owner=user)) if user.is_authenticated else self.filter(shared)

    def in_trash(self) -> CollectionQuerySet:
        """Deleted collections that can still be restored (use it on Collection.all_objects)."""
        return self.filter(deleted_at__gte=trash_cutoff())


class Collection(models.Model):
    """A signed-in user's named set of sounds, theirs or public ones; private unless they share it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collections")
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    # Shared the way a sound is: private, anyone with the link, or public (listed).
    visibility = models.CharField(max_length=10, choices=Sound.Visibility.choices, default=Sound.Visibility.PRIVATE)
    sounds = models.ManyToManyField(Sound, through="CollectionItem", related_name="collections")
    is_hidden = models.BooleanField(default=False, help_text="Hidden by a moderator: only its owner still sees it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True, help_text="In its owner's trash since then.")

    objects = LiveManager.from_queryset(CollectionQuerySet)()
    all_objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "owner",
                name="one_collection_name_per_owner",
                # A trashed collection gives its name up, so a new one may take it.
                condition=models.Q(deleted_at__isnull=True),
                violation_error_message="You already have a collection with that name.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("library:collection", args=[self.id])

    def move_to_trash(self) -> None:
        self.deleted_at = timezone.now()
        # Not `updated_at`: trashing is not an edit, and the list of collections is ordered by edits.
        Collection.all_objects.filter(pk=self.pk).update(deleted_at=self.deleted_at)

    def restore(self) -> str:
        """Take it out of the trash; returns its name, which changes if a live collection took the old one since."""
        self.name = self._free_name()
        self.deleted_at = None
        Collection.all_objects.filter(pk=self.pk).update(name=self.name, deleted_at=None)
        return self.name

    def _free_name(self) -> str:
        taken = {name.lower() for name in Collection.objects.filter(owner=self.owner_id).values_list("name", flat=True)}
        room = NAME_MAX_LENGTH - len(" (restored 00:00:00)")
        candidates = (self.name, f"{self.name[:room]} (restored)", f"{self.name[:room]} (restored {timezone.now():%X})")
        return next((name for name in candidates if name.lower() not in taken), candidates[-1])

    @property
    def restorable_until(self) -> datetime | None:
        return self.deleted_at + TRASH_RETENTION if self.deleted_at else None

    def sounds_for(self, maker: Maker) -> models.QuerySet[Sound]:
        """The sounds in it that `maker` may hear, last added first: visitors of a shared collection do not see
        the owner's private sounds in it, nor sounds that moderation took down."""
        return (
            Sound.objects.visible_to(maker)
            .filter(collection_items__collection=self)
            .order_by("-collection_items__added_at")
        )


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    sound = models.ForeignKey(Sound, on_delete=models.CASCADE, related_name="collection_items")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-added_at"]
        constraints = [models.UniqueConstraint(fields=["collection", "sound"], name="a_sound_once_per_collection")]

    def __str__(self) -> str:
        return f"{self.sound_id} in {self.collection_id}"


class TagQuerySet(models.QuerySet["Tag"]):
    def owned_by(self, user: Any) -> TagQuerySet:
        return self.filter(owner=user) if user.is_authenticated else self.none()


class Tag(models.Model):
    """A word a signed-in user files their own sounds under; each owner has their own set."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=40)
    sounds = models.ManyToManyField(Sound, related_name="tags")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        constraints = [models.UniqueConstraint(Lower("name"), "owner", name="one_tag_name_per_owner")]

    def __str__(self) -> str:
        return self.name


class UserPresetQuerySet(models.QuerySet["UserPreset"]):
    def owned_by(self, user: Any) -> UserPresetQuerySet:
        return self.filter(owner=user) if user.is_authenticated else self.none()


class UserPreset(models.Model):
    """A signed-in user's own starting point: a name and a spec, usable as a word in their prompts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presets")
    name = models.CharField(max_length=40)
    spec = models.JSONField(help_text="FartSpec.to_dict() without the seed: a preset is a sound's settings.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserPresetQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "owner",
                name="one_preset_name_per_owner",
                violation_error_message="You already have a preset with that name.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("library:preset", args=[self.id])

    @property
    def spec_obj(self) -> FartSpec:
        return FartSpec.from_dict(self.spec)
