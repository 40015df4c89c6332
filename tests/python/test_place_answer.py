"""The NLU component that takes a message naming only a place for the answer to "Waar is
je organisatie actief?" (components/place_answer.py)."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.place_answer import PlaceAnswer


def processed(text, intent="stop"):
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.6},
            "intent_ranking": [{"name": intent, "confidence": 0.6}],
            "entities": [],
        }
    )
    return PlaceAnswer().process([message])[0]


@pytest.mark.parametrize(
    "text, place",
    [
        ("Anvers", "Anvers"),
        ("in Brugge", "Brugge"),
        ("postcode 6000", "Charleroi"),
        ("6000", "Charleroi"),
        ("Sankt Vith", "Sankt Vith"),
        ("we zijn een vzw uit Schaerbeek", "Schaerbeek"),
        ("onze gemeente ligt in de provincie Luxemburg", "Luxembourg"),
        ("Pajottegem", "Pajottegem"),
    ],
)
def test_a_place_alone_is_an_answer_with_its_region(text, place):
    message = processed(text)
    assert message.get("intent") == {"name": "inform", "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == "inform"
    region = [e for e in message.get("entities") if e["entity"] == "region"]
    assert len(region) == 1 and region[0]["value"] in (place, "Luxemburg", "Charleroi")


@pytest.mark.parametrize(
    "text",
    [
        "hoe zit het voor brussel",
        "Wat is AMIF?",
        "wie beheert het vlaamse luik",
        "kunnen we daar geld halen",
        "Stad Oostende wil een inburgeringsproject opzetten",
        "2026",
    ],
)
def test_other_messages_keep_their_intent(text):
    assert processed(text, "faq").get("intent")["name"] == "faq"
