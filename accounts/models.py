from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

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

    def revoke_api_tokens(self) -> int:
        """Delete every API token of this user; returns how many there were.

        A new password means the old one may have leaked, and whoever held it could have made tokens.
        """
        deleted, _ = self.api_tokens.all().delete()
        return deleted


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def authenticate(self, raw: str) -> User | None:
        """The user whose live token this is, or None; marks the token used."""
        if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
            return None
        live = models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now())
        token = self.select_related("user").filter(live, token_hash=hash_token(raw), user__is_active=True).first()
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
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: the token works until it is revoked.")

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @classmethod
    def issue(cls, user: User, name: str, lifetime: timedelta | None = None) -> tuple[ApiToken, str]:
        """Create a token, valid for `lifetime` (None: until revoked); returns it with the raw value, not kept."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        expires_at = timezone.now() + lifetime if lifetime is not None else None
        token = cls.objects.create(
            user=user, name=name, token_hash=hash_token(raw), hint=raw[:10], expires_at=expires_at
        )
        return token, raw
