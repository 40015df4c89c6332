"""Stage one of the two-stage fallback offers readable Dutch buttons."""

from pathlib import Path

import yaml
from rasa_fakes import run, tracker

from actions.fallback import ActionAskAffirmation, something_else, suggestions

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())


def parse(ranking, faq_ranking=()):
    return {
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
        "response_selector": {
            "faq": {"ranking": [{"intent_response_key": f"faq/{k}", "confidence": c} for k, c in faq_ranking]}
        },
    }


def test_every_faq_answer_has_a_title_and_a_source():
    faq = {k: v for k, v in DOMAIN["responses"].items() if k.startswith("utter_faq/")}
    assert len(faq) >= 25
    for name, variations in faq.items():
        metadata = variations[0].get("metadata") or {}
        assert metadata.get("title"), name
        assert metadata.get("source"), name


def test_faq_candidates_become_their_titles_as_text_payloads():
    buttons = suggestions(
        parse([("faq", 0.4), ("ask_open_calls", 0.3), ("greet", 0.01)], [("waals_luik", 0.5), ("brussel", 0.3)])
    )
    assert buttons == [
        {"title": "Wie beheert het Waalse luik?", "payload": "Wie beheert het Waalse luik?"},
        {"title": "Hoe zit het voor Brussel?", "payload": "Hoe zit het voor Brussel?"},
        {"title": "Welke oproepen zijn er nu open?", "payload": "/ask_open_calls"},
    ]


def test_reply_intents_are_not_offered():
    assert suggestions(parse([("affirm", 0.5), ("inform", 0.4)])) == []


def test_action_always_offers_something_else():
    trk = tracker("blub", "nlu_fallback")
    trk.latest_message.update(parse([("nlu_fallback", 0.55), ("faq", 0.3)], [("platos", 0.9)]))
    text, buttons, _ = run(ActionAskAffirmation(), trk)
    assert text.startswith("Ik weet niet zeker")
    assert buttons == [
        {"title": "Hoe dien ik een project in?", "payload": "Hoe dien ik een project in?"},
        something_else(),
    ]


def test_an_unsure_message_naming_a_theme_and_a_place_gets_the_routing_answer(monkeypatch):
    from actions import calls_actions
    from actions.calls.store import CallsStore

    monkeypatch.setenv("AMIF_TODAY", "2026-03-01")
    monkeypatch.setattr(calls_actions, "STORE", CallsStore(Path(__file__).with_name("demo_calls.yml")))
    trk = tracker("wij zijn een vzw in Namen en willen iets met inburgering doen", "nlu_fallback")
    text, _, slots = run(ActionAskAffirmation(), trk)
    assert "Agence FSE" in text and slots["last_authority"] == "agence-fse"
    # Only a place, or only a theme: the usual "did you mean" question.
    for message in ("wij zijn een vzw in Namen", "iets met inburgering"):
        text, _, _ = run(ActionAskAffirmation(), tracker(message, "nlu_fallback"))
        assert text.startswith("Ik weet niet zeker wat je bedoelt")


def test_an_unsure_answer_to_the_region_question_that_names_a_place_continues_the_routing(monkeypatch):
    from actions import calls_actions
    from actions.calls.store import CallsStore

    monkeypatch.setenv("AMIF_TODAY", "2026-03-01")
    monkeypatch.setattr(calls_actions, "STORE", CallsStore(Path(__file__).with_name("demo_calls.yml")))
    asked = {"route_theme": "integratie", "route_pending": "region"}
    text, _, slots = run(ActionAskAffirmation(), tracker("gemeente Lievegem", "nlu_fallback", slots=asked))
    assert "Europa WSE" in text and slots["last_authority"] == "europa-wse"
    # Not asked for a region: a place alone is no routing question.
    text, _, _ = run(ActionAskAffirmation(), tracker("gemeente Lievegem", "nlu_fallback"))
    assert text.startswith("Ik weet niet zeker wat je bedoelt")
