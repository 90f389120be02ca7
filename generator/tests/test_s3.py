"""The S3 path against moto's standalone server on 127.0.0.1: a private bucket and presigned downloads."""

from __future__ import annotations

import io
import urllib.request
from collections.abc import Iterator
from email.message import Message
from typing import Any
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlparse

import boto3
import pytest
from botocore.exceptions import ClientError
from django.core.management import CommandError, call_command
from moto.server import ThreadedMotoServer
from pytest_django import Settings

from accounts.models import User
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import generate
from generator.requests import GenerationRequest
from generator.tests.sounds import logged_in, made_by, use_storage

pytestmark = pytest.mark.django_db

BUCKET = "fartgen-test"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint: str, settings: Settings) -> Any:
    client = boto3.client("s3", endpoint_url=s3_endpoint, **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET)
    use_s3(settings, s3_endpoint, BUCKET)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def use_s3(settings: Settings, endpoint: str, bucket_name: str) -> None:
    # The same options as fartgen/settings.py builds from AWS_* variables.
    use_storage(
        settings,
        "storages.backends.s3.S3Storage",
        bucket_name=bucket_name,
        endpoint_url=endpoint,
        region_name="us-east-1",
        access_key="testing",
        secret_key="testing",
        default_acl=None,
        querystring_auth=True,
        querystring_expire=300,
        file_overwrite=False,
        signature_version="s3v4",
    )


def keys(client: Any) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))



def fetch(url: str) -> tuple[int, Message, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read()


def test_the_wav_goes_to_the_bucket(alice: User, bucket: Any) -> None:
    sound = made_by(alice)
    assert keys(bucket) == [sound.wav.name]
    assert bucket.get_object(Bucket=BUCKET, Key=sound.wav.name)["Body"].read()[:4] == b"RIFF"


def test_the_owner_is_redirected_to_a_short_lived_presigned_url_that_works(alice: User, bucket: Any) -> None:
    sound = made_by(alice)
    response = logged_in(alice).get(sound.download_url("wav"))
    assert response.status_code == 302
    location = response["Location"]
    query = parse_qs(urlparse(location).query)
    assert "X-Amz-Signature" in query
    assert int(query["X-Amz-Expires"][0]) == 300
    status, headers, body = fetch(location)
    assert status == 200
    assert body[:4] == b"RIFF"
    assert headers["Content-Type"] == "audio/wav"
    assert headers["Content-Disposition"] == f'attachment; filename="{sound.file_name("wav")}"'


def test_the_bucket_is_private(alice: User, bucket: Any, s3_endpoint: str) -> None:
    sound = made_by(alice)
    with pytest.raises(HTTPError) as refused:
        fetch(f"{s3_endpoint}/{BUCKET}/{sound.wav.name}")
    assert refused.value.code == 403


def test_bob_is_not_redirected(bob: User, alice: User, bucket: Any) -> None:
    sound = made_by(alice)
    assert logged_in(bob).get(sound.audio_url()).status_code == 404


def test_an_mp3_is_made_into_the_bucket_on_first_request(alice: User, bucket: Any) -> None:
    sound = made_by(alice)
    response = logged_in(alice).get(sound.audio_url("mp3"))
    assert response.status_code == 302
    sound.refresh_from_db()
    assert keys(bucket) == sorted([sound.wav.name, sound.mp3.name])
    status, headers, body = fetch(response["Location"])
    assert status == 200
    assert body
    assert headers["Content-Type"] == "audio/mpeg"
    assert headers["Content-Disposition"].startswith("inline")


def test_a_sound_missing_from_the_bucket_is_rendered_again(alice: User, bucket: Any) -> None:
    sound = made_by(alice)
    original = bucket.get_object(Bucket=BUCKET, Key=sound.wav.name)["Body"].read()
    bucket.delete_object(Bucket=BUCKET, Key=sound.wav.name)
    response = logged_in(alice).get(sound.audio_url())
    assert response.status_code == 302
    assert fetch(response["Location"])[2] == original


def test_a_failing_bucket_leaves_no_row(alice: User, s3_endpoint: str, settings: Settings) -> None:
    use_s3(settings, s3_endpoint, "no-such-bucket")
    update = generate(GenerationRequest(prompt="toot"), Maker(user=alice, anon_id=None, ip="127.0.0.1"))
    assert update.status == "error"
    assert update.code == "internal"
    assert not Sound.objects.exists()


def test_allowed_origins_may_read_the_audio_from_another_origin(bucket: Any) -> None:
    out = io.StringIO()
    call_command("allow_audio_origins", "https://fartgen.example", "http://localhost:8000", stdout=out)
    assert out.getvalue().startswith(f"Bucket {BUCKET} now lets these origins read its audio")
    # The rules as the bucket keeps them (moto's server itself answers every origin, so its headers prove nothing).
    rules = bucket.get_bucket_cors(Bucket=BUCKET)["CORSRules"]
    assert len(rules) == 1
    assert rules[0]["AllowedOrigins"] == ["https://fartgen.example", "http://localhost:8000"]
    assert sorted(rules[0]["AllowedMethods"]) == ["GET", "HEAD"]
    # Seeking fetches ranges; the player reads the length and range of what came.
    assert rules[0]["AllowedHeaders"] == ["Range"]
    assert {"Content-Length", "Content-Range"} <= set(rules[0]["ExposeHeaders"])


def test_the_origins_default_to_the_sites_own(bucket: Any, settings: Settings) -> None:
    settings.CSRF_TRUSTED_ORIGINS = ["https://fartgen.example"]
    settings.ALLOWED_HOSTS = ["fartgen.example", "www.fartgen.example", ".fartgen.example"]
    call_command("allow_audio_origins", stdout=io.StringIO())
    origins = bucket.get_bucket_cors(Bucket=BUCKET)["CORSRules"][0]["AllowedOrigins"]
    assert origins == ["https://fartgen.example", "https://www.fartgen.example"]


def test_a_malformed_origin_is_refused(bucket: Any) -> None:
    with pytest.raises(CommandError, match="scheme and a host"):
        call_command("allow_audio_origins", "fartgen.example/path")
    with pytest.raises(ClientError):
        bucket.get_bucket_cors(Bucket=BUCKET)


def test_on_the_local_folder_there_is_nothing_to_allow() -> None:
    out = io.StringIO()
    call_command("allow_audio_origins", "https://fartgen.example", stdout=out)
    assert out.getvalue().startswith("Nothing to do: the audio is stored in a local folder")
