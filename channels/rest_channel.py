"""REST channel that checks the request body before Rasa sees it.

Registered in credentials.yml as ``channels.rest_channel.ValidatingRestInput`` instead of
``rest:``; the address stays ``POST /webhooks/rest/webhook {"sender": ..., "message": ...}``.

Rasa 3.6.21's ``RestInput`` trusts the body: an empty body or a JSON array gives a 500
(``None.get``), a missing ``sender`` files the message under the shared conversation
"default" (every such client would read the others' conversation), and a message of any
size is stored whole in the conversation database. Here:

* the body must be a JSON object of at most ``MAX_BODY_BYTES`` (else 400 / 413);
* ``sender`` must be a non-empty string of at most 128 characters (else 400);
* ``message`` must be a string (else 400); control characters (NUL included, which
  PostgreSQL refuses in text) become spaces, and only the first ``MAX_MESSAGE_CHARS``
  characters are kept (the NLU reads at most 1000 anyway).

Browser origins. A web widget that talks to this channel from another site needs CORS
headers, and Rasa only gives them with ``rasa run --cors`` (for its whole server, API
included; the project does not use it, so even the allowed site's preflight got none and
the browser blocked the widget). The channel applies the same allow-list as the socket.io
channel, ``ALLOWED_ORIGINS`` (comma-separated; ``*`` allows every origin), to its own
routes only:

* a request whose ``Origin`` is in the list gets ``Access-Control-Allow-Origin: <origin>``
  and ``Vary: Origin``; the preflight ``OPTIONS /webhooks/rest/webhook`` is answered 204
  with ``Access-Control-Allow-Methods: POST, OPTIONS`` and
  ``Access-Control-Allow-Headers: Content-Type, Authorization``;
* a request with another ``Origin`` gets 403 (a short JSON error), the preflight and the
  POST alike: the POST is refused before the message reaches the bot, since a form or a
  ``no-cors`` fetch from any site can send it without a preflight;
* a request without ``Origin`` (curl, servers, Rasa's own clients: not browsers) is not
  affected.

Rasa always installs Sanic-CORS on its server, with no origin allowed unless ``--cors`` is
given; its request middleware answers every ``OPTIONS`` before a blueprint's own, so the
preflight's final answer is made in this channel's response middleware, which runs after it.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

import rasa_extensions
from amif.settings import settings
from channels.several_questions import answering_each_question

MAX_BODY_BYTES = 64 * 1024
MAX_MESSAGE_CHARS = 5000
MAX_SENDER_CHARS = 128
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Authorization",
}

logger = logging.getLogger(__name__)


def clean_message(text: str) -> str:
    return _CONTROL.sub(" ", text)[:MAX_MESSAGE_CHARS]


def checked_body(request: Request) -> Dict[str, Any]:
    """The request's JSON object, or a 4xx exception (Sanic turns it into the response)."""
    cached = request.ctx.__dict__.get("amif_body")
    if cached is not None:
        return cached
    if len(request.body or b"") > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"Request body larger than {MAX_BODY_BYTES} bytes.")
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        raise InvalidUsage('Body must be JSON: {"sender": "...", "message": "..."}.') from None
    if not isinstance(body, dict):
        raise InvalidUsage('Body must be a JSON object: {"sender": "...", "message": "..."}.')
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        raise InvalidUsage(f'"sender" must be a non-empty string of at most {MAX_SENDER_CHARS} characters.')
    message = body.get("message")
    if not isinstance(message, str):
        raise InvalidUsage('"message" must be a string.')
    body["message"] = clean_message(message)
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise InvalidUsage('"metadata" must be a JSON object.')
    request.ctx.amif_body = body
    return body


def origin_allowed(origin: str, allowed: List[str]) -> bool:
    """Whether a browser ``Origin`` is in the allow-list (``*``: every origin); scheme and
    host are compared without regard to case, as browsers send them in lower case."""
    return "*" in allowed or origin.rstrip("/").lower() in {o.lower() for o in allowed}


def _refused() -> HTTPResponse:
    return response.json({"error": "origin not allowed"}, status=403, headers={"Vary": "Origin"})


class ValidatingRestInput(RestInput):
    """Rasa's REST channel (same name and address) with a checked body and the browser
    origin allow-list; a message with several questions is answered question by question
    (channels/several_questions.py)."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rasa_extensions.require_installed("channels.rest_channel")
        rest_webhook = super().blueprint(answering_each_question(on_new_message))
        allowed = settings().origins
        logger.info(f"REST channel accepts browser requests from: {', '.join(allowed) or 'no origin'}")

        # Without an OPTIONS route the preflight would be a 405 before any blueprint
        # middleware runs; the CORS headers are added by cors_headers below.
        @rest_webhook.route("/webhook", methods=["OPTIONS"])
        async def preflight(request: Request) -> HTTPResponse:
            return response.empty()

        @rest_webhook.middleware("request")
        async def refuse_other_origins(request: Request) -> Optional[HTTPResponse]:
            origin = request.headers.get("origin")
            if origin is None or origin_allowed(origin, allowed):
                return None
            logger.info(f"REST channel: refused a request from origin {origin!r} (not in ALLOWED_ORIGINS).")
            request.ctx.amif_origin_refused = True
            return _refused()  # before the handler: the message never reaches the bot

        @rest_webhook.middleware("response")
        async def cors_headers(request: Request, answer: HTTPResponse) -> Optional[HTTPResponse]:
            origin = request.headers.get("origin")
            if origin is None:
                return None
            if not origin_allowed(origin, allowed):
                if request.ctx.__dict__.get("amif_origin_refused"):
                    return None  # our own 403
                return _refused()  # e.g. a preflight Sanic-CORS answered first
            if request.method == "OPTIONS" and answer.status != 204:
                answer = response.empty()  # Sanic-CORS answers preflights 200, without headers
                replaced = True
            else:
                replaced = False
            answer.headers["Access-Control-Allow-Origin"] = origin
            answer.headers["Vary"] = "Origin"
            if request.method == "OPTIONS":
                for name, value in PREFLIGHT_HEADERS.items():
                    answer.headers[name] = value
            return answer if replaced else None

        return rest_webhook

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        return checked_body(req)["sender"]

    def _extract_message(self, req: Request) -> Optional[Text]:
        return checked_body(req)["message"]

    def _extract_input_channel(self, req: Request) -> Text:
        return self.name()  # not chosen by the client

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        return checked_body(request).get("metadata")
