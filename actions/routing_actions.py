"""Rasa actions that take a visitor from "ik wil een project indienen" to the right
authority: ask only what is missing (theme, then region for integration), answer with
authority, reason, website, contact and whether a call is open there; and answer
follow-ups ("en hun website?") about the authority discussed last.

Glue only: decisions come from actions.routing (routing/routes.yml + authorities.yml).
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import places, vocabulary
from actions.calls_actions import DISCUSSED_SLOT, answer_call_reference, open_calls_sentence, utter
from actions.conversation import LAST_AUTHORITY_SLOT, last_authority, latest_entity, latest_text
from actions.routing import default_routing
from actions.routing.answers import contact_answer, contact_card, help_for, question, routed_answer

logger = logging.getLogger(__name__)

THEME_SLOT, REGION_SLOT, PENDING_SLOT = "route_theme", "route_region", "route_pending"
# A new question starts from scratch; an answer ("in Vlaanderen") adds to what we had.
FRESH_START_INTENTS = {"start_project", "ask_authority"}


def region_in_message(tracker: Tracker) -> Optional[Text]:
    """The region of the latest message: the region NLU tagged (a region word or a place,
    "Oost-Vlaanderen"), else a place named anywhere in the message, tagged or not ("we zijn
    een vzw uit Schaerbeek", "postcode 4000"). An unknown tagged word is passed on, so the
    answer can say it was not understood."""
    tagged = latest_entity(tracker, "region")
    region = places.resolve_region(tagged) if tagged else None
    return region or places.region_of(latest_text(tracker)) or tagged


def theme_in_message(tracker: Tracker) -> Optional[Text]:
    """The theme NLU tagged, else a theme word in the message ("een inburgeringsproject")."""
    tagged = latest_entity(tracker, "theme")
    if tagged:
        return tagged
    themes = vocabulary.themes_in(latest_text(tracker))
    return themes[0] if themes else None


def theme_said_before(tracker: Tracker, messages: int = 2) -> Optional[Text]:
    """A theme the visitor named in one of their previous messages ("Hoe dien ik een
    inburgeringsproject in?" ... "Onze vzw is gevestigd in Verviers")."""
    seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen += 1
            if seen == 1:
                continue  # the latest message: already looked at
            themes = vocabulary.themes_in(event.get("text"))
            if themes:
                return themes[0]
            if seen > messages:
                break
    return None


def _clear_route() -> List[Dict[Text, Any]]:
    return [SlotSet(THEME_SLOT, None), SlotSet(REGION_SLOT, None), SlotSet(PENDING_SLOT, None)]


def route_named_place_and_theme(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[Dict[Text, Any]]]:
    """For a message NLU was unsure about that names both a theme and a Belgian place ("onze
    vzw in Charleroi wil iets rond integratie doen"), or that gives the one the bot just asked
    for ("gemeente Nazareth-De Pinte" after "waar is je organisatie actief?"): the routing
    answer, since that is what such a message asks. None otherwise."""
    pending = tracker.get_slot(PENDING_SLOT)
    theme = theme_in_message(tracker) or (tracker.get_slot(THEME_SLOT) if pending == "region" else None)
    region = region_in_message(tracker) or (tracker.get_slot(REGION_SLOT) if pending == "theme" else None)
    if not (theme and region):
        return None
    decision = default_routing().resolve(theme=theme, region=region)
    if not decision.routed:
        return None
    return answer_routed(dispatcher, decision)


def answer_routed(dispatcher: CollectingDispatcher, decision) -> List[Dict[Text, Any]]:
    """The routing answer with the open call of that authority and theme, if any."""
    calls, call_ids = open_calls_sentence(decision.authority.id, decision.theme)
    utter(dispatcher, routed_answer(decision, calls))
    return _clear_route() + [SlotSet(LAST_AUTHORITY_SLOT, decision.authority.id), SlotSet(DISCUSSED_SLOT, call_ids)]


class ActionRouteProject(Action):
    def name(self) -> Text:
        return "action_route_project"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        if intent == "inform" and not tracker.get_slot(PENDING_SLOT):
            # "sociale activering ocmw" out of the blue: the title of a call, not an answer
            events = answer_call_reference(dispatcher, tracker)
            if events is not None:
                return events
        fresh = intent in FRESH_START_INTENTS
        theme = (
            theme_in_message(tracker) or (None if fresh else tracker.get_slot(THEME_SLOT)) or theme_said_before(tracker)
        )
        region = region_in_message(tracker) or (None if fresh else tracker.get_slot(REGION_SLOT))
        decision = default_routing().resolve(theme=theme, region=region)

        if decision.routed:
            return answer_routed(dispatcher, decision)

        pending = "theme" if decision.status == "needs_theme" else "region"
        if intent == "dont_know":
            dispatcher.utter_message(response=help_for(decision))
        utter(dispatcher, question(decision))
        return [
            SlotSet(THEME_SLOT, decision.theme),
            SlotSet(REGION_SLOT, decision.region),
            SlotSet(PENDING_SLOT, pending),
        ]


class ActionStopRouting(Action):
    """The visitor leaves the question flow: forget the half-answered routing."""

    def name(self) -> Text:
        return "action_stop_routing"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_route_stopped")
        return _clear_route()


CONTACT_KIND = {
    "ask_contact_website": "website",
    "ask_contact_email": "email",
    "ask_contact_phone": "phone",
}
# "Wie is de contactpersoon daar?", "hoe bereik ik hen?": the authority discussed last.
REFERS_TO_AUTHORITY = re.compile(r"\b(daar|hun|hen|zij|ze|die instantie|dat loket)\b", re.IGNORECASE)


class ActionContactFollowUp(Action):
    """ "En wat is hun website / e-mailadres / telefoonnummer?", "wie is de contactpersoon
    daar?" about the authority named in the question, or else the one discussed last. A
    contact question about no authority in particular gets the overview of contact points."""

    def name(self) -> Text:
        return "action_contact_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        named = latest_entity(tracker, "authority")
        if intent == "ask_contact":
            refers = REFERS_TO_AUTHORITY.search(latest_text(tracker))
            authority = named or (last_authority(tracker) if refers else None)
            if not authority:
                dispatcher.utter_message(response="utter_contact_overview")
                return []
        else:
            authority = named or last_authority(tracker)
        if not authority:
            dispatcher.utter_message(response="utter_contact_which_authority")
            return []
        try:
            card = default_routing().card(authority)
        except KeyError:
            logger.warning("No contact card for authority %r", authority)
            dispatcher.utter_message(response="utter_contact_unknown_authority")
            return []
        if intent == "ask_contact":
            dispatcher.utter_message(response="utter_contact_card", card=contact_card(card))
        else:
            utter(dispatcher, contact_answer(card, CONTACT_KIND.get(intent, "website")))
        return [SlotSet(LAST_AUTHORITY_SLOT, card.id)]
