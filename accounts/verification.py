"""Email verification by signed, expiring links: nothing is stored until the link comes back."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from generator import limits

logger = logging.getLogger(__name__)

_SALT = "accounts.verify_email"


def make_token(user: User) -> str:
    """A signed token for the user's current address; it stops working when the address changes."""
    return signing.TimestampSigner(salt=_SALT).sign_object({"user": user.pk, "email": user.email})


def _user_for(payload: dict[str, object]) -> User:
    user = User.objects.filter(pk=payload.get("user"), is_active=True).first()
    # A link sent to an address the account no longer has must not verify the new one.
    if user is None or user.email.lower() != str(payload.get("email", "")).lower():
        raise signing.BadSignature("the link does not match the account's current email address")
    return user


def confirm(token: str) -> User:
    """Mark the link's address verified; raises SignatureExpired when too old, BadSignature when not ours."""
    payload = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=settings.EMAIL_VERIFICATION_MAX_AGE_S)
    user = _user_for(payload)
    if not user.email_verified:
        user.mark_email_verified()
    return user


def user_for_new_link(token: str) -> User | None:
    """The user an expired (but genuine) link was for, so they can get a new one without logging in."""
    try:
        return _user_for(signing.TimestampSigner(salt=_SALT).unsign_object(token))
    except signing.BadSignature:
        return None


def link_lifetime_text() -> str:
    """How long a link works, in words ("3 days")."""
    seconds = settings.EMAIL_VERIFICATION_MAX_AGE_S
    if seconds < 2 * 3600:
        return f"{seconds // 60} minutes"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} hours"
    return f"{seconds // 86400} days"


MAIL_PERIOD_S = 24 * 3600


def mail_allowance(user: User, email: str) -> limits.Verdict:
    """Count one verification mail to `email` for `user`; refused past the daily limit per account or per address.

    Per address too, so that nobody can make the site mail a stranger's inbox over and over from many accounts.
    """
    per_account = limits.hit(
        "accounts.mail_user", str(user.pk), limit=settings.LIMIT_VERIFICATION_MAILS_PER_DAY_USER, period_s=MAIL_PERIOD_S
    )
    if not per_account.allowed:
        return per_account
    return limits.hit(
        "accounts.mail_address",
        email.strip().lower(),
        limit=settings.LIMIT_VERIFICATION_MAILS_PER_DAY_ADDRESS,
        period_s=MAIL_PERIOD_S,
    )


def send_link(request: HttpRequest, user: User) -> bool:
    """Email a verification link to the user's address; False when the mail server refused it."""
    context = {
        "user": user,
        "link": request.build_absolute_uri(reverse("accounts:verify_email", args=[make_token(user)])),
        "valid_for": link_lifetime_text(),
    }
    subject = "".join(render_to_string("registration/verify_email_subject.txt", context).splitlines())
    body = render_to_string("registration/verify_email.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except OSError:
        logger.exception("could not send the verification email to user %s", user.pk)
        return False
    return True
