"""The JSON API under /api/ (django-ninja): errors as `{"status": "error", "code", "error"}`, the OpenAPI schema at
/api/schema and its docs page at /api/docs (Swagger UI from our static files). Authentication: fartgen/api_auth.py.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from fartgen import logs
from fartgen.api_auth import SIGNED_IN
from generator.api_schema import generate_operation
from generator.consumers import parse_json
from generator.makers import InvalidToken
from generator.requests import BadMessage
from library.api import router as library_router

logger = logging.getLogger(__name__)

NINJA_CSRF_FAILURE = "CSRF check Failed"

# The status of each error code (the same codes as POST /api/generate and the WebSocket API).
STATUS_CODES = {
    400: "bad_message",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "bad_message",
    409: "refused",
    429: "rate_limited",
}


class StrictParser(Parser):
    """JSON bodies read like POST /api/generate reads them: strict JSON (no NaN), and only an object."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = parse_json(request.body)
        if not isinstance(data, dict):
            raise BadMessage("A request body must be a JSON object.")
        return data


class FartgenAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema of the ninja operations plus POST /api/generate, which stays a plain Django view (its
        behaviour predates this API and is shared with the WebSocket API)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        path, operation, components = generate_operation()
        schema["paths"][path] = {"post": operation}
        schema.setdefault("components", {}).setdefault("schemas", {}).update(components)
        return schema


api = FartgenAPI(
    title="Fartgen API",
    version="1",
    description="Your library of generated sounds, for programs. Errors are JSON with a stable `code`.",
    auth=SIGNED_IN,
    parser=StrictParser(),
    urls_namespace="api",
    openapi_url="/schema",
    docs_url="/docs",
)
api.add_router("/", library_router)


def error_response(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
    code = STATUS_CODES.get(status, "internal")
    return api.create_response(request, {"status": "error", "code": code, "error": message, **extra}, status=status)


@api.exception_handler(InvalidToken)
def _invalid_token(request: HttpRequest, exc: InvalidToken) -> HttpResponse:
    return error_response(request, 401, str(exc))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, "Send Authorization: Bearer <token> (see your account page), or sign in.")


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = [_problem(error) for error in exc.errors]
    return error_response(request, 400, "; ".join(problems) or "The request is not well-formed.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403 and str(exc) == NINJA_CSRF_FAILURE:
        return error_response(request, 403, "This request carries a session cookie but no valid CSRF token.")
    return error_response(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Someone else's private thing is a 404 like a thing that never was: existence does not leak.
    return error_response(request, 404, "Not found (or not yours).")


@api.exception_handler(Exception)
def _internal(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API %s %s failed", request.method, request.path)
    return error_response(
        request, 500, "Something went wrong on our side. Please try again.", request_id=logs.request_id_var.get()
    )


def _problem(error: dict[str, Any]) -> str:
    # ninja's locations start with where the value came from ("body", "query"): the field name is what helps.
    location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")]
    where = ".".join(location)
    message = str(error.get("msg", "invalid"))
    return f"{where}: {message}" if where else message
