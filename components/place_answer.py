"""NLU component: a message that only says where the organisation is ("Anvers", "in Brugge",
"postcode 6000", "we zijn een vzw uit Schaerbeek") is the answer to the bot's question
"Waar is je organisatie actief?", whatever the intent classifier made of it.

Place names are words the classifier has mostly never seen ("Moeskroen", "Pajottegem"), so it
guesses: "stop", "deny", English, the fallback. Here, when the message names a Belgian place
(routing/places.json, resolved by actions/places.py) and nothing else but the usual words
around a place ("we zijn", "een gemeente", "actief in"), the intent becomes `inform` and the
place a `region` entity, which the routing action resolves to its strand. Messages with more
in them keep the classifier's intent; the actions find a place in them anyway.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.places import default_index
from actions.vocabulary import fold

INFORM = "inform"
# The words people put around a place when they say where they are.
AROUND_A_PLACE = set(
    """
    in uit te van bij rond nabij omgeving regio provincie gemeente stad dorp deelgemeente ocmw vzw
    organisatie bestuur lokaal lokale school wij we zijn zitten zit werken werk actief gevestigd
    ligt liggen een de het onze ons mijn is postcode postnummer overal heel hele ja zowel als en
    of ook vooral daar hier gelegen ben kantoor regio's provincies streek""".split()
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PlaceAnswer(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "PlaceAnswer":
        return cls()

    def __init__(self) -> None:
        self.places = default_index()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/") or len(text) > 120:
                continue
            found = self.places.find(text)
            if not found or not only_words_around_a_place(text, self.places):
                continue
            message.set(INTENT, {"name": INFORM, "confidence": 1.0}, add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != INFORM]
            message.set(INTENT_RANKING_KEY, [{"name": INFORM, "confidence": 1.0}] + ranking, add_to_output=True)
            entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != "region"]
            entities.append(
                {
                    "entity": "region",
                    "value": found[0].name,
                    "start": 0,
                    "end": len(text),
                    "confidence_entity": 1.0,
                    "extractor": self.__class__.__name__,
                }
            )
            message.set(ENTITIES, entities, add_to_output=True)
        return messages


def only_words_around_a_place(text: str, places) -> bool:
    """Nothing in the text but place names, postal codes and the words around them."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    remaining = [w for w in words if w not in AROUND_A_PLACE]
    # remove the place names themselves (they may span several words) and postal codes
    joined = " ".join(remaining)
    for key in sorted(places.names, key=len, reverse=True):
        if f" {key} " in f" {joined} ":
            joined = f" {joined} ".replace(f" {key} ", " ").strip()
    return all(w.isdigit() and len(w) == 4 for w in joined.split())
