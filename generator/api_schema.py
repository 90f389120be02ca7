"""The OpenAPI description of POST /api/generate (generator/api.py), which the /api/ schema includes as it is."""

from __future__ import annotations

from typing import Any

from generator.engine.sequence import MAX_PARTS, FartSequence
from generator.engine.spec import SEED_MAX, FartSpec
from generator.interpret import MAX_PROMPT_CHARS
from generator.models import AUDIO_FORMATS

ERROR_REF = {"$ref": "#/components/schemas/Error"}
HEARD = {
    "type": "object",
    "properties": {"words": {"type": "string"}, "effect": {"type": "string"}},
    "required": ["words", "effect"],
}


def generate_operation() -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The path, its POST operation and the component schemas it names."""
    parameters = FartSpec.json_schema()
    parameters["description"] = "Any FartSpec fields, over what the prompt gave (numbers out of range are clamped)."
    request = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "prompt": {"type": "string", "maxLength": MAX_PROMPT_CHARS, "description": "What the fart is like."},
            "parameters": parameters,
            "seed": {"type": "integer", "minimum": 0, "maximum": SEED_MAX},
            "parent": {"type": "string", "format": "uuid", "description": "A sound to refine."},
            "variation": {"type": "boolean", "description": "Same spec as `parent`, a new seed, slight jitter."},
            "sequence": {
                **FartSequence.json_schema(),
                "description": "Instead of a prompt: a sound made of parts, with the pauses between them.",
            },
            "part": {
                "type": "integer",
                "minimum": 0,
                "maximum": MAX_PARTS - 1,
                "description": "`parameters` change only this part (first is 0) of `parent` or `sequence`.",
            },
        },
    }
    complete = {
        "type": "object",
        "required": ["status", "sound_id", "title", "spec", "audio_url", "formats", "duration_s"],
        "properties": {
            "status": {"type": "string", "enum": ["complete"]},
            "progress": {"type": "integer"},
            "sound_id": {"type": "string", "format": "uuid"},
            "title": {"type": "string"},
            "spec": {"type": "object"},
            "audio_url": {"type": "string", "description": "The WAV, with a key that opens it for an hour."},
            "formats": {
                "type": "object",
                "properties": {fmt: {"type": "string"} for fmt in AUDIO_FORMATS},
                "required": list(AUDIO_FORMATS),
            },
            "duration_s": {"type": "number"},
            "timings_ms": {"type": "object", "additionalProperties": {"type": "number"}},
            "understood": {"type": "array", "items": HEARD, "description": "Phrases applied, with what each did."},
            "ignored": {"type": "array", "items": {"type": "string"}, "description": "Words it could not use."},
            "parts": {"type": "array", "items": {"type": "object"}, "description": "A sound made of parts: each spec."},
            "gaps_s": {"type": "array", "items": {"type": "number"}},
        },
    }
    error = {
        "type": "object",
        "required": ["status", "code", "error"],
        "properties": {
            "status": {"type": "string", "enum": ["error"]},
            "code": {
                "type": "string",
                "description": "Stable: bad_message, invalid_prompt, no_change, unauthorized, forbidden, not_found, "
                "refused, rate_limited, busy, internal.",
            },
            "error": {"type": "string", "description": "A sentence for a person."},
            "retry_after_s": {"type": "integer"},
            "understood": {"type": "array", "items": HEARD},
            "ignored": {"type": "array", "items": {"type": "string"}},
            "request_id": {"type": "string", "description": "On internal: the reference of the server's log lines."},
        },
    }
    operation = {
        "operationId": "generate",
        "summary": "Generate a sound",
        "description": "Makes a sound from a prompt and/or parameters (see README: API for programs). "
        "Authentication is optional: without it the sound belongs to nobody and anonymous limits apply.",
        "tags": ["generate"],
        "security": [{"TokenAuth": []}, {"SessionAuth": []}, {}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": request}}},
        "responses": {
            "201": {"description": "Made", "content": {"application/json": {"schema": complete}}},
            **{
                str(status): {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}
                for status, description in (
                    (400, "bad_message, invalid_prompt or no_change (with understood and ignored)"),
                    (401, "unauthorized: a bad API token"),
                    (403, "forbidden: a session cookie without a CSRF token"),
                    (404, "not_found: the parent does not exist or is not yours"),
                    (429, "rate_limited (see retry_after_s and Retry-After)"),
                    (500, "internal: a failure on our side (quote request_id when reporting it)"),
                    (503, "busy: a service is away for a moment (see retry_after_s)"),
                )
            },
        },
    }
    return "/api/generate", operation, {"Error": error}
