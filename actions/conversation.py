"""Reading the conversation so far: entities of the latest message, and which authority
the bot talked about last (for follow-ups such as "en wat is hun website?")."""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa_sdk import Tracker

LAST_AUTHORITY_SLOT = "last_authority"


def latest_entity(tracker: Tracker, name: Text) -> Optional[Text]:
    """The first value of an entity in the latest user message (not a slot: slots may be stale)."""
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == name and entity.get("value"):
            return str(entity["value"])
    return None


def last_authority(tracker: Tracker) -> Optional[Text]:
    """The authority discussed most recently: set by a routing answer (slot), or named in the
    `metadata.authority` of a FAQ answer (domain.yml), whichever came last."""
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "slot" and event.get("name") == LAST_AUTHORITY_SLOT and event.get("value"):
            return str(event["value"])
        if kind == "bot":
            metadata: Dict[Text, Any] = event.get("metadata") or {}
            authority = (metadata.get("metadata") or {}).get("authority")
            if authority:
                return str(authority)
    return tracker.get_slot(LAST_AUTHORITY_SLOT)
