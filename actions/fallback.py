"""Stage one of the two-stage fallback: when NLU is unsure, offer the likely topics as
buttons with readable Dutch titles (Rasa's default asks "Did you mean 'faq'?").

FAQ titles come from each answer's `metadata.title` in domain.yml, so a title lives next
to its answer. A FAQ button sends its title as text (a trained example), because a
payload like "/faq" cannot name the sub-question.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import wording
from actions.answering import FAQ_INTENT
from actions.calls_actions import answer_call_reference
from actions.conversation import latest_text, question_part
from actions.routing_actions import route_named_place_and_theme

MAX_SUGGESTIONS = 3
MIN_CONFIDENCE = 0.05

# Non-FAQ intents worth offering, with the question a visitor would recognise (its wording in
# domain.yml). Intents that only make sense as replies (affirm, inform, stop, ...) are left out.
INTENT_TITLES: Dict[str, str] = {
    "ask_open_calls": "utter_part_suggest_ask_open_calls",
    "ask_upcoming_calls": "utter_part_suggest_ask_upcoming_calls",
    "start_project": "utter_part_suggest_start_project",
    "ask_authority": "utter_part_suggest_ask_authority",
    "ask_contact": "utter_part_suggest_ask_contact",
    "ask_human": "utter_part_suggest_ask_human",
    "help": "utter_part_suggest_help",
    "persoonlijke_hulp": "utter_part_suggest_persoonlijke_hulp",
    "bot_challenge": "utter_part_suggest_bot_challenge",
}


def something_else() -> Dict[Text, Text]:
    return {"title": wording.text("utter_part_button_something_else"), "payload": "/out_of_scope"}


def suggestions(parse_data: Dict[Text, Any]) -> List[Dict[Text, Text]]:
    """Buttons for the most likely intents (FAQ intent expanded into its likely answers)."""
    buttons: List[Dict[Text, Text]] = []
    for ranked in parse_data.get("intent_ranking") or []:
        name, confidence = ranked.get("name"), ranked.get("confidence", 0.0)
        if confidence < MIN_CONFIDENCE:
            break
        if name == FAQ_INTENT:
            selector = (parse_data.get("response_selector") or {}).get(FAQ_INTENT, {})
            for candidate in (selector.get("ranking") or [])[:2]:
                key = candidate.get("intent_response_key", "").split("/", 1)[-1]
                title = wording.metadata(f"utter_{FAQ_INTENT}/{key}").get("title")
                if title:
                    buttons.append({"title": title, "payload": title})
        elif name in INTENT_TITLES:
            buttons.append({"title": wording.text(INTENT_TITLES[name]), "payload": f"/{name}"})
        if len(buttons) >= MAX_SUGGESTIONS:
            break
    return buttons[:MAX_SUGGESTIONS]


class ActionAskAffirmation(Action):
    def name(self) -> Text:
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        # A call named by its title (one NLU cannot know: staff added it today).
        events = answer_call_reference(dispatcher, tracker)
        if events is None:  # a theme and a place: where to go with that project
            events = route_named_place_and_theme(dispatcher, tracker)
        if events is not None:
            return events
        if question_part(tracker):
            dispatcher.utter_message(response="utter_about_part", part=wording.quoted(latest_text(tracker)))
        buttons = suggestions(tracker.latest_message or {})
        response = "utter_ask_affirmation_choices" if buttons else "utter_ask_affirmation_rephrase"
        dispatcher.utter_message(response=response, buttons=buttons + [something_else()])
        return []
