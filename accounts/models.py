from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

TOKEN_PREFIX = "fg_"


class User(AbstractUser):
    email = models.EmailField("email address", unique=True)
    email_verified = models.BooleanField(default=False)

    class Meta(AbstractUser.Meta):
        constraints = [
            # Mail servers treat the local part's case loosely, so Bob@x and bob@x are one person.
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message="An account with this email address already exists.",
            )
        ]

    def change_email(self, email: str) -> None:
        """Switch to a new address, which is unverified until its link is followed."""
        self.email = email
        self.email_verified = False
        self.save(update_fields=["email", "email_verified"])

    def mark_email_verified(self) -> None:
        self.email_verified = True
        self.save(update_fields=["email_verified"])


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def authenticate(self, raw: str) -> User | None:
        """The user whose live token this is, or None; marks the token used."""
        if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
            return None
        token = self.select_related("user").filter(token_hash=hash_token(raw), user__is_active=True).first()
        if token is None:
            return None
        token.last_used_at = timezone.now()
        token.save(update_fields=["last_used_at"])
        return token.user


class ApiToken(models.Model):
    """A personal token for programs; only its hash is stored, the raw value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="The first characters, so the owner can tell tokens apart.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        """Create a token; returns it with the raw value, which is not kept."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, token_hash=hash_token(raw), hint=raw[:10])
        return token, raw
