from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from accounts import throttle
from accounts.models import ApiToken, User

DUPLICATE_EMAIL_CODE = "duplicate_email"
DUPLICATE_EMAIL_MESSAGE = (
    "An account with this email address already exists. Log in, or reset your password if you forgot it."
)


def password_help_text() -> str:
    """The configured validators' rules as one plain sentence (Django's own help is an HTML list)."""
    return " ".join(password_validation.password_validators_help_texts())


def clean_new_email(value: str, user: User | None = None) -> str:
    """A new address with its domain lower-cased; refuses one already on another account, in any case."""
    email = User.objects.normalize_email(value.strip())
    others = User.objects.filter(email__iexact=email)
    if user is not None:
        if user.email.lower() == email.lower():
            raise ValidationError("That is already your email address.", code="unchanged")
        others = others.exclude(pk=user.pk)
    if others.exists():
        raise ValidationError(DUPLICATE_EMAIL_MESSAGE, code=DUPLICATE_EMAIL_CODE)
    return email


class SignupForm(auth_forms.UserCreationForm):
    class Meta:
        model = User
        fields = ("username", "email")
        field_classes = {"username": auth_forms.UsernameField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = "Letters, digits and . + - _ only; 150 characters at most."
        self.fields["email"].help_text = "We send a link to confirm it, and password reset links if you need them."
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["password1"].help_text = password_help_text()

    def clean_username(self) -> str:
        username = super().clean_username()
        # An @ would make a username look like someone's email address on the login form.
        if username and "@" in username:
            raise ValidationError("Usernames can't contain @.", code="username_at")
        return username

    def clean_email(self) -> str:
        return clean_new_email(self.cleaned_data["email"])


class ThrottledLoginMixin:
    """A login form that refuses a locked-out account before checking its password, and counts wrong ones.

    The lock-out message is the same for every name typed (see accounts.throttle), and comes even with the right
    password: an attacker must not learn it by trying once more.
    """

    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if not username or not self.cleaned_data.get("password"):
            return super().clean()  # type: ignore[misc]
        key = throttle.account_key(username)
        locked = throttle.locked_out(key)
        if not locked.allowed:
            raise ValidationError(throttle.locked_out_message(locked.retry_after_s), code="locked_out")
        try:
            return super().clean()  # type: ignore[misc]
        except ValidationError as error:
            if error.code == "invalid_login":
                verdict = throttle.count_failure(key)
                if not verdict.allowed:
                    raise ValidationError(
                        throttle.locked_out_message(verdict.retry_after_s), code="locked_out"
                    ) from None
            raise


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The admin's login, under the same per-account throttle as the site's."""


class LoginForm(ThrottledLoginMixin, auth_forms.AuthenticationForm):
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "That username or email and password don't match. Check both and try again.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username or email"
        self.fields["username"].max_length = 254


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        # The form also sits folded on the account page, which must not jump to it.
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["new_password1"].help_text = password_help_text()

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=commit)
        self.revoked_tokens = user.revoke_api_tokens()
        return user


class SetNewPasswordForm(auth_forms.SetPasswordForm):
    """The password reset's last step; the link came by email, so it also proves the address."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = password_help_text()

    def save(self, commit: bool = True) -> User:
        self.user.email_verified = True
        user = super().save(commit=commit)
        self.revoked_tokens = user.revoke_api_tokens()
        return user


class EmailChangeForm(forms.Form):
    email = forms.EmailField(
        label="New email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="We send a link to the new address to confirm it.",
    )
    password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="So that nobody at an unlocked computer can take over your account.",
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        return clean_new_email(self.cleaned_data["email"], self.user)

    def clean_password(self) -> str:
        return check_current_password(self.user, self.cleaned_data["password"])


TOKEN_LIFETIME_CHOICES = [
    ("", "Never"),
    ("7", "In 7 days"),
    ("30", "In 30 days"),
    ("90", "In 90 days"),
    ("365", "In a year"),
]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="New token name",
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text="What the token is for, e.g. “my Discord bot”.",
    )
    expires_in_days = forms.TypedChoiceField(
        label="Expires",
        choices=TOKEN_LIFETIME_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="A token that expires stops working by itself: good for a one-off script.",
        error_messages={"invalid_choice": "Choose one of the listed lifetimes."},
    )

    def lifetime(self) -> timedelta | None:
        days = self.cleaned_data["expires_in_days"]
        return timedelta(days=days) if days else None


def check_current_password(user: User, password: str) -> str:
    if not user.check_password(password):
        raise ValidationError("That is not your current password.", code="password_incorrect")
    return password


class UsernameChangeForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("username",)
        field_classes = {"username": auth_forms.UsernameField}
        labels = {"username": "New username"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = "Letters, digits and . + - _ only; 150 characters at most."

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if "@" in username:
            raise ValidationError("Usernames can't contain @.", code="username_at")
        if User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk).exists():
            raise ValidationError("That username is taken. Try another one.", code="username_taken")
        return username


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Deleting cannot be undone: your sounds, collections, favorites and tokens go with the account.",
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        return check_current_password(self.user, self.cleaned_data["password"])
