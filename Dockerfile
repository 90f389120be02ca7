# Fartgen web image: daphne serving HTTP and WebSockets.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=fartgen.settings \
    OMP_NUM_THREADS=1 \
    OPENBLAS_NUM_THREADS=1

# libsndfile comes inside the soundfile wheel; curl is for the container health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 fartgen

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=fartgen:fartgen . .
# collectstatic needs no secrets or services: the development key is fine for hashing file names.
RUN python manage.py collectstatic --noinput -v0 && mkdir -p /app/media && chown fartgen:fartgen /app/media
# Compile the engine's loops now (numba caches the machine code beside them), not on a visitor's first sound.
RUN python -c "from generator.engine import FartSpec, render; render(FartSpec(wetness=1.0, room='bathtub'))"

USER fartgen
EXPOSE 8000
# Liveness only: a replica whose database or Redis is away is not restarted for it (the balancer asks /readyz).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
# No --proxy-headers: daphne would believe the leftmost X-Forwarded-For entry, which the client writes. The client's
# address comes from TRUSTED_PROXY_HOPS / TRUSTED_PROXY_NETWORKS instead (fartgen/proxies.py).
# WEBSOCKET_MAX_MESSAGE_BYTES: the largest frame read (settings.py's default, 20 KB, when unset); bigger ones close
# their socket before they are buffered.
CMD ["sh", "-c", "exec daphne -b 0.0.0.0 -p 8000 --websocket-max-message-size \"${WEBSOCKET_MAX_MESSAGE_BYTES:-20480}\" --websocket-max-frame-size \"${WEBSOCKET_MAX_MESSAGE_BYTES:-20480}\" fartgen.asgi:application"]
