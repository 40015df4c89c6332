"""Routing actions with rasa_sdk's dispatcher and a tracker: ask only what is missing,
answer with the authority, follow-ups about the authority discussed last."""

from pathlib import Path

import pytest
from rasa_fakes import run, tracker

from actions import calls_actions, routing_actions
from actions.calls.store import CallsStore

DEMO = Path(__file__).with_name("demo_calls.yml")


@pytest.fixture(autouse=True)
def demo_list(monkeypatch):
    monkeypatch.setenv("AMIF_TODAY", "2026-03-01")
    monkeypatch.setattr(calls_actions, "STORE", CallsStore(DEMO))


ROUTE = routing_actions.ActionRouteProject()


def test_start_without_details_asks_the_theme_with_buttons():
    text, buttons, slots = run(ROUTE, tracker("Ik wil een AMIF-project indienen", "start_project"))
    assert "Over welk thema" in text
    assert any(b["payload"] == '/inform{"theme":"terugkeer"}' for b in buttons)
    assert slots["route_pending"] == "theme"


def test_integration_then_region_ends_at_europa_wse_with_contact_and_open_call():
    text, buttons, slots = run(
        ROUTE, tracker("Het gaat over integratie van nieuwkomers", "inform", {"theme": "integratie"})
    )
    assert slots == {"route_theme": "integratie", "route_region": None, "route_pending": "region"}
    assert any("Wallonië" in b["title"] for b in buttons)

    text, _, slots = run(
        ROUTE,
        tracker(
            "In Vlaanderen",
            "inform",
            {"region": "vlaanderen"},
            slots={"route_theme": "integratie", "route_pending": "region"},
        ),
    )
    assert "Europa WSE" in text and "europawse.be" in text and "Lisa Van Hecke" in text
    assert "Er loopt nu een oproep" in text
    assert slots["last_authority"] == "europa-wse" and slots["route_pending"] is None


def test_return_theme_goes_to_the_fod_without_asking_the_region():
    text, _, slots = run(
        ROUTE, tracker("het gaat over terugkeer", "inform", {"theme": "terugkeer"}, slots={"route_pending": "theme"})
    )
    assert "FOD Binnenlandse Zaken" in text and "amif-isf.be" in text
    assert slots["last_authority"] == "fod-binnenlandse-zaken"


def test_entities_in_the_first_message_need_no_questions():
    text, _, slots = run(
        ROUTE, tracker("een integratieproject in Namen", "start_project", {"theme": "integratie", "region": "Namen"})
    )
    assert "Agence FSE" in text and slots["last_authority"] == "agence-fse"


def test_a_new_question_does_not_reuse_an_old_theme():
    _, _, slots = run(
        ROUTE,
        tracker(
            "ik heb een projectidee", "start_project", slots={"route_theme": "asiel", "route_region": "vlaanderen"}
        ),
    )
    assert slots["route_pending"] == "theme"


def test_dont_know_explains_the_themes_instead_of_looping():
    text, buttons, slots = run(ROUTE, tracker("weet ik niet", "dont_know", slots={"route_pending": "theme"}))
    assert "federale thema's" in text and "Integratie" in text
    assert buttons and slots["route_pending"] == "theme"


def test_stop_forgets_the_half_answered_question():
    text, _, slots = run(
        routing_actions.ActionStopRouting(), tracker("laat maar", "stop", slots={"route_pending": "region"})
    )
    assert slots["route_pending"] is None and "Waarmee kan ik" in text


FOLLOW_UP = routing_actions.ActionContactFollowUp()


def test_follow_up_after_a_faq_answer_uses_its_authority():
    faq_answer = {
        "event": "bot",
        "text": "Het Waalse luik ...",
        "metadata": {"utter_action": "utter_faq/waals_luik", "metadata": {"authority": "agence-fse"}},
    }
    text, _, slots = run(FOLLOW_UP, tracker("En wat is hun website?", "ask_contact_website", events=[faq_answer]))
    assert "fse.be" in text and slots["last_authority"] == "agence-fse"


def test_follow_up_uses_the_latest_of_slot_and_faq_answer():
    events = [
        {"event": "bot", "metadata": {"metadata": {"authority": "agence-fse"}}},
        {"event": "slot", "name": "last_authority", "value": "fod-binnenlandse-zaken"},
    ]
    text, _, _ = run(FOLLOW_UP, tracker("en hun e-mailadres?", "ask_contact_email", events=events))
    assert "amif-isf@ibz.eu" in text


def test_follow_up_without_an_authority_asks_which_one():
    text, buttons, _ = run(FOLLOW_UP, tracker("en hun telefoonnummer?", "ask_contact_phone"))
    assert "Over welke instantie" in text and buttons


@pytest.mark.parametrize(
    "message, entities, authority",
    [
        ("We zijn een stad in Oost-Vlaanderen", {"region": "Oost-Vlaanderen"}, "Europa WSE"),
        ("We zijn een stad in Oost-Vlaanderen", {}, "Europa WSE"),  # the place reaches the routing untagged
        ("een gemeente in Henegouwen", {}, "Agence FSE"),
        ("onze vzw zit in Schaarbeek", {}, "Europa WSE"),  # Brussels: both strands are named
        ("de provincie Limburg", {"region": "Limburg"}, "Europa WSE"),
        ("Eupen", {}, "FOD Binnenlandse Zaken"),
        ("onze postcode is 4000", {}, "Agence FSE"),
    ],
)
def test_a_place_answers_the_region_question(message, entities, authority):
    text, _, slots = run(
        ROUTE, tracker(message, "inform", entities, slots={"route_theme": "integratie", "route_pending": "region"})
    )
    assert authority in text.split(". ")[0], text
    assert slots["route_pending"] is None


def test_an_unknown_region_word_is_said_to_be_unknown():
    text, _, slots = run(
        ROUTE,
        tracker(
            "in Atlantis",
            "inform",
            {"region": "Atlantis"},
            slots={"route_theme": "integratie", "route_pending": "region"},
        ),
    )
    assert "De regio 'Atlantis' ken ik niet" in text and slots["route_pending"] == "region"


def test_routing_answer_for_german_speaking_integration_attaches_no_reception_call():
    text, _, _ = run(ROUTE, tracker("integratieproject in Eupen", "start_project", {"theme": "integratie"}))
    assert "FOD Binnenlandse Zaken" in text and "Kleinschalige opvang" not in text


def test_contact_person_there_means_the_authority_just_discussed():
    events = [{"event": "bot", "text": "...", "metadata": {"metadata": {"authority": "pod-mi"}}}]
    text, _, slots = run(
        routing_actions.ActionContactFollowUp(), tracker("wie is de contactpersoon daar?", "ask_contact", events=events)
    )
    assert "POD Maatschappelijke Integratie" in text and "mi-is.be" in text and "Lisa Van Hecke" not in text
    assert slots == {"last_authority": "pod-mi"}


def test_contact_without_an_authority_gives_the_overview():
    text, _, _ = run(routing_actions.ActionContactFollowUp(), tracker("Contact", "ask_contact"))
    assert "Europa WSE" in text and "Agence FSE" in text and "amif-isf.be" in text


def test_a_theme_the_visitor_named_before_is_not_asked_again():
    events = [{"event": "user", "text": "Hoe dien ik een inburgeringsproject in?"}, {"event": "bot", "text": "..."}]
    text, _, slots = run(ROUTE, tracker("Onze vzw is gevestigd in Verviers", "inform", events=events))
    assert "Agence FSE" in text.split(". ")[0] and slots["route_pending"] is None


def test_a_theme_word_inside_a_compound_counts():
    text, _, _ = run(ROUTE, tracker("wij zijn een LOI en willen extra opvangplaatsen", "start_project"))
    assert "FOD Binnenlandse Zaken" in text


def test_a_call_named_in_the_routing_answer_is_the_one_discussed():
    _, _, slots = run(ROUTE, tracker("een project rond opvang", "start_project", {"theme": "opvang"}))
    assert slots["calls_discussed"] == ["fod-2026-opvang"]


def test_a_bare_call_title_out_of_the_blue_is_about_the_call():
    text, _, slots = run(ROUTE, tracker("kleinschalige opvang van verzoekers", "inform", {"theme": "opvang"}))
    assert "[Kleinschalige opvang van verzoekers]" in text and slots["calls_discussed"] == ["fod-2026-opvang"]
