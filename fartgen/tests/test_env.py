"""fartgen.env: the origins of an S3 bucket's presigned links, which the Content-Security-Policy must allow."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from fartgen.env import s3_origins


def test_an_endpoint_gives_its_own_origin() -> None:
    assert s3_origins("sounds", "http://minio:9000", "") == ["http://minio:9000"]
    assert s3_origins("sounds", "https://s3.example.net/some/path", "eu-west-1") == ["https://s3.example.net"]


def test_without_an_endpoint_the_buckets_aws_hosts() -> None:
    assert s3_origins("sounds", "", "") == ["https://sounds.s3.amazonaws.com"]
    assert s3_origins("sounds", "", "eu-west-1") == [
        "https://sounds.s3.amazonaws.com",
        "https://sounds.s3.eu-west-1.amazonaws.com",
    ]


@pytest.mark.parametrize("junk", ["minio:9000", "ftp://minio", "http://"])
def test_a_junk_endpoint_stops_start_up(junk: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="AWS_S3_ENDPOINT_URL"):
        s3_origins("sounds", junk, "")
