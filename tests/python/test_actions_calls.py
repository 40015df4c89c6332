"""The calls actions end to end with rasa_sdk's dispatcher and a tracker, on a demo list
with pinned dates (today = 1 March 2026)."""

from pathlib import Path

import pytest

from actions import calls_actions
from actions.calls.store import CallsStore
from rasa_fakes import run, tracker

DEMO = Path(__file__).with_name("demo_calls.yml")


@pytest.fixture(autouse=True)
def demo_list(monkeypatch):
    monkeypatch.setenv("AMIF_TODAY", "2026-03-01")
    monkeypatch.setattr(calls_actions, "STORE", CallsStore(DEMO))


def test_open_calls_soonest_deadline_first_with_links_and_dutch_dates():
    text, buttons, slots = run(calls_actions.ActionListOpenCalls(), tracker("welke oproepen zijn er nu open", "ask_open_calls"))
    assert "6 open oproepen" in text
    assert text.index("Warm onthaal") < text.index("Kansen voor nieuwkomers") < text.index("Kleinschalige opvang")
    assert "[Warm onthaal in de gemeente](https://www.europawse.be/oproepen/warm-onthaal)" in text
    assert "15 maart 2026 om 17:00" in text and "Europa WSE" in text
    assert "Jonge nieuwkomers" not in text  # opens in April: upcoming, not open
    assert buttons == [calls_actions.MORE_BUTTON]  # 6 results, 5 per page
    assert slots["calls_shown"][0] == "vl-2026-warm-onthaal" and len(slots["calls_shown"]) == 5


def test_show_more_gives_the_next_page():
    query = {"kind": "open", "theme": None, "region": None, "authority": None, "audience": None, "page": 1}
    text, buttons, slots = run(calls_actions.ActionShowMoreCalls(),
                               tracker("toon meer", "show_more_calls", slots={"calls_query": query}))
    assert slots["calls_shown"] == ["vl-2026-taal"]
    assert "6–6 van 6" in text and buttons == []


@pytest.mark.parametrize("entities, expected, absent", [
    ({"theme": "opvang"}, ["Kleinschalige opvang"], ["Warm onthaal"]),
    ({"region": "Vlaanderen"}, ["Warm onthaal", "Taal op de werkvloer"], ["Kleinschalige opvang", "Appel FAMI"]),
    ({"region": "europa"}, ["Integration at local level"], ["Warm onthaal"]),
    ({"audience": "gemeente"}, ["Warm onthaal", "Kansen voor nieuwkomers"], ["Taal op de werkvloer"]),
    ({"theme": "integratie", "audience": "vzw", "region": "vlaanderen"}, ["Kansen voor nieuwkomers", "Taal op de werkvloer"], ["Warm onthaal", "Appel FAMI"]),
])
def test_filters_from_entities(entities, expected, absent):
    text, _, _ = run(calls_actions.ActionListOpenCalls(), tracker("oproepen?", "ask_open_calls", entities))
    for title in expected:
        assert title in text
    for title in absent:
        assert title not in text


def test_no_open_call_for_a_filter_says_so_and_how_to_stay_informed():
    text, _, slots = run(calls_actions.ActionListOpenCalls(), tracker("terugkeer", "ask_open_calls", {"theme": "terugkeer"}))
    assert "geen AMIF-oproep rond terugkeer open" in text
    assert "europawse.be" in text and "Subsidiemanager" in text
    assert slots["calls_shown"] == []


def test_upcoming_lists_announced_calls_first():
    text, _, _ = run(calls_actions.ActionListUpcomingCalls(), tracker("wanneer komen er nieuwe oproepen", "ask_upcoming_calls"))
    assert text.index("Jonge nieuwkomers") < text.index("Warm onthaal")
    assert "opent op 15 april 2026" in text


def test_named_closed_call_is_reported_closed_with_its_date_and_budget():
    text, _, slots = run(calls_actions.ActionCallDetail(),
                         tracker("hoeveel budget heeft oproep 579", "ask_call_detail", {"call_ref": "579"}))
    assert "€\u00a06.500.000" in text and "afgesloten sinds 30 november 2023" in text
    assert slots["calls_shown"] == ["vl-2023-579-opvang-oekrainers"]


def test_fuzzy_named_call_deadline():
    text, _, _ = run(calls_actions.ActionCallDetail(),
                     tracker("wat is de deadline van de oproep warm onthaal", "ask_call_detail", {"call_ref": "warm onthal"}))
    assert text == ("De deadline van [Warm onthaal in de gemeente](https://www.europawse.be/oproepen/warm-onthaal) "
                    "is 15 maart 2026 om 17:00.")


def test_follow_up_refers_to_the_calls_just_shown():
    shown = ["vl-2026-warm-onthaal", "vl-2026-arbeidsmarkt"]
    text, _, _ = run(calls_actions.ActionCallDetail(),
                     tracker("wat is de deadline daarvan", "ask_call_detail", slots={"calls_shown": shown}))
    assert text.count("De deadline van") == 2
    assert text.index("Warm onthaal") < text.index("Kansen voor nieuwkomers")


def test_follow_up_without_anything_shown_asks_which_call():
    text, buttons, _ = run(calls_actions.ActionCallDetail(), tracker("en het budget?", "ask_call_detail"))
    assert "Over welke oproep" in text and buttons


def test_pronoun_uses_the_authority_discussed_last():
    events = [{"event": "slot", "name": "last_authority", "value": "fod-binnenlandse-zaken"}]
    text, _, _ = run(calls_actions.ActionListOpenCalls(), tracker("hebben zij nu een oproep", "ask_open_calls", events=events))
    assert "Kleinschalige opvang" in text and "Warm onthaal" not in text


def test_unreadable_list_gives_a_clear_answer(tmp_path, monkeypatch):
    broken = tmp_path / "calls.yml"
    broken.write_text("calls: [ {id: x")
    monkeypatch.setattr(calls_actions, "STORE", CallsStore(broken))
    text, _, _ = run(calls_actions.ActionListOpenCalls(), tracker("open oproepen", "ask_open_calls"))
    assert text == calls_actions.LIST_UNREADABLE


def test_routing_sentence_mentions_an_open_call():
    assert "Kleinschalige opvang" in calls_actions.open_calls_sentence("fod-binnenlandse-zaken")
    assert "geen open AMIF-oproep" in calls_actions.open_calls_sentence("pod-mi")


def test_punctuation_tagged_as_call_name_falls_back_to_the_calls_shown():
    text, _, _ = run(calls_actions.ActionCallDetail(),
                     tracker("Wat is de deadline daarvan?", "ask_call_detail", {"call_ref": "?"},
                             slots={"calls_shown": ["vl-2026-warm-onthaal"]}))
    assert text.startswith("De deadline van [Warm onthaal in de gemeente]")
