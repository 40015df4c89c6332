"""The calls actions end to end with rasa_sdk's dispatcher and a tracker, on a demo list
with pinned dates (today = 1 March 2026)."""

from pathlib import Path

import pytest
from rasa_fakes import run, tracker

from actions import calls_actions
from actions.calls.store import CallsStore

DEMO = Path(__file__).with_name("demo_calls.yml")


@pytest.fixture(autouse=True)
def demo_list(monkeypatch):
    monkeypatch.setenv("AMIF_TODAY", "2026-03-01")
    monkeypatch.setattr(calls_actions, "STORE", CallsStore(DEMO))


def test_open_calls_soonest_deadline_first_with_links_and_dutch_dates():
    text, buttons, slots = run(
        calls_actions.ActionListOpenCalls(), tracker("welke oproepen zijn er nu open", "ask_open_calls")
    )
    assert "6 open oproepen" in text
    assert text.index("Warm onthaal") < text.index("Kansen voor nieuwkomers") < text.index("Kleinschalige opvang")
    assert "[Warm onthaal in de gemeente](https://www.europawse.be/oproepen/warm-onthaal)" in text
    assert "15 maart 2026 om 17:00" in text and "Europa WSE" in text
    assert "Jonge nieuwkomers" not in text  # opens in April: upcoming, not open
    assert buttons == [{"title": "Toon meer oproepen", "payload": "/show_more_calls"}]  # 7 results, 5 per page
    assert slots["calls_shown"][0] == "vl-2026-warm-onthaal" and len(slots["calls_shown"]) == 5


def test_show_more_gives_the_next_page():
    query = {"kind": "open", "theme": None, "region": None, "authority": None, "audience": None, "page": 1}
    text, buttons, slots = run(
        calls_actions.ActionShowMoreCalls(), tracker("toon meer", "show_more_calls", slots={"calls_query": query})
    )
    assert slots["calls_shown"] == ["vl-2026-taal", "vl-2026-jongeren"]  # the last open one, then the announced one
    assert "6. [Taal op de werkvloer]" in text and "7. [Jonge nieuwkomers en onderwijs]" in text
    assert "oproep 6 tot en met 7 van de 7" in text and buttons == []


@pytest.mark.parametrize(
    "entities, expected, absent",
    [
        ({"theme": "opvang"}, ["Kleinschalige opvang"], ["Warm onthaal"]),
        ({"region": "Vlaanderen"}, ["Warm onthaal", "Taal op de werkvloer"], ["Kleinschalige opvang", "Appel FAMI"]),
        ({"region": "europa"}, ["Integration at local level"], ["Warm onthaal"]),
        ({"audience": "gemeente"}, ["Warm onthaal", "Kansen voor nieuwkomers"], ["Taal op de werkvloer"]),
        (
            {"theme": "integratie", "audience": "vzw", "region": "vlaanderen"},
            ["Kansen voor nieuwkomers", "Taal op de werkvloer"],
            ["Warm onthaal", "Appel FAMI"],
        ),
    ],
)
def test_filters_from_entities(entities, expected, absent):
    text, _, _ = run(calls_actions.ActionListOpenCalls(), tracker("oproepen?", "ask_open_calls", entities))
    for title in expected:
        assert title in text
    for title in absent:
        assert title not in text


def test_no_open_call_for_a_filter_says_so_and_how_to_stay_informed():
    text, _, slots = run(
        calls_actions.ActionListOpenCalls(), tracker("terugkeer", "ask_open_calls", {"theme": "terugkeer"})
    )
    assert "geen AMIF-oproep rond terugkeer open" in text
    assert "europawse.be" in text and "Subsidiemanager" in text
    assert slots["calls_shown"] == []


def test_upcoming_lists_announced_calls_first():
    text, _, _ = run(
        calls_actions.ActionListUpcomingCalls(), tracker("wanneer komen er nieuwe oproepen", "ask_upcoming_calls")
    )
    assert text.index("Jonge nieuwkomers") < text.index("Warm onthaal")
    assert "opent op 15 april 2026" in text


def test_named_closed_call_is_reported_closed_with_its_date_and_budget():
    text, _, slots = run(
        calls_actions.ActionCallDetail(),
        tracker("hoeveel budget heeft oproep 579", "ask_call_detail", {"call_ref": "579"}),
    )
    assert "€\u00a06.500.000" in text and "afgesloten sinds 30 november 2023" in text
    assert slots["calls_discussed"] == ["vl-2023-579-opvang-oekrainers"]


def test_fuzzy_named_call_deadline():
    text, _, _ = run(
        calls_actions.ActionCallDetail(),
        tracker("wat is de deadline van de oproep warm onthaal", "ask_call_detail", {"call_ref": "warm onthal"}),
    )
    assert text == (
        "De deadline van [Warm onthaal in de gemeente](https://www.europawse.be/oproepen/warm-onthaal) "
        "is 15 maart 2026 om 17:00."
    )


def test_follow_up_refers_to_the_calls_just_shown():
    shown = ["vl-2026-warm-onthaal", "vl-2026-arbeidsmarkt"]
    text, _, _ = run(
        calls_actions.ActionCallDetail(),
        tracker("wat is de deadline daarvan", "ask_call_detail", slots={"calls_shown": shown}),
    )
    assert text.count("De deadline van") == 2
    assert text.index("Warm onthaal") < text.index("Kansen voor nieuwkomers")


def test_follow_up_without_anything_shown_asks_which_call():
    text, buttons, _ = run(calls_actions.ActionCallDetail(), tracker("en het budget?", "ask_call_detail"))
    assert "Over welke oproep" in text and buttons


def test_pronoun_uses_the_authority_discussed_last():
    events = [{"event": "slot", "name": "last_authority", "value": "fod-binnenlandse-zaken"}]
    text, _, _ = run(
        calls_actions.ActionListOpenCalls(), tracker("hebben zij nu een oproep", "ask_open_calls", events=events)
    )
    assert "Kleinschalige opvang" in text and "Warm onthaal" not in text


def test_unreadable_list_gives_a_clear_answer(tmp_path, monkeypatch):
    broken = tmp_path / "calls.yml"
    broken.write_text("calls: [ {id: x")
    monkeypatch.setattr(calls_actions, "STORE", CallsStore(broken))
    text, _, _ = run(calls_actions.ActionListOpenCalls(), tracker("open oproepen", "ask_open_calls"))
    assert text.startswith("Sorry, de lijst met oproepen kan ik nu niet raadplegen.") and "amif-isf.be" in text


def test_routing_sentence_mentions_an_open_call():
    assert "Kleinschalige opvang" in calls_actions.open_calls_sentence("fod-binnenlandse-zaken")[0]
    assert "geen open AMIF-oproep" in calls_actions.open_calls_sentence("pod-mi")[0]


def test_punctuation_tagged_as_call_name_falls_back_to_the_calls_shown():
    text, _, _ = run(
        calls_actions.ActionCallDetail(),
        tracker(
            "Wat is de deadline daarvan?",
            "ask_call_detail",
            {"call_ref": "?"},
            slots={"calls_shown": ["vl-2026-warm-onthaal"]},
        ),
    )
    assert text.startswith("De deadline van [Warm onthaal in de gemeente]")


def test_open_calls_list_the_announced_ones_after_the_open_ones():
    text, _, slots = run(
        calls_actions.ActionListOpenCalls(),
        tracker("zijn er oproepen voor verenigingen", "ask_open_calls", {"audience": "vzw"}),
    )
    assert text.startswith("Er zijn nu 4 open oproepen voor vzw's")
    assert text.index("4. [Taal op de werkvloer]") < text.index("Aangekondigd:") < text.index("5. [Jonge nieuwkomers")
    assert slots["calls_shown"][-1] == "vl-2026-jongeren"
    text, _, _ = run(
        calls_actions.ActionListOpenCalls(),
        tracker("zijn er oproepen voor scholen", "ask_open_calls", {"audience": "school"}),
    )
    assert text.startswith(
        "Op dit moment is er geen open AMIF-oproep voor scholen in onze lijst, maar er is deze oproep aangekondigd:"
    )


def test_audience_question_lists_open_and_announced_calls_for_that_audience():
    text, _, _ = run(
        calls_actions.ActionListOpenCalls(),
        tracker("Zijn er oproepen voor lokale besturen?", "ask_open_calls", {"audience": "lokale besturen"}),
    )
    assert "Warm onthaal" in text and "Integration at local level" in text
    assert "Taal op de werkvloer" not in text  # vzw's only


def test_a_place_in_the_question_filters_by_its_strand():
    text, _, _ = run(
        calls_actions.ActionListOpenCalls(), tracker("oproepen voor een vzw in Henegouwen", "ask_open_calls")
    )
    assert "Appel FAMI" in text and "Warm onthaal" not in text


SHOWN = {"calls_shown": ["vl-2026-warm-onthaal", "vl-2026-arbeidsmarkt", "fod-2026-opvang", "ec-2026-local"]}


@pytest.mark.parametrize(
    "text, entities, title",
    [
        ("hoeveel budget heeft de tweede?", {}, "Kansen voor nieuwkomers"),
        ("en de eerste, tot wanneer?", {}, "Warm onthaal"),
        ("die laatste, wat is het budget", {}, "Integration at local level"),
        ("die van de FOD, tot wanneer loopt die?", {"authority": "FOD"}, "Kleinschalige opvang"),
    ],
)
def test_a_reference_picks_a_call_from_the_list_just_shown(text, entities, title):
    answer, _, slots = run(
        calls_actions.ActionCallDetail(), tracker(text, "ask_call_detail", entities, slots=dict(SHOWN))
    )
    assert title in answer and answer.count("](") == 1
    assert slots["calls_discussed"] and len(slots["calls_discussed"]) == 1


def test_en_hoeveel_is_dat_asks_about_the_call_just_discussed():
    slots = dict(SHOWN, calls_discussed=["fod-2026-opvang"])
    answer, _, _ = run(calls_actions.ActionCallDetail(), tracker("en hoeveel is dat?", "ask_call_detail", slots=slots))
    assert answer.startswith("Voor [Kleinschalige opvang van verzoekers]") and "geen budget" in answer


def test_a_call_staff_added_is_found_by_its_title_without_an_entity(tmp_path, monkeypatch):
    calls = tmp_path / "calls.yml"
    calls.write_text(DEMO.read_text().replace("Taal op de werkvloer", "Buurtgerichte taalondersteuning 2026"))
    monkeypatch.setattr(calls_actions, "STORE", CallsStore(calls))
    answer, _, _ = run(
        calls_actions.ActionCallDetail(),
        tracker("wat is de deadline van buurtgerichte taalondersteuning?", "ask_call_detail"),
    )
    assert answer == (
        "De deadline van [Buurtgerichte taalondersteuning 2026](https://www.europawse.be/oproepen/taal-werkvloer) "
        "is 15 juli 2026."
    )


def test_two_calls_that_fit_equally_get_a_question_with_buttons(tmp_path, monkeypatch):
    calls = tmp_path / "calls.yml"
    calls.write_text(DEMO.read_text().replace("Warm onthaal in de gemeente", "Taal op school"))
    monkeypatch.setattr(calls_actions, "STORE", CallsStore(calls))
    answer, buttons, slots = run(
        calls_actions.ActionCallDetail(), tracker("budget van de oproep rond taal", "ask_call_detail")
    )
    assert "Welke bedoel je?" in answer
    assert {b["payload"] for b in buttons} == {
        '/ask_call_detail{"call_ref":"vl-2026-warm-onthaal"}',
        '/ask_call_detail{"call_ref":"vl-2026-taal"}',
    }
    assert slots["calls_field"] == "budget"
    # the button sends the id; the field asked before is kept
    answer, _, _ = run(
        calls_actions.ActionCallDetail(),
        tracker(
            '/ask_call_detail{"call_ref":"vl-2026-taal"}',
            "ask_call_detail",
            {"call_ref": "vl-2026-taal"},
            slots={"calls_field": "budget"},
        ),
    )
    assert answer.startswith("Voor [Taal op de werkvloer]") and "geen budget" in answer


def test_the_example_in_which_call_comes_from_the_loaded_list():
    answer, _, _ = run(calls_actions.ActionCallDetail(), tracker("wat is de deadline?", "ask_call_detail"))
    assert "bijvoorbeeld 'Warm onthaal in de gemeente'" in answer and "579" not in answer


@pytest.mark.parametrize(
    "theme, present, absent",
    [
        ("opvang", "Kleinschalige opvang", None),
        ("terugkeer", "geen open AMIF-oproep", "Kleinschalige opvang"),
        ("legale_migratie", "geen open AMIF-oproep", "Kleinschalige opvang"),
        ("integratie", "geen open AMIF-oproep", "Kleinschalige opvang"),  # German-speaking integration at the FOD
    ],
)
def test_routing_answer_mentions_only_calls_of_that_authority_and_theme(theme, present, absent):
    sentence, _ = calls_actions.open_calls_sentence("fod-binnenlandse-zaken", theme)
    assert present in sentence
    if absent:
        assert absent not in sentence


def test_a_detail_the_list_does_not_hold_is_not_guessed():
    answer, _, _ = run(
        calls_actions.ActionCallDetail(),
        tracker("wanneer is de infosessie daarvan", "ask_call_detail", slots={"calls_discussed": ["vl-2026-taal"]}),
    )
    assert answer.startswith("Dat staat niet in onze lijst met oproepen.") and "taal-werkvloer" in answer


def test_show_more_after_the_last_page_says_that_was_all():
    query = {"kind": "open", "theme": None, "region": None, "authority": None, "audience": None, "page": 2}
    text, buttons, _ = run(
        calls_actions.ActionShowMoreCalls(), tracker("toon meer", "show_more_calls", slots={"calls_query": query})
    )
    assert text.startswith("Dat waren ze allemaal") and "(7 in totaal)" in text and buttons == []
    assert "–" not in text


def test_oproepen_die_nog_lopen_is_not_narrowed_to_the_authority_discussed():
    events = [{"event": "slot", "name": "last_authority", "value": "fod-binnenlandse-zaken"}]
    text, _, _ = run(
        calls_actions.ActionListOpenCalls(), tracker("Zijn er oproepen die nog lopen?", "ask_open_calls", events=events)
    )
    assert "Warm onthaal" in text and "Kleinschalige opvang" in text
