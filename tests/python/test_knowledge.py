"""Knowledge a visitor can check: every FAQ answer names its sources and the day its facts
were checked, shows its source under the answer (actions/sources.py), and never calls a
body or tool by a name it no longer has, unless as its old name ("vroeger ESF Vlaanderen")."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from rasa_fakes import tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answer_actions, sources

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
FAQ = {name: variations[0] for name, variations in RESPONSES.items() if name.startswith("utter_faq/")}

# Names of bodies and tools that changed; the old one may only be named as the old one.
OLD_NAMES = re.compile(r"\b(ESF[ -]Vlaanderen|ESF-applicatie|e-zine|Afdeling ESF)\b", re.IGNORECASE)
PRESENTED_AS_OLD = re.compile(r"\b(vroeger|voorheen|vroegere|oude naam|tot 20\d\d)\b[^.]{0,40}$", re.IGNORECASE)
URL = re.compile(r"(https?://|www\.)\S+|\S+@\S+")


def names_an_old_body_as_current(text: str) -> list:
    """The old names in `text` (URLs and addresses left out) not presented as old names."""
    plain = URL.sub(" ", text)
    return [m.group(0) for m in OLD_NAMES.finditer(plain) if not PRESENTED_AS_OLD.search(plain[: m.start()])]


def test_the_old_name_check_tells_old_from_current():
    assert names_an_old_body_as_current("Europa WSE (vroeger ESF Vlaanderen) beheert het Vlaamse luik.") == []
    assert names_an_old_body_as_current("Dien je project in via Platos, de opvolger van de ESF-applicatie.") == [
        "ESF-applicatie"
    ]
    assert names_an_old_body_as_current("Schrijf je in op het e-zine.") == ["e-zine"]
    assert names_an_old_body_as_current("Zie https://www.esf-vlaanderen.be/nl/amif voor meer.") == []


def test_every_faq_answer_has_sources_and_the_date_they_were_checked():
    assert len(FAQ) >= 28
    today = dt.date.today()
    for name, answer in FAQ.items():
        metadata = answer.get("metadata") or {}
        assert sources.source_urls(metadata), f"{name}: metadata.source needs at least one http(s) URL"
        # A quoted ISO date: Rasa copies response metadata into JSON events, and YAML would
        # make an unquoted 2026-12-02 a date object that JSON cannot hold.
        checked = metadata.get("checked")
        assert isinstance(checked, str), f'{name}: metadata.checked must be a quoted date: "YYYY-MM-DD"'
        assert dt.date.fromisoformat(checked) <= today, f"{name}: checked {checked} is in the future"


def all_bot_texts():
    """Every text the bot can say: domain.yml responses and the staff files it quotes."""
    for name, variations in RESPONSES.items():
        for variation in variations:
            yield name, variation.get("text") or ""
            for button in variation.get("buttons") or []:
                yield f"{name} button", button.get("title") or ""
    catalogue = yaml.safe_load((ROOT / "routing/catalogue.yml").read_text(encoding="utf-8"))
    for text in strings_in(catalogue, skip=RECOGNISED_ONLY):
        yield "routing/catalogue.yml", text
    calls = yaml.safe_load((ROOT / "calls/calls.yml").read_text(encoding="utf-8"))["calls"]
    for call in calls:
        for field in ("title", "summary"):
            yield f"calls/calls.yml {call['id']}", call.get(field) or ""


# Catalogue fields the bot recognises in what visitors type, or shows after "vroeger".
RECOGNISED_ONLY = {"words", "former_names"}


def strings_in(node, skip=frozenset()):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from strings_in(value, skip)
    elif isinstance(node, list):
        for value in node:
            yield from strings_in(value, skip)


def test_no_answer_names_an_old_body_or_tool_as_if_it_were_current():
    wrong = {
        (where, text[:60]): found for where, text in all_bot_texts() if (found := names_an_old_body_as_current(text))
    }
    assert not wrong


def test_the_source_line_links_each_site_once():
    metadata = {
        "source": [
            "https://www.europawse.be/hoe-werken-wij",
            "https://www.esf-vlaanderen.be/nl/amif (interview 2021)",
            "https://www.europawse.be/praktische-info",
            "interview",
        ]
    }
    assert sources.source_urls(metadata) == [
        "https://www.europawse.be/hoe-werken-wij",
        "https://www.esf-vlaanderen.be/nl/amif",
        "https://www.europawse.be/praktische-info",
    ]
    payload = sources.source_payload(metadata)["data"]["source"]
    assert payload["text"].startswith("Bron")
    assert "[europawse.be](https://www.europawse.be/hoe-werken-wij)" in payload["text"]
    assert "[esf-vlaanderen.be](https://www.esf-vlaanderen.be/nl/amif)" in payload["text"]
    assert payload["text"].count("europawse.be]") == 1 and len(payload["urls"]) == 3
    assert sources.source_payload({"source": ["interview"]}) is None
    assert sources.source_payload({}) is None


@pytest.mark.parametrize("key", ["wat_is_amif", "platos", "op_de_hoogte"])
def test_an_faq_answer_is_sent_with_its_source_line(key):
    trk = tracker("vraag", "faq")
    trk.latest_message["response_selector"] = {
        "faq": {"ranking": [{"intent_response_key": f"faq/{key}", "confidence": 0.97}]}
    }
    dispatcher = CollectingDispatcher()
    asyncio.run(answer_actions.ActionAnswerFaq().run(dispatcher, trk, {}))
    answer = dispatcher.messages[-1]
    assert answer["response"] == f"utter_faq/{key}"
    expected = sources.source_urls(FAQ[f"utter_faq/{key}"]["metadata"])
    line = sources.source_of({"custom": answer["custom"]})
    assert line["urls"] == expected and sources.site(expected[0]) in line["text"]
    # Over socket.io Rasa emits the payload's `data`: the widget reads `source` from it.
    assert sources.source_of(answer["custom"]["data"]) == line


def test_every_response_metadata_can_travel_as_json():
    # Rasa copies a response's metadata into the bot's event: the action server and the
    # tracker store receive it as JSON (a YAML date object would break every later turn).
    import json

    for name, variations in RESPONSES.items():
        for variation in variations:
            try:
                json.dumps(variation.get("metadata") or {})
            except TypeError as error:
                pytest.fail(f"{name}: metadata cannot be sent as JSON ({error}); quote dates")
