from __future__ import annotations

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
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import verification
from accounts.forms import (
    ApiTokenForm,
    EmailChangeForm,
    LoginForm,
    PasswordChangeForm,
    SetNewPasswordForm,
    SignupForm,
)
from accounts.models import ApiToken, User
from fartgen.middleware import too_many_requests
from generator import limits

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
    return render(request, "accounts/signup.html", {"form": form})


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
    request.user.change_email(form.cleaned_data["email"])
    _send_verification(request, request.user, "Email address changed.")
    return redirect("accounts:account")


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")
    success_message = "Password changed. Your other devices have been logged out."


password_reset = limit_auth_attempts("accounts.password_reset")(
    auth_views.PasswordResetView.as_view(
        template_name="registration/password_reset_form.html",
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=SetNewPasswordForm,
    template_name="registration/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)


@login_required
@require_POST
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _account_page(request, token_form=form)
    token, raw = ApiToken.issue(request.user, form.cleaned_data["name"])
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
