"""HTTP endpoints for programs and players: POST /api/generate (JSON) and the audio download view.

Authentication for POST /api/generate, and where CSRF applies:
- `Authorization: Bearer <token>`: the token's owner; no CSRF (a browser never adds that header on its own).
- a session cookie: the signed-in user, or the anonymous visitor whose sounds hang on that session; CSRF is
  checked, since another site could make the browser send that cookie.
- neither: an anonymous program. No CSRF (there is no cookie authority to borrow), no session is started: the
  sound belongs to nobody who can come back for it, and the signed audio links in the answer are how the program
  fetches it. Anonymous limits apply by client address.
"""

from __future__ import annotations

import logging
import re
from uuid import UUID

from django.conf import settings
from django.core.files import File
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from fartgen import logs
from generator import storage as audio_files
from generator.consumers import parse_json, update_json
from generator.makers import InvalidToken, Maker, bearer_token
from generator.models import AUDIO_FORMATS, Sound
from generator.pipeline import ERROR_HTTP_STATUS, generate_takes
from generator.requests import BadMessage, GenerationRequest

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 16 * 1024
RANGE = re.compile(r"bytes=(\d*)-(\d*)")


@csrf_exempt  # checked below, for cookie-carrying requests only
def api_generate(request: HttpRequest) -> JsonResponse:
    if request.method != "POST":
        response = _error(405, "bad_message", "Send generation requests with POST.")
        response["Allow"] = "POST"
        return response
    has_token = bearer_token(request.headers.get("Authorization", "")) is not None
    if not has_token and settings.SESSION_COOKIE_NAME in request.COOKIES and _csrf_refused(request):
        return _error(403, "forbidden", "This request carries a session cookie but no valid CSRF token.")
    try:
        maker = Maker.from_request(request)
    except InvalidToken as error:
        return _error(401, "unauthorized", str(error))
    try:
        generation = GenerationRequest.from_api(_json_body(request))
    except BadMessage as error:
        return _error(400, "bad_message", str(error))
    updates = generate_takes(generation, maker)
    update = updates[0]
    status = 201 if update.status == "complete" else ERROR_HTTP_STATUS.get(update.code or "internal", 500)
    # Several takes answer as a list of the sounds made, one as the sound itself (as before takes existed).
    body = {"sounds": [update_json(made) for made in updates]} if generation.takes > 1 and status == 201 else None
    body = body or update_json(update)
    if status == 500:
        # The socket's answers carry it too: the reference to quote when reporting the failure.
        body["request_id"] = logs.request_id_var.get()
    response = JsonResponse(body, status=status)
    if update.retry_after_s is not None:
        response["Retry-After"] = str(update.retry_after_s)
    return response


@require_safe
def audio(request: HttpRequest, sound_id: UUID, fmt: str) -> HttpResponse:
    """The sound's audio for who may hear it: presigned redirect (S3) or the file streamed (filesystem)."""
    sound = _audible_sound(request, sound_id)
    if fmt not in AUDIO_FORMATS:
        raise Http404("unknown audio format")
    try:
        name = audio_files.ensure_file(sound, fmt)
    except audio_files.StorageFailed:
        logger.exception("sound %s: %s unavailable", sound.id, fmt)
        return HttpResponse("The audio is unavailable right now. Please try again.", status=503)
    download = request.GET.get("download") == "1"
    content_type = audio_files.content_type(fmt)
    filename = sound.file_name(fmt)
    url = audio_files.presigned_url(name, content_type=content_type, filename=filename, download=download)
    if url is not None:
        return HttpResponseRedirect(url)
    try:
        handle = audio_files.storage().open(name, "rb")
        size = audio_files.storage().size(name)
    except audio_files.STORAGE_ERRORS:
        logger.exception("sound %s: could not open %s", sound.id, name)
        return HttpResponse("The audio is unavailable right now. Please try again.", status=503)
    wanted = byte_range(request.headers.get("Range", ""), size)
    if wanted is None:
        response: HttpResponse = FileResponse(
            handle, as_attachment=download, filename=filename, content_type=content_type
        )
    else:
        # Media players ask for byte ranges to seek (Safari will not play audio without them).
        with handle:
            response = _partial(handle, wanted, size, content_type)
        response["Content-Disposition"] = content_disposition_header(download, filename)
    response["Accept-Ranges"] = "bytes"
    # A stored file never changes under its name, but a private sound must not sit in shared caches.
    response["Cache-Control"] = "private, max-age=3600"
    return response


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) bytes of a single `Range: bytes=…` request, clipped to the size; None to send it all.

    (size, size) stands for a range that starts past the end (416).
    """
    match = RANGE.fullmatch(header.strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if first == "":
        return max(0, size - int(last)), size - 1
    if int(first) >= size:
        return size, size
    return int(first), min(int(last), size - 1) if last else size - 1


def _partial(handle: File, wanted: tuple[int, int], size: int, content_type: str) -> HttpResponse:
    first, last = wanted
    if first >= size or last < first:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle.seek(first)
    response = HttpResponse(handle.read(last - first + 1), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response


def _audible_sound(request: HttpRequest, sound_id: UUID) -> Sound:
    # The waveform and timings are not needed to send a file, and decoding their JSON is most of the query's cost.
    sounds = Sound.objects.defer("peaks", "timings_ms")
    key = request.GET.get("key")
    if key:
        sound = sounds.filter(id=sound_id).first()
        if sound is not None and sound.link_key_is_valid(key):
            return sound
    sound = sounds.visible_to(Maker.from_request(request)).filter(id=sound_id).first()
    if sound is None:
        # Someone else's private sound is a 404 like a sound that never was: existence does not leak.
        raise Http404("no such sound")
    return sound


def _json_body(request: HttpRequest) -> object:
    if request.content_type != "application/json":
        raise BadMessage("Send the request as JSON (Content-Type: application/json).")
    # The declared length first: a big body is refused before it is read into memory.
    if _declared_length(request) > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES:
        raise BadMessage(f"A request must be at most {MAX_BODY_BYTES // 1024} KB.")
    return parse_json(request.body)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _csrf_refused(request: HttpRequest) -> bool:
    # Django's own check, with its rules for the token and the Origin/Referer; its 403 page is replaced by JSON.
    return CsrfViewMiddleware(lambda _request: HttpResponse()).process_view(request, None, (), {}) is not None


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"status": "error", "code": code, "error": message}, status=status)
