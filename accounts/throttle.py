"""The per-account login throttle: wrong passwords for one account lock it out for a while, longer each time.

It counts per account, whichever addresses the attempts come from (the per-IP limit counts per address). Names
that belong to no account are counted and locked out exactly the same way, so the throttle's answers say nothing
about which accounts exist.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from accounts.models import User
from generator import limits

GROUP = "accounts.login_account"
FAILURE_PERIOD_S = 15 * 60


def account_key(identifier: str) -> str:
    """What failures count against: the account the login form's name or address means, else the typed words."""
    typed = identifier.strip()
    user = User.objects.filter(Q(username=typed) | Q(email__iexact=typed)).only("pk").first()
    if user is not None:
        return f"user:{user.pk}"
    return f"name:{typed.casefold()[:254]}"


def locked_out(key: str) -> limits.Verdict:
    return limits.lockout(GROUP, key)


def count_failure(key: str) -> limits.Verdict:
    """Count one wrong password; refused (with the wait) once there were too many in the period."""
    # Lock-outs from now: one that depended on the key's window would differ between names, existing or not.
    return limits.hit(
        GROUP, key, limit=settings.LIMIT_LOGIN_FAILURES_PER_ACCOUNT, period_s=FAILURE_PERIOD_S, lockout_from_now=True
    )


def locked_out_message(retry_after_s: int) -> str:
    return (
        "Too many wrong passwords for this account. "
        f"Try again in {limits.wait_text(retry_after_s)}, or reset your password."
    )
