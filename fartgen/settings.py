"""Fartgen settings: embedded defaults when nothing is set, real parts chosen by environment variables.

This is the only module that reads the environment (see README.md for every variable).
"""

from __future__ import annotations

import math
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from fartgen.env import env_bool, env_float, env_int, env_list, env_networks, env_str, s3_origins

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
# The fallback key only ever serves a development machine: check --deploy reports it (fartgen.E001).
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "django-insecure-fartgen-development-only")
SECRET_KEY_FROM_ENV = bool(env_str("DJANGO_SECRET_KEY"))
# The names visitors reach the site by; WebSocket origins are checked against them (fartgen/origins.py).
SITE_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["[::1]", "testserver"])
# Loopback stays allowed for HTTP so that a container's own health check can reach /healthz and /readyz.
ALLOWED_HOSTS = [*SITE_HOSTS, "127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    # The JSON API under /api/; listed for its Swagger UI files (the docs page serves them, no CDN).
    "ninja",
    "fartgen.apps.FartgenConfig",
    "accounts",
    "generator",
    "library",
    "explore",
    "embeds",
    "moderation",
]

MIDDLEWARE = [
    # First: every answer gets its request id, log line and metrics, the redirects and refusals below included.
    "fartgen.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise, so static files do not count; before sessions, so a flood costs no database query.
    "fartgen.middleware.RequestRateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "fartgen.urls"
ASGI_APPLICATION = "fartgen.asgi.application"
# Frames up to this size reach the consumers, which answer anything over 16 KB (the request limit) with a bad_message
# error and stay open; daphne fails a socket that sends more (1009, message too big) as soon as the frame header
# says so, without buffering it, so no client (anonymous or not) makes the server hold more than this per socket.
# `make run` (daphne's runserver) reads these; the Dockerfile passes the same variable to daphne.
WEBSOCKET_MAX_MESSAGE_BYTES = env_int("WEBSOCKET_MAX_MESSAGE_BYTES", 20 * 1024, minimum=16 * 1024)
DAPHNE_WEBSOCKET_MAX_MESSAGE_SIZE = DAPHNE_WEBSOCKET_MAX_FRAME_SIZE = WEBSOCKET_MAX_MESSAGE_BYTES
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fartgen.logs.request_id_context",
            ],
        },
    },
]

# --- Database: SQLite unless DATABASE_URL names PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    # daphne runs each sync view in a thread of its own, so persistent per-thread connections would pile up until
    # PostgreSQL refuses more (Django's advice: none under ASGI); connections come from psycopg's pool instead.
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0, conn_health_checks=True)}
    # A request waits this long for a connection, then the database counts as away: 503 "busy" with Retry-After
    # (fartgen/views.py). A healthy pool hands one out in milliseconds, so only a dead database, or a pool exhausted
    # for that long, is refused; a connection attempt to a host that does not answer gives up as soon.
    DATABASE_POOL_TIMEOUT_S = env_float("DATABASE_POOL_TIMEOUT_S", 2.0, minimum=0.1)
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        # libpq counts whole seconds, and takes less than 2 as 2.
        "connect_timeout": max(2, math.ceil(DATABASE_POOL_TIMEOUT_S)),
        "pool": {
            "min_size": 1,
            "max_size": env_int("DATABASE_POOL_SIZE", 20, minimum=1),
            "timeout": DATABASE_POOL_TIMEOUT_S,
        },
        # Parameters travel beside the SQL instead of being quoted into it (the sound's peaks JSON is the bulk of its
        # INSERT). No prepared statements: pooled connections outlive a deploy's migrations, and their plans with it.
        "server_side_binding": True,
    }
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache (rate limits live in the cache) when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "fartgen.cache.SharedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "fartgen"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "fartgen.channel_layer.SenderSkippingRedisChannelLayer",
            # A consumer waits for messages with a 5 s BZPOPMIN; redis-py's default 5 s read timeout would race it
            # and kill every socket that stays quiet for 5 s, so reads may take longer here.
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": 30}],
                "prefix": env_str("CACHE_KEY_PREFIX", "fartgen"),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fartgen"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Files: local media folder unless an S3 bucket is named.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
# Where the player may fetch audio from besides this site (the Content-Security-Policy's media-src).
AUDIO_ORIGINS = env_list("CSP_MEDIA_SRC", [])
if AWS_STORAGE_BUCKET_NAME:
    # Presigned links point at the bucket's endpoint: without its origin here, browsers refuse to play them.
    AUDIO_ORIGINS += s3_origins(AWS_STORAGE_BUCKET_NAME, env_str("AWS_S3_ENDPOINT_URL"), env_str("AWS_S3_REGION_NAME"))
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300, minimum=1),
            "file_overwrite": False,
            # Presigned URLs in Signature Version 4, the one every S3 region and MinIO accept.
            "signature_version": "s3v4",
        },
    }
else:
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Email: console by default; a file folder or SMTP when EMAIL_BACKEND says so.
EMAIL_BACKEND_PATH = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if EMAIL_BACKEND_PATH.endswith("filebased.EmailBackend"):
    mailer_options: dict[str, object] = {"file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))}
elif EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    mailer_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25, minimum=1),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", default=False),
        "timeout": 10,
    }
else:
    mailer_options = {}
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": mailer_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Fartgen <noreply@fartgen.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.UsernameOrEmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A reset link is a key to the account sitting in a mailbox: it works once, and for an hour only.
PASSWORD_RESET_TIMEOUT = 3600
EMAIL_VERIFICATION_MAX_AGE_S = env_int("EMAIL_VERIFICATION_MAX_AGE_S", 3 * 24 * 3600, minimum=60)

# --- Prompt interpretation.
ANTHROPIC_API_KEY = env_str("ANTHROPIC_API_KEY")
ANTHROPIC_MODEL = env_str("ANTHROPIC_MODEL", "claude-haiku-5-5")
ANTHROPIC_BASE_URL = env_str("ANTHROPIC_BASE_URL") or None
ANTHROPIC_TIMEOUT_S = env_float("ANTHROPIC_TIMEOUT_S", 4.0, minimum=0.1)
INTERPRET_CACHE_TTL_S = env_int("INTERPRET_CACHE_TTL_S", 7 * 24 * 3600, minimum=0)

# --- Generation: 0 renders in one worker thread of each daphne process; N > 0 in a pool of N processes per daphne
# process, so that synthesis never competes with the event loop for the GIL.
GENERATOR_RENDER_PROCESSES = env_int("GENERATOR_RENDER_PROCESSES", 0)
# Memory for the WAVs of recently made specs in each serving process (the same spec is the same sound); 0 turns it off.
GENERATOR_RECENT_AUDIO_MB = env_int("GENERATOR_RECENT_AUDIO_MB", 64)

# --- Readiness (/readyz): how long each dependency may take to answer before it counts as down.
READINESS_TIMEOUT_S = env_float("READINESS_TIMEOUT_S", 1.0, minimum=0.05)

# --- Limits (raised by benchmarks and private deployments).
RATELIMIT_USE_CACHE = "default"
LIMIT_GENERATIONS_PER_HOUR_USER = env_int("LIMIT_GENERATIONS_PER_HOUR_USER", 50, minimum=1)
LIMIT_GENERATIONS_PER_HOUR_ANON = env_int("LIMIT_GENERATIONS_PER_HOUR_ANON", 20, minimum=1)
# Changes to one's own sounds (sliders, chips, variations) have a budget of their own: see generator/limits.py.
LIMIT_REFINEMENTS_PER_HOUR_USER = env_int("LIMIT_REFINEMENTS_PER_HOUR_USER", 600, minimum=1)
LIMIT_REFINEMENTS_PER_HOUR_ANON = env_int("LIMIT_REFINEMENTS_PER_HOUR_ANON", 240, minimum=1)
LIMIT_REQUESTS_PER_MINUTE_IP = env_int("LIMIT_REQUESTS_PER_MINUTE_IP", 100, minimum=1)
LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP = env_int("LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP", 20, minimum=1)
# Wrong passwords per account in 15 minutes before it is locked out (longer each time), from any address.
LIMIT_LOGIN_FAILURES_PER_ACCOUNT = env_int("LIMIT_LOGIN_FAILURES_PER_ACCOUNT", 5, minimum=1)
# Verification emails (sign-up, email change, resend) per account and per address in a day.
LIMIT_VERIFICATION_MAILS_PER_DAY_USER = env_int("LIMIT_VERIFICATION_MAILS_PER_DAY_USER", 5, minimum=1)
LIMIT_VERIFICATION_MAILS_PER_DAY_ADDRESS = env_int("LIMIT_VERIFICATION_MAILS_PER_DAY_ADDRESS", 3, minimum=1)
# Sign-up answers per client address and hour that say a username or email is taken (the rest wait: no enumeration).
LIMIT_SIGNUP_TAKEN_ANSWERS_PER_HOUR_IP = env_int("LIMIT_SIGNUP_TAKEN_ANSWERS_PER_HOUR_IP", 5, minimum=1)

# --- Security. Production (debug off) gets secure cookies, HSTS and an HTTPS redirect behind the proxy;
# the test suite turns DJANGO_SECURE_TRANSPORT off because its servers speak plain HTTP on loopback.
SECURE_TRANSPORT = env_bool("DJANGO_SECURE_TRANSPORT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Which X-Forwarded-For entries to believe (fartgen/proxies.py): none by default, since a client can write any.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
TRUSTED_PROXY_NETWORKS = env_networks("TRUSTED_PROXY_NETWORKS")
if TRUSTED_PROXY_HOPS and TRUSTED_PROXY_NETWORKS:
    raise ImproperlyConfigured("Set TRUSTED_PROXY_HOPS or TRUSTED_PROXY_NETWORKS, not both.")
SECURE_SSL_REDIRECT = SECURE_TRANSPORT
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SESSION_COOKIE_SECURE = SECURE_TRANSPORT
CSRF_COOKIE_SECURE = SECURE_TRANSPORT
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if SECURE_TRANSPORT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF, "blob:", *AUDIO_ORIGINS],
    "connect-src": [CSP.SELF, "ws:", "wss:", *AUDIO_ORIGINS],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Observability. JSON lines for log collectors in production, readable text while debugging.
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "fartgen.logs.JsonFormatter"},
        "text": {"()": "fartgen.logs.TextFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Our request lines replace Django's own warnings about 4xx answers; 5xx errors still log their traceback.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # The anthropic SDK's HTTP client logs every request at INFO: noise next to our own fallback warnings.
        "httpx": {"level": "WARNING"},
    },
}
# /metrics answers only requests with `Authorization: Bearer <METRICS_TOKEN>`; unset, it does not exist.
METRICS_TOKEN = env_str("METRICS_TOKEN")
# Several daphne processes in one container share their metrics through files in this folder (prometheus-client's
# multiprocess mode, which reads the same variable).
PROMETHEUS_MULTIPROC_DIR = env_str("PROMETHEUS_MULTIPROC_DIR")
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
        # No cookies, headers with credentials, user emails or IPs leave for the error tracker.
        send_default_pii=False,
    )
