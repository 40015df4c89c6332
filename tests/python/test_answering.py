"""What the bot answers to an FAQ-type question, given what the conversation already says
(actions/answering.py, uttered by actions/answer_actions.py)."""

from pathlib import Path

import pytest
from rasa_fakes import run, tracker

from actions import answer_actions, answering, calls_actions
from actions.calls.store import CallsStore

DEMO = Path(__file__).with_name("demo_calls.yml")


def parse(ranking, intent="faq"):
    return {
        "intent": {"name": intent, "confidence": 0.9},
        "response_selector": {
            "faq": {"ranking": [{"intent_response_key": f"faq/{k}", "confidence": c} for k, c in ranking]}
        },
    }


def test_a_sure_answer_is_given():
    assert answering.choose(parse([("pod_mi", 0.93), ("brussel", 0.02)])) == answering.Choice("faq", "pod_mi", 0.93)


# Below the chosen answer threshold, yet high enough to be offered as a nearby answer.
UNSURE = answering.FAQ_MIN_CONFIDENCE * 0.9
LESS_SURE = max(answering.NEARBY_MIN_CONFIDENCE, answering.FAQ_MIN_CONFIDENCE * 0.5)
assert LESS_SURE < UNSURE < answering.FAQ_MIN_CONFIDENCE


def test_an_unsure_answer_becomes_an_honest_i_do_not_know_with_the_nearest_answers():
    choice = answering.choose(parse([("opvolging_rapportering", UNSURE), ("cofinanciering", LESS_SURE)]))
    assert choice.kind == "unknown" and choice.nearby == ("opvolging_rapportering", "cofinanciering")


def test_the_channel_under_discussion_holds_against_an_audience_word():
    choice = answering.choose(parse([("lokale_besturen", 0.9)]), topic_authority="pod-mi")
    assert (choice.kind, choice.key) == ("audience_of_topic", "pod-mi")
    # after Europa WSE itself the audience answer is the right one
    assert answering.choose(parse([("lokale_besturen", 0.9)]), topic_authority="europa-wse").kind == "faq"


def test_a_federal_theme_beats_an_audience_answer():
    choice = answering.choose(parse([("lokale_besturen", 0.9)]), themes=("opvang",))
    assert (choice.kind, choice.key) == ("route", "opvang")


def test_a_private_person_stays_one():
    assert answering.choose(parse([("wie_kan_indienen", 0.9)]), individual=True).kind == "individual"
    assert answering.choose(parse([("wat_is_amif", 0.9)]), individual=True).kind == "faq"


@pytest.fixture()
def demo_list(monkeypatch):
    monkeypatch.setenv("AMIF_TODAY", "2026-03-01")
    monkeypatch.setattr(calls_actions, "STORE", CallsStore(DEMO))


def faq_tracker(text, ranking, **kwargs):
    trk = tracker(text, "faq", **kwargs)
    trk.latest_message.update(parse(ranking))
    return trk


def test_faq_action_gives_the_answer_and_remembers_its_authority(demo_list):
    text, _, slots = run(answer_actions.ActionAnswerFaq(), faq_tracker("wat doet de pod mi", [("pod_mi", 0.95)]))
    assert "POD Maatschappelijke Integratie" in text and slots == {"last_authority": "pod-mi"}


def test_faq_action_says_it_does_not_know_and_who_knows(demo_list):
    text, buttons, _ = run(
        answer_actions.ActionAnswerFaq(),
        faq_tracker(
            "wat is de maximale looptijd van een project", [("soort_projecten", UNSURE), ("voorbereiding", LESS_SURE)]
        ),
    )
    assert text.startswith("Dat weet ik niet precies")
    assert "Europa WSE" in text and "europawse.be" in text  # the Flemish contact point
    assert {"title": "Welke projecten zoekt AMIF?", "payload": "Welke projecten zoekt AMIF?"} in buttons
    assert {"title": "Met een medewerker spreken", "payload": "/ask_human"} in buttons


def test_unknown_question_names_the_authority_discussed(demo_list):
    events = [{"event": "slot", "name": "last_authority", "value": "agence-fse"}]
    text, _, _ = run(
        answer_actions.ActionHonestUnknown(),
        tracker("wanneer komen de resultaten van de selectie", "amif_onbekend", events=events),
    )
    assert "Agence FSE" in text and "fse.be" in text


def test_faq_action_keeps_the_topic_after_a_pod_mi_answer(demo_list):
    events = [
        {"event": "user", "text": "wat doet de pod mi"},
        {"event": "bot", "text": "...", "metadata": {"metadata": {"authority": "pod-mi"}}},
    ]
    text, _, slots = run(
        answer_actions.ActionAnswerFaq(),
        faq_tracker("kan ons ocmw daar een project indienen", [("lokale_besturen", 0.9)], events=events),
    )
    assert "OCMW" in text and "mi-is.be" in text and "Europa WSE" not in text
    assert slots == {"last_authority": "pod-mi"}


def test_faq_action_routes_a_reception_project_of_a_local_initiative(demo_list):
    text, _, slots = run(
        answer_actions.ActionAnswerFaq(),
        faq_tracker(
            "wij zijn een lokaal opvanginitiatief en willen extra opvangplaatsen",
            [("lokale_besturen", 0.8)],
            entities={"theme": "opvang"},
        ),
    )
    assert "FOD Binnenlandse Zaken" in text and slots["last_authority"] == "fod-binnenlandse-zaken"


def test_faq_action_answers_about_a_call_named_by_its_title(demo_list):
    text, _, slots = run(
        answer_actions.ActionAnswerFaq(),
        faq_tracker("Kansen voor nieuwkomers op de arbeidsmarkt", [("soort_projecten", 0.6)]),
    )
    assert "[Kansen voor nieuwkomers op de arbeidsmarkt]" in text and slots["calls_discussed"] == [
        "vl-2026-arbeidsmarkt"
    ]


def test_private_person_follow_up(demo_list):
    text, _, _ = run(
        answer_actions.ActionAnswerFaq(),
        faq_tracker("wie kan er dan wel indienen", [("wie_kan_indienen", 0.9)], slots={"visitor_individual": True}),
    )
    assert "voor jezelf" in text and "OCMW" in text


@pytest.mark.parametrize(
    "intent, words",
    [
        ("out_of_scope", "alleen iets over het Europees Asiel-"),
        ("out_of_scope_dienst", "loket burgerzaken"),
        ("out_of_scope_subsidie", "subsidieregister"),
    ],
)
def test_out_of_scope_says_no_and_where_to_go(demo_list, intent, words):
    text, _, _ = run(answer_actions.ActionOutOfScope(), tracker("Hoe vraag ik een identiteitskaart aan?", intent))
    assert words in text


def test_out_of_scope_part_of_several_questions_is_named(demo_list):
    metadata = {"question_part": {"index": 2, "count": 2}}
    text, _, _ = run(
        answer_actions.ActionOutOfScope(),
        tracker("wat is de hoofdstad van Frankrijk", "out_of_scope", metadata=metadata),
    )
    assert text.startswith("Over je vraag 'wat is de hoofdstad van Frankrijk':")


def test_a_person_gets_the_contact_card_of_the_authority_in_question(demo_list):
    events = [{"event": "slot", "name": "last_authority", "value": "fod-binnenlandse-zaken"}]
    text, _, _ = run(answer_actions.ActionOfferHuman(), tracker("kan ik iemand spreken", "ask_human", events=events))
    assert "medewerker" in text and "amif-isf@ibz.eu" in text
    text, _, _ = run(answer_actions.ActionOfferHuman(), tracker("kan ik iemand spreken", "ask_human"))
    assert "Europa WSE" in text and "2021" in text  # the Flemish contact point, with the age of the contact


def test_two_questions_of_one_message_with_the_same_answer_get_it_once(demo_list):
    events = [
        {
            "event": "user",
            "text": "esf vlaanderen bestaat niet meer?",
            "metadata": {"question_part": {"index": 1, "count": 2}},
        },
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq/vlaams_luik"}},
    ]
    trk = faq_tracker(
        "wie heeft het overgenomen",
        [("vlaams_luik", 0.9)],
        events=events,
        metadata={"question_part": {"index": 2, "count": 2}},
    )
    assert run(answer_actions.ActionAnswerFaq(), trk)[0] == ""
    text, _, _ = run(answer_actions.ActionAnswerFaq(), faq_tracker("wie heeft het overgenomen", [("vlaams_luik", 0.9)]))
    assert "Europa WSE" in text


def test_an_ordinal_right_after_a_list_is_about_that_call_whatever_nlu_thought(demo_list):
    events = [
        {"event": "user", "text": "welke oproepen zijn er"},
        {"event": "action", "name": "action_list_open_calls"},
        {"event": "bot", "text": "1. ... 2. ..."},
        {"event": "action", "name": "action_listen"},
    ]
    slots = {"calls_shown": ["vl-2026-warm-onthaal", "vl-2026-arbeidsmarkt"]}
    text, _, _ = run(
        answer_actions.ActionHonestUnknown(),
        tracker("de tweede, waar kan ik die bekijken", "amif_onbekend", events=events, slots=slots),
    )
    assert text.startswith("Alle informatie staat op de pagina van de oproep: [Kansen voor nieuwkomers")


def _after_an_answer_about(call_ids):
    """The events of a conversation whose previous bot turn answered about `call_ids`."""
    return [
        {"event": "user", "text": "vertel me over de oproep kansen voor nieuwkomers"},
        {"event": "action", "name": "action_call_detail"},
        {"event": "bot", "text": "Kansen voor nieuwkomers op de arbeidsmarkt is open ..."},
        {"event": "slot", "name": "calls_discussed", "value": call_ids},
        {"event": "action", "name": "action_listen"},
    ]


@pytest.mark.parametrize(
    "follow_up, answer",
    [
        ("en hoeveel is dat?", "Het budget van [Kansen voor nieuwkomers op de arbeidsmarkt]"),
        ("en waar kan ik die vinden", "Alle informatie staat op de pagina van de oproep: [Kansen voor nieuwkomers"),
    ],
)
def test_a_detail_follow_up_that_nlu_missed_is_about_the_call_just_discussed(demo_list, follow_up, answer):
    slots = {"calls_discussed": ["vl-2026-arbeidsmarkt"]}
    trk = tracker(follow_up, "nlu_fallback", events=_after_an_answer_about(["vl-2026-arbeidsmarkt"]), slots=slots)
    text, _, _ = run(answer_actions.ActionHonestUnknown(), trk)
    assert text.startswith(answer)


def test_a_detail_follow_up_after_another_topic_is_not_taken_for_an_old_call(demo_list):
    # The call was discussed two turns ago; the bot's last turn was about something else.
    events = _after_an_answer_about(["vl-2026-arbeidsmarkt"]) + [
        {"event": "user", "text": "wat is amif"},
        {"event": "action", "name": "action_answer_faq"},
        {"event": "bot", "text": "AMIF is het Asiel-, Migratie- en Integratiefonds ..."},
        {"event": "action", "name": "action_listen"},
    ]
    slots = {"calls_discussed": ["vl-2026-arbeidsmarkt"]}
    text, _, _ = run(
        answer_actions.ActionHonestUnknown(), tracker("en hoeveel is dat?", "amif_onbekend", events=events, slots=slots)
    )
    assert "Kansen voor nieuwkomers" not in text


def test_a_french_call_title_is_not_answered_with_we_speak_dutch(demo_list):
    text, _, _ = run(
        answer_actions.ActionOtherLanguage(),
        tracker("wanneer is de deadline van het appel FAMI intégration 2026?", "taal_frans"),
    )
    assert "30 juni 2026" in text
    text, _, _ = run(
        answer_actions.ActionOtherLanguage(), tracker("bonjour, je cherche des informations", "taal_frans")
    )
    assert text.startswith("Bonjour !")
