from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from fartgen.tests.servers import served

BASE_DIR = Path(settings.BASE_DIR)


def _production_env(**overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_", "EMAIL_", "ANTHROPIC_", "CSRF_"))
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="fartgen.example.com",
        CSRF_TRUSTED_ORIGINS="https://fartgen.example.com",
        DATABASE_URL=settings.DATABASE_URL,
        REDIS_URL=settings.REDIS_URL,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example.com",
        # As deploy/.env.example: one balancer in front (deploy/haproxy.cfg).
        TRUSTED_PROXY_HOPS="1",
    )
    env.update(overrides)
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_reports_a_missing_secret_key() -> None:
    env = _production_env()
    del env["DJANGO_SECRET_KEY"]
    result = _manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "fartgen.E001" in result.stderr


def test_check_deploy_reports_missing_shared_services() -> None:
    env = _production_env()
    del env["REDIS_URL"], env["DATABASE_URL"]
    result = _manage("check", "--deploy", env=env)
    assert "fartgen.E002" in result.stderr
    assert "fartgen.E003" in result.stderr


def test_check_deploy_warns_of_a_proxy_in_front_that_is_not_trusted() -> None:
    env = _production_env()
    del env["TRUSTED_PROXY_HOPS"]
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "fartgen.W001" in result.stderr
    assert "TRUSTED_PROXY_HOPS" in result.stderr


@pytest.mark.parametrize("trusted", [{"TRUSTED_PROXY_HOPS": "2"}, {"TRUSTED_PROXY_NETWORKS": "10.0.0.0/8"}])
def test_check_deploy_is_content_with_either_way_of_trusting_the_proxy(trusted: dict[str, str]) -> None:
    env = _production_env()
    del env["TRUSTED_PROXY_HOPS"]
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env={**env, **trusted})
    assert result.returncode == 0, result.stderr


def test_without_secure_transport_no_proxy_is_assumed() -> None:
    env = _production_env(DJANGO_SECURE_TRANSPORT="false")
    del env["TRUSTED_PROXY_HOPS"]
    result = _manage("check", "--deploy", env=env)
    assert "fartgen.W001" not in result.stdout + result.stderr


def test_check_warns_when_the_trusted_proxy_networks_are_everyone() -> None:
    result = _manage("check", env=_production_env(TRUSTED_PROXY_HOPS="0", TRUSTED_PROXY_NETWORKS="10.0.0.0/8,::/0"))
    assert "fartgen.W002" in result.stderr
    assert "::/0" in result.stderr


def test_junk_in_a_boolean_variable_stops_start_up_with_its_name() -> None:
    result = _manage("check", env=_production_env(DJANGO_DEBUG="maybe"))
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_collectstatic_builds_the_hashed_manifest_production_serves(tmp_path: Path) -> None:
    result = _manage("collectstatic", "--noinput", "-v0", env=_production_env(DJANGO_STATIC_ROOT=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "css/fartgen.css" in manifest
    assert any(tmp_path.glob("css/fartgen.*.css")), "hashed stylesheet missing"


def test_the_content_security_policy_lets_the_player_fetch_from_the_bucket() -> None:
    env = _production_env(
        AWS_STORAGE_BUCKET_NAME="sounds",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
        CSP_MEDIA_SRC="https://cdn.example.net",
    )
    code = "from django.conf import settings; print(settings.SECURE_CSP['media-src'])"
    printed = _manage("shell", "-c", code, env=env)
    assert printed.returncode == 0, printed.stderr
    assert "'https://cdn.example.net', 'https://objects.example.net'" in printed.stdout


@pytest.mark.django_db
def test_every_icon_a_page_links_is_served_as_an_image(settings: Any) -> None:
    # From the source folders, as in development: production serves the same files from collectstatic's output.
    settings.WHITENOISE_USE_FINDERS = True
    client = Client()
    page = client.get("/").content.decode()
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', page)
    assert len(icons) == 2
    for href in icons:
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"] in {"image/svg+xml", "image/png"}, href


DOCKERFILE = (BASE_DIR / "Dockerfile").read_text()


def _dockerfile_command(port: int) -> list[str]:
    """The image's CMD, on a test port, with this venv's daphne."""
    match = re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.MULTILINE)
    assert match is not None
    shell, flag, script = json.loads(match.group(1))
    script = script.replace("-b 0.0.0.0 -p 8000", f"-b 127.0.0.1 -p {port}")
    return [shell, flag, script.replace("exec daphne", f"exec {sys.executable} -m daphne")]


@pytest.mark.django_db
def test_the_images_server_ignores_a_spoofed_forwarded_for(
    django_db_setup: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # daphne's --proxy-headers believed the leftmost X-Forwarded-For entry: rotating it escaped every per-IP limit.
    # The image serves collected, hashed static files (the error pages link them), as production does.
    static_root = tmp_path_factory.mktemp("static")
    collected = _manage("collectstatic", "--noinput", "-v0", env={**os.environ, "DJANGO_STATIC_ROOT": str(static_root)})
    assert collected.returncode == 0, collected.stderr
    with served(
        _dockerfile_command,
        tmp_path_factory.mktemp("image"),
        LIMIT_REQUESTS_PER_MINUTE_IP="3",
        DJANGO_STATIC_ROOT=str(static_root),
    ) as url:
        statuses = []
        for n in range(5):
            request = urllib.request.Request(url + "/no-such-page/", headers={"X-Forwarded-For": f"198.51.100.{n}"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
    assert statuses == [404, 404, 404, 429, 429]


def test_the_image_checks_liveness_and_keeps_frames_small() -> None:
    assert "curl -fsS http://127.0.0.1:8000/healthz" in DOCKERFILE
    assert "--proxy-headers" not in _dockerfile_command(8000)[2]
    assert "8388608" not in DOCKERFILE
