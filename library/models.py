from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, models, transaction

if TYPE_CHECKING:
    from generator.makers import Maker
    from generator.models import Sound


class Favorite(models.Model):
    """A signed-in user keeps a sound (theirs or a public one)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorites")
    sound = models.ForeignKey("generator.Sound", on_delete=models.CASCADE, related_name="favorites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "sound"], name="one_favorite_per_user_and_sound")]

    def __str__(self) -> str:
        return f"{self.user} ♥ {self.sound_id}"

    @classmethod
    def sounds_of(cls, maker: Maker) -> models.QuerySet[Sound]:
        """The maker's favorites that they may still hear (an owner may have made one private since)."""
        from generator.models import Sound

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
