from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import export, verification
from accounts.forms import (
    DUPLICATE_EMAIL_CODE,
    AccountDeleteForm,
    ApiTokenForm,
    EmailChangeForm,
    LoginForm,
    PasswordChangeForm,
    SetNewPasswordForm,
    SignupForm,
    UsernameChangeForm,
)
from accounts.models import ApiToken, User
from fartgen.middleware import too_many_requests
from generator import limits
from generator.storage import StorageFailed

logger = logging.getLogger(__name__)

View = Callable[..., HttpResponse]

# The raw value of a token just created waits here until the account page shows it, once.
NEW_TOKEN_SESSION_KEY = "accounts.new_api_token"


class AuthenticatedRequest(HttpRequest):
    """A request behind @login_required, for type hints."""

    user: User


AUTH_PERIOD_S = 3600


def limit_auth_attempts(group: str) -> Callable[[View], View]:
    """Cap a form's POSTs per client IP at LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP; beyond it, 429 saying when to retry.

    The shared limit helper counts, so repeat offenders wait longer each time, as they do for generations.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def limited_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                verdict = limits.hit(
                    group,
                    limits.limit_network(request.META.get("REMOTE_ADDR") or "0.0.0.0"),
                    limit=settings.LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP,
                    period_s=AUTH_PERIOD_S,
                )
                if not verdict.allowed:
                    return too_many_requests(request, verdict.retry_after_s)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


def _send_verification(request: HttpRequest, user: User, lead: str) -> None:
    allowance = verification.mail_allowance(user, user.email)
    if not allowance.allowed:
        messages.warning(
            request,
            f"{lead} We have sent enough confirmation emails for now; "
            f"ask for a new one in {limits.wait_text(allowance.retry_after_s)}.",
        )
        return
    _mail_link(request, user, lead)


def _mail_link(request: HttpRequest, user: User, lead: str) -> None:
    if verification.send_link(request, user):
        messages.success(request, f"{lead} We sent a link to {user.email}: follow it to confirm your address.")
    else:
        messages.warning(
            request, f"{lead} We couldn't send the confirmation email; ask for a new one on your account page."
        )


@limit_auth_attempts("accounts.signup")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = SignupForm(request.POST) if request.method == "POST" else SignupForm()
    if form.is_valid():
        user = form.save()
        auth.login(request, user)
        _send_verification(request, user, f"Welcome to Fartgen, {user.username}!")
        return redirect(settings.LOGIN_REDIRECT_URL)
    if _says_taken(form):
        # Each such answer tells whether an account exists: few of them per address, so nobody can list accounts.
        verdict = limits.hit(
            "accounts.signup_taken",
            limits.limit_network(request.META.get("REMOTE_ADDR") or "0.0.0.0"),
            limit=settings.LIMIT_SIGNUP_TAKEN_ANSWERS_PER_HOUR_IP,
            period_s=AUTH_PERIOD_S,
        )
        if not verdict.allowed:
            return too_many_requests(request, verdict.retry_after_s)
    return render(request, "accounts/signup.html", {"form": form})


def _says_taken(form: SignupForm) -> bool:
    return form.has_error("username", "unique") or form.has_error("email", DUPLICATE_EMAIL_CODE)


login = limit_auth_attempts("accounts.login")(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
    )
)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth.logout(request)
    messages.info(request, "You're logged out. See you soon!")
    return redirect(settings.LOGOUT_REDIRECT_URL)


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = verification.confirm(token)
    except signing.SignatureExpired:
        context = {"expired": True, "token": token if verification.user_for_new_link(token) else ""}
        return render(request, "accounts/verify_email_failed.html", context, status=400)
    except signing.BadSignature:
        return render(request, "accounts/verify_email_failed.html", {"expired": False}, status=400)
    messages.success(request, f"Thanks! {user.email} is confirmed.")
    return redirect("accounts:account" if request.user == user else settings.LOGIN_REDIRECT_URL)


@require_POST
@limit_auth_attempts("accounts.resend_verification")
def resend_verification(request: HttpRequest) -> HttpResponse:
    logged_in = request.user.is_authenticated
    user = request.user if logged_in else verification.user_for_new_link(request.POST.get("token", ""))
    if user is None:
        messages.error(request, "Log in to get a new confirmation link.")
        return redirect("accounts:login")
    if user.email_verified:
        messages.info(request, "Your email address is already confirmed.")
    else:
        _send_verification(request, user, "New link on its way.")
    return redirect("accounts:account" if logged_in else settings.LOGIN_REDIRECT_URL)


def _account_page(request: AuthenticatedRequest, **bound_forms: forms.Form) -> HttpResponse:
    user = request.user
    context = {
        "email_form": EmailChangeForm(user),
        "password_form": PasswordChangeForm(user),
        "token_form": ApiTokenForm(),
        "username_form": UsernameChangeForm(instance=user),
        "delete_form": AccountDeleteForm(user),
        **bound_forms,
        "tokens": user.api_tokens.all(),
        "new_token": request.session.pop(NEW_TOKEN_SESSION_KEY, None),
        "link_lifetime": verification.link_lifetime_text(),
    }
    return render(request, "accounts/account.html", context)


@never_cache  # the page may hold a freshly created token: no copy may linger in a cache
@login_required
def account(request: AuthenticatedRequest) -> HttpResponse:
    return _account_page(request)


@never_cache
@login_required
@require_POST
def email_change(request: AuthenticatedRequest) -> HttpResponse:
    form = EmailChangeForm(request.user, request.POST)
    if not form.is_valid():
        return _account_page(request, email_form=form)
    # Each change mails the new address: refused before the change, so the address stays as it was.
    allowance = verification.mail_allowance(request.user, form.cleaned_data["email"])
    if not allowance.allowed:
        form.add_error(
            "email",
            ValidationError(
                f"We have sent enough confirmation emails for now. "
                f"Try again in {limits.wait_text(allowance.retry_after_s)}.",
                code="mail_limit",
            ),
        )
        return _account_page(request, email_form=form)
    request.user.change_email(form.cleaned_data["email"])
    _mail_link(request, request.user, "Email address changed.")
    return redirect("accounts:account")


@never_cache
@login_required
@require_POST
def username_change(request: AuthenticatedRequest) -> HttpResponse:
    # A copy: a refused name must not show up as the user's own name on the page that refuses it.
    form = UsernameChangeForm(request.POST, instance=User.objects.get(pk=request.user.pk))
    if not form.is_valid():
        return _account_page(request, username_form=form)
    user = form.save()
    messages.success(request, f"You are {user.username} now. Log in with that name from now on.")
    return redirect("accounts:account")


@never_cache
@login_required
@require_POST
def export_data(request: AuthenticatedRequest) -> HttpResponse:
    try:
        archive = export.build(request.user)
    except StorageFailed:
        logger.exception("export of user %s failed", request.user.pk)
        messages.error(request, "We couldn't read some of your sounds just now. Please try again in a minute.")
        return redirect(reverse("accounts:account") + "#data")
    return FileResponse(archive, as_attachment=True, filename=export.file_name(request.user))


@never_cache
@login_required
def account_delete(request: AuthenticatedRequest) -> HttpResponse:
    """Ask for the password, then delete the account with all its rows and files."""
    form = AccountDeleteForm(request.user, request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return render(request, "accounts/delete.html", {"form": form})
    user = request.user
    auth.logout(request)
    # Sounds go through the ORM one by one (not a bulk SQL delete), so each takes its audio files along.
    user.delete()
    messages.success(request, "Your account and everything in it are deleted. Goodbye, and thanks for the farts.")
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _revoked_tokens_message(request: HttpRequest, count: int) -> None:
    if count:
        messages.warning(
            request,
            f"Your {count} API token{'s were' if count > 1 else ' was'} revoked with the old password: "
            "create new ones for your programs.",
        )


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")
    success_message = "Password changed. Your other devices have been logged out."

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        _revoked_tokens_message(self.request, form.revoked_tokens)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetNewPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetNewPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        _revoked_tokens_message(self.request, form.revoked_tokens)
        return response


password_reset = limit_auth_attempts("accounts.password_reset")(
    auth_views.PasswordResetView.as_view(
        template_name="registration/password_reset_form.html",
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html")
password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)


@login_required
@require_POST
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _account_page(request, token_form=form)
    token, raw = ApiToken.issue(request.user, form.cleaned_data["name"], form.lifetime())
    request.session[NEW_TOKEN_SESSION_KEY] = {"name": token.name, "raw": raw}
    messages.success(request, f"Token “{token.name}” created. Copy it now: it is shown only once.")
    return redirect(reverse("accounts:account") + "#tokens")


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=token_id)
    token.delete()
    messages.success(request, f"Token “{token.name}” revoked: programs using it can no longer sign in.")
    return redirect(reverse("accounts:account") + "#tokens")
