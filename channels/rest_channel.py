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
"""

from __future__ import annotations

import json
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request

from channels import server_patches
from channels.several_questions import answering_each_question

# Rasa imports this module at start-up (credentials.yml), before it loads the model.
server_patches.install()

MAX_BODY_BYTES = 64 * 1024
MAX_MESSAGE_CHARS = 5000
MAX_SENDER_CHARS = 128
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
        raise InvalidUsage('Body must be JSON: {"sender": "...", "message": "..."}.')
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


class ValidatingRestInput(RestInput):
    """Rasa's REST channel (same name and address) with a checked body; a message with
    several questions is answered question by question (channels/several_questions.py)."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(answering_each_question(on_new_message))

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        return checked_body(req)["sender"]

    def _extract_message(self, req: Request) -> Optional[Text]:
        return checked_body(req)["message"]

    def _extract_input_channel(self, req: Request) -> Text:
        return self.name()  # not chosen by the client

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        return checked_body(request).get("metadata")
