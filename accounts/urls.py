from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

app_name = "accounts"

# Placeholder routes until the accounts views land (issue #3).
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="signup"),
    path("", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="account"),
]
