"""Small builders for rasa_sdk objects in action tests, and the bot's texts as a visitor
sees them: responses named by an action are rendered from domain.yml by Rasa's own
templated NLG (the same code the Rasa server runs)."""

from __future__ import annotations

import asyncio
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

DOMAIN_PATH = Path(__file__).resolve().parents[2] / "domain.yml"


def tracker(
    text: str,
    intent: str,
    entities: Optional[Dict[str, str]] = None,
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    metadata: Optional[Dict[str, Any]] = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": [{"entity": k, "value": v} for k, v in (entities or {}).items()],
    }
    user_event = {"event": "user", "text": text, "parse_data": latest, "metadata": metadata or {}}
    return Tracker("test-visitor", slots or {}, latest, (events or []) + [user_event], False, None, {}, "action_listen")


@lru_cache(maxsize=1)
def _nlg():
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain

    return TemplatedNaturalLanguageGenerator(Domain.load(str(DOMAIN_PATH)).responses)


def render(message: Dict[str, Any]) -> Dict[str, Any]:
    """A dispatcher message as the Rasa server turns it into a bot message."""
    message = dict(message)
    name = message.pop("response", None)
    if not name:
        return message
    from rasa.shared.core.trackers import DialogueStateTracker

    values = {
        k: v
        for k, v in message.items()
        if k not in ("text", "buttons", "elements", "custom", "template", "attachment", "image", "json_message")
    }
    draft = asyncio.run(_nlg().generate(name, DialogueStateTracker("t", []), "rest", **values))
    if draft is None:
        raise KeyError(f"domain.yml has no response {name!r}")
    draft["buttons"] = (draft.get("buttons") or []) + (message.get("buttons") or [])
    draft["response"] = name
    return draft


def run(action, trk: Tracker, domain: Optional[Dict[str, Any]] = None):
    """Run an action; return (texts, buttons, slots set)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, trk, domain or {}))
    messages = [render(m) for m in dispatcher.messages]
    texts = "\n".join(m.get("text") or "" for m in messages)
    buttons = [b for m in messages for b in m.get("buttons") or []]
    return texts, buttons, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
