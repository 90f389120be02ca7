"""Reports from visitors, what moderators did about them, and suspended makers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from generator.models import Sound
from library.models import Collection


class Report(models.Model):
    """A visitor flags a shared sound or collection; one report per visitor and item."""

    class Reason(models.TextChoices):
        HATEFUL = "hateful", "Hateful or harassing words"
        SEXUAL = "sexual", "Sexual content"
        PERSONAL = "personal", "Someone's personal information"
        SPAM = "spam", "Spam or advertising"
        OTHER = "other", "Something else"

    sound = models.ForeignKey(Sound, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    collection = models.ForeignKey(
        Collection, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=10, choices=Reason)
    text = models.CharField(max_length=500, blank=True)
    reporter = models.CharField(max_length=64, help_text="Who reported it, hashed: the account, session or address.")
    created_at = models.DateTimeField(default=timezone.now)
    is_open = models.BooleanField(default=True, help_text="Not yet handled (hidden, restored or dismissed).")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sound__isnull=False, collection__isnull=True)
                | Q(sound__isnull=True, collection__isnull=False),
                name="report_names_one_item",
            ),
            models.UniqueConstraint(fields=["sound", "reporter"], name="one_report_per_visitor_and_sound"),
            models.UniqueConstraint(fields=["collection", "reporter"], name="one_report_per_visitor_and_collection"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.sound or self.collection}"


class Suspension(models.Model):
    """A maker a moderator suspended: their shared items are hidden and they may not generate."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="suspension"
    )
    anon_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # What the suspension itself hid, so that lifting it shows exactly those again: an item a moderator hid on its
    # own, before or during the suspension, stays hidden.
    hidden_sounds = models.ManyToManyField(Sound, blank=True, related_name="+")
    hidden_collections = models.ManyToManyField(Collection, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(anon_id=""), name="suspension_names_a_maker"),
            models.UniqueConstraint(fields=["anon_id"], condition=~Q(anon_id=""), name="one_suspension_per_anon"),
        ]

    def __str__(self) -> str:
        return f"suspended: {self.maker_label}"

    @property
    def maker_label(self) -> str:
        return self.user.get_username() if self.user is not None else f"anonymous {self.anon_id}"


class ModerationAction(models.Model):
    """The log: who did what to which item or maker, and when."""

    class Kind(models.TextChoices):
        HIDE = "hide", "Hid"
        RESTORE = "restore", "Restored"
        DISMISS = "dismiss", "Dismissed the reports on"
        SUSPEND = "suspend", "Suspended the maker of"
        LIFT = "lift", "Lifted the suspension of"

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind)
    sound = models.ForeignKey(Sound, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    collection = models.ForeignKey(Collection, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    item_label = models.CharField(max_length=200, help_text="The item's title then, kept if it is deleted later.")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.moderator} · {self.get_kind_display()} “{self.item_label}” · {self.at:%Y-%m-%d %H:%M}"


class ReportedSound(Sound):
    """The moderation queue's view of sounds (the admin lists those with open reports)."""

    class Meta:
        proxy = True
        verbose_name = "reported sound"


class ReportedCollection(Collection):
    class Meta:
        proxy = True
        verbose_name = "reported collection"
