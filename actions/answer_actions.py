"""Rasa actions for answers that depend on what the bot does not know: FAQ answers (only when
the answer selector is sure enough, see actions/answering.py), questions outside AMIF,
AMIF questions without an answer, and a visitor who wants a person.

Glue only: decisions in actions/answering.py, wording in domain.yml.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answering, sources, wording
from actions.calls_actions import answer_call_reference, utter
from actions.conversation import (
    LAST_AUTHORITY_SLOT,
    last_authority,
    latest_entities,
    latest_entity,
    latest_text,
    previous_part_answered_with,
    question_part,
    topic_authority,
)
from actions.routing import default_routing
from actions.routing.answers import contact_card, routed_answer
from actions.vocabulary import normalize_authority, normalize_theme

logger = logging.getLogger(__name__)

INDIVIDUAL_SLOT = "visitor_individual"
FLEMISH_CONTACT_POINT = "europa-wse"

OUT_OF_SCOPE_RESPONSES = {
    "out_of_scope": "utter_out_of_scope",
    "out_of_scope_dienst": "utter_out_of_scope_dienst",  # another public service: the municipality
    "out_of_scope_subsidie": "utter_out_of_scope_subsidie",  # another subsidy: the subsidy register
}
# An audience question right after an answer about one of these channels (answering.py).
AUDIENCE_OF_TOPIC = {
    "pod-mi": "utter_audience_pod_mi",
    "fod-binnenlandse-zaken": "utter_audience_fod_binnenlandse_zaken",
    "europese-commissie": "utter_audience_europese_commissie",
    "agence-fse": "utter_audience_agence_fse",
}
# An answer of the selector this likely is worth offering beside "I don't know".
NEARBY_MIN_CONFIDENCE = 0.3


def human_button() -> Dict[Text, Text]:
    return {"title": wording.text("utter_part_button_human"), "payload": "/ask_human"}


def authority_in_question(tracker: Tracker) -> Text:
    """The authority that knows the answer: the one named, else the one discussed last,
    else the Flemish contact point."""
    named = normalize_authority(latest_entity(tracker, "authority"))
    return named or last_authority(tracker) or FLEMISH_CONTACT_POINT


def card_for(authority_id: Text) -> Text:
    try:
        return contact_card(default_routing().card(authority_id))
    except KeyError:
        logger.warning("No contact card for authority %r", authority_id)
        return contact_card(default_routing().card(FLEMISH_CONTACT_POINT))


def name_the_part(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """When a message held several questions, say which one this answer is about."""
    if question_part(tracker):
        dispatcher.utter_message(response="utter_about_part", part=wording.quoted(latest_text(tracker)))


def faq_buttons(keys) -> List[Dict[Text, Text]]:
    """Buttons for FAQ answers: the title is sent as the question (a trained example)."""
    buttons = []
    for key in keys:
        title = wording.metadata(f"utter_faq/{key}").get("title")
        if title:
            buttons.append({"title": title, "payload": title})
    return buttons


def honest_unknown(dispatcher: CollectingDispatcher, tracker: Tracker, nearby=()) -> List[Dict[Text, Any]]:
    name_the_part(dispatcher, tracker)
    authority = authority_in_question(tracker)
    dispatcher.utter_message(response="utter_honest_unknown", card=card_for(authority))
    buttons = faq_buttons(nearby)
    if buttons:
        dispatcher.utter_message(response="utter_honest_unknown_nearby", buttons=buttons + [human_button()])
    return [SlotSet(LAST_AUTHORITY_SLOT, authority)]


class ActionAnswerFaq(Action):
    """An FAQ question: the chosen answer, or an honest "I don't know" when unsure."""

    def name(self) -> Text:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        # A call named by its title ("Uitbreiding opvangcapaciteit 2026") is about that call.
        events = answer_call_reference(dispatcher, tracker)
        if events is not None:
            return events
        themes = tuple(filter(None, (normalize_theme(t) for t in latest_entities(tracker, "theme"))))
        choice = answering.choose(
            tracker.latest_message or {},
            topic_authority=topic_authority(tracker),
            individual=bool(tracker.get_slot(INDIVIDUAL_SLOT)),
            themes=themes,
        )
        if choice.kind == "unknown":
            return honest_unknown(dispatcher, tracker, choice.nearby)
        response = f"utter_faq/{choice.key}"
        if choice.kind == "faq" and previous_part_answered_with(tracker, response):
            return []  # the previous question of this message got this very answer: once is enough
        name_the_part(dispatcher, tracker)
        if choice.kind == "individual":
            dispatcher.utter_message(response="utter_persoonlijke_hulp_vervolg")
            return []
        if choice.kind == "audience_of_topic":
            dispatcher.utter_message(response=AUDIENCE_OF_TOPIC[choice.key])
            return [SlotSet(LAST_AUTHORITY_SLOT, choice.key)]
        if choice.kind == "route":
            decision = default_routing().resolve(theme=choice.key)
            utter(dispatcher, routed_answer(decision))
            return [SlotSet(LAST_AUTHORITY_SLOT, decision.authority.id)]
        # The answer with its source line ("Bron: …") as custom payload (actions/sources.py).
        dispatcher.utter_message(response=response, json_message=sources.source_payload(wording.metadata(response)))
        authority = wording.metadata(response).get("authority")
        return [SlotSet(LAST_AUTHORITY_SLOT, authority)] if authority else []


class ActionHonestUnknown(Action):
    """An AMIF question the bot has no answer for: say so, and who knows."""

    def name(self) -> Text:
        return "action_honest_unknown"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        events = answer_call_reference(dispatcher, tracker)
        if events is not None:
            return events
        ranking = answering.faq_ranking(tracker.latest_message or {})
        return honest_unknown(dispatcher, tracker, tuple(k for k, c in ranking[:2] if c >= NEARBY_MIN_CONFIDENCE))


class ActionOutOfScope(Action):
    """A question outside AMIF: a polite no, and where such questions go. A call named by
    its title is no such question, even when NLU thought so."""

    def name(self) -> Text:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        events = answer_call_reference(dispatcher, tracker)
        if events is not None:
            return events
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        name_the_part(dispatcher, tracker)
        dispatcher.utter_message(response=OUT_OF_SCOPE_RESPONSES.get(intent, "utter_out_of_scope"))
        return []


class ActionOfferHuman(Action):
    """ "Kan ik iemand spreken?": the contact card of the authority in question."""

    def name(self) -> Text:
        return "action_offer_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        name_the_part(dispatcher, tracker)
        authority = authority_in_question(tracker)
        dispatcher.utter_message(response="utter_human_contact", card=card_for(authority))
        return [SlotSet(LAST_AUTHORITY_SLOT, authority)]


class ActionOtherLanguage(Action):
    """French or English: "we answer in Dutch" and where to go, unless the message names a
    call by its title (French titles of the Agence FSE, English ones of the Commission)."""

    LANGUAGE_RESPONSES = {"taal_frans": "utter_taal_frans", "taal_engels": "utter_taal_engels"}

    def name(self) -> Text:
        return "action_other_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        events = answer_call_reference(dispatcher, tracker)
        if events is not None:
            return events
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        dispatcher.utter_message(response=self.LANGUAGE_RESPONSES.get(intent, "utter_taal_engels"))
        return []
