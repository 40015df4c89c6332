"""Reading the conversation so far: entities of the latest message, and which authority
the bot talked about last (for follow-ups such as "en wat is hun website?")."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker

LAST_AUTHORITY_SLOT = "last_authority"


def latest_entity(tracker: Tracker, name: Text) -> Optional[Text]:
    """The first value of an entity in the latest user message (not a slot: slots may be stale)."""
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == name and entity.get("value"):
            return str(entity["value"])
    return None


def latest_text(tracker: Tracker) -> Text:
    """What the visitor typed last ("" for none)."""
    return (tracker.latest_message or {}).get("text") or ""


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


# Set by the channels (channels/several_questions.py) on each question of a message that
# held several: {"index": 2, "count": 3}.
QUESTION_PART_KEY = "question_part"


def question_part(tracker: Tracker) -> Optional[Dict[Text, int]]:
    """{"index", "count"} when the latest message is one of several questions in one message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            part = (event.get("metadata") or {}).get(QUESTION_PART_KEY)
            return part if isinstance(part, dict) and part.get("count", 1) > 1 else None
    return None


def topic_authority(tracker: Tracker) -> Optional[Text]:
    """The authority the bot's previous answer was about (the turn before the latest
    message), if it was about one: the topic under discussion."""
    users_seen = 0
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            users_seen += 1
            if users_seen == 2:
                return None
        elif users_seen == 1 and kind == "slot" and event.get("name") == LAST_AUTHORITY_SLOT and event.get("value"):
            return str(event["value"])
        elif users_seen == 1 and kind == "bot":
            authority = ((event.get("metadata") or {}).get("metadata") or {}).get("authority")
            if authority:
                return str(authority)
    return None


def latest_entities(tracker: Tracker, name: Text) -> List[Text]:
    """Every value of an entity in the latest user message."""
    return [
        str(e["value"])
        for e in (tracker.latest_message or {}).get("entities") or []
        if e.get("entity") == name and e.get("value")
    ]


def previous_part_answered_with(tracker: Tracker, response: Text) -> bool:
    """The previous question of the same message already got this answer ("ESF Vlaanderen
    bestaat niet meer? Wie heeft het overgenomen?" are two questions with one answer)."""
    part = question_part(tracker)
    if not part or part.get("index", 1) < 2:
        return False
    users_seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen == 2:
                return False
        elif users_seen == 1 and event.get("event") == "bot":
            if (event.get("metadata") or {}).get("utter_action") == response:
                return True
    return False


def previous_action(tracker: Tracker) -> Optional[Text]:
    """The last action the bot ran before the latest message (action_listen aside)."""
    users_seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users_seen += 1
        elif (
            users_seen == 1
            and event.get("event") == "action"
            and event.get("name") not in ("action_listen", "action_session_start", "action_extract_slots")
        ):
            return event.get("name")
    return None


def set_in_bot_turn_before(tracker: Tracker, slot: Text) -> Any:
    """The value the bot's previous turn (between the visitor's last two messages) set `slot`
    to, or None when that turn did not set it."""
    users_seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen == 2:
                break
        elif users_seen == 1 and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None
