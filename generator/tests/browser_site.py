"""The ASGI application that the browser tests run in a daphne subprocess: the real site, plus static files.

Production serves hashed static files that `collectstatic` makes; the tests serve them from the finders instead,
as conftest.py does for the test client, so no build step comes first.
"""

from __future__ import annotations

import os

from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fartgen.settings")
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler  # noqa: E402

from fartgen.asgi import application as site  # noqa: E402

application = ASGIStaticFilesHandler(site)
