"""Small builders for rasa_sdk objects in action tests."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def tracker(text: str, intent: str, entities: Optional[Dict[str, str]] = None,
            slots: Optional[Dict[str, Any]] = None, events: Optional[List[Dict[str, Any]]] = None) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": [{"entity": k, "value": v} for k, v in (entities or {}).items()],
    }
    return Tracker("test-visitor", slots or {}, latest, events or [], False, None, {}, "action_listen")


def run(action, trk: Tracker, domain: Optional[Dict[str, Any]] = None):
    """Run an action; return (texts, buttons, events as dicts)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, trk, domain or {}))
    texts = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    buttons = [b for m in dispatcher.messages for b in m.get("buttons") or []]
    return texts, buttons, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
