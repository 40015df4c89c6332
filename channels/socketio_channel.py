"""socket.io channel for the website widget: Rasa 3.6.21's channel with two fixes (and a
message with several questions answered question by question, channels/several_questions.py).

Registered in credentials.yml as ``channels.socketio_channel.PersistentSocketIOInput``
(same keys as ``socketio:``); scripts/rasa puts the repository root on PYTHONPATH.

1. Session persistence. With ``session_persistence: true`` Rasa 3.6.21 calls
   ``sio.enter_room()`` without ``await``; since python-socketio 5.10 that is a coroutine,
   so the socket never joins the conversation's room and bot replies (sent to the room)
   never arrive (RasaHQ/rasa#13027). We re-register the ``session_request`` handler with
   the ``await``.
2. Origin allow-list. Rasa builds its socket.io server with ``cors_allowed_origins=[]``,
   which switches Engine.IO's Origin check off: a page on any site could open a websocket
   to the bot (``rasa run --cors`` only covers HTTP). We set the allow-list from
   ``ALLOWED_ORIGINS`` (comma-separated), so Engine.IO answers 400 to other origins, for
   polling and websocket alike. Clients that send no Origin header (curl, scripts) are not
   browsers and are not affected by this check.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

import rasa_extensions
from amif.settings import settings
from channels.rest_channel import clean_message
from channels.several_questions import answering_each_question

logger = logging.getLogger(__name__)


def allowed_origins() -> List[str]:
    """The origins in ``ALLOWED_ORIGINS`` (comma-separated; ``*`` allows every origin)."""
    return settings().origins


class PersistentSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel with a working session persistence and an Origin check."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rasa_extensions.require_installed("channels.socketio_channel")
        # A message with several questions is answered question by question.
        socketio_webhook = super().blueprint(answering_each_question(on_new_message))
        sio = self.sio
        assert sio is not None  # set by super().blueprint()

        origins = allowed_origins()
        sio.eio.cors_allowed_origins = origins
        logger.info(f"socket.io accepts browser connections from: {', '.join(origins)}")

        # Same as Rasa's handler, but awaiting enter_room (RasaHQ/rasa#13027).
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            if not isinstance(data, dict):
                data = {}
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not 0 < len(session_id) <= 64:
                data["session_id"] = uuid.uuid4().hex  # also: no room names of any size
            if self.session_persistence:
                await sio.enter_room(sid, data["session_id"], namespace=self.namespace)
            await sio.emit("session_confirm", data["session_id"], room=sid)
            logger.debug(f"User {sid} connected to socketIO endpoint.")

        sio.on("session_request", session_request, namespace=self.namespace)

        # Rasa's user_uttered handler trusts the payload: a non-object payload raises in the
        # handler, a non-string message goes on to the NLU, and a message of any size is
        # stored whole. Check it first (same rules as the REST channel, rest_channel.py).
        namespace = self.namespace or "/"
        rasa_handle_message = sio.handlers[namespace][self.user_message_evt]

        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                logger.info(f"socket.io: ignored a '{self.user_message_evt}' event without a text message.")
                return
            session_id = data.get("session_id")
            if self.session_persistence and (not isinstance(session_id, str) or not 0 < len(session_id) <= 64):
                logger.info("socket.io: ignored a message without a valid session_id.")
                return
            metadata = data.get(self.metadata_key)
            if metadata is not None and not isinstance(metadata, dict):
                data = {k: v for k, v in data.items() if k != self.metadata_key}
            data = dict(data, message=clean_message(data["message"]))
            await rasa_handle_message(sid, data)

        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return socketio_webhook
