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

USER fartgen
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
# WEBSOCKET_MAX_MESSAGE_BYTES: the largest frame that gets an answer (see fartgen/settings.py); bigger ones close the socket.
ENV WEBSOCKET_MAX_MESSAGE_BYTES=8388608
CMD ["sh", "-c", "exec daphne -b 0.0.0.0 -p 8000 --proxy-headers --websocket-max-message-size \"$WEBSOCKET_MAX_MESSAGE_BYTES\" --websocket-max-frame-size \"$WEBSOCKET_MAX_MESSAGE_BYTES\" fartgen.asgi:application"]
