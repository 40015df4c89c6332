"""Finding the call a visitor means: by title or number against the list loaded now (also
calls NLU was never trained on), by position in the list just shown, by authority."""

import pytest

from actions.calls.match import named_calls, ordinal, pick_from_shown
from actions.calls.schema import Call
from actions.calls.store import DEFAULT_PATH, load_calls_file

SHIPPED = load_calls_file(DEFAULT_PATH)


def make(id, title, authority="europa-wse"):
    return Call.parse_obj(
        dict(
            id=id,
            title=title,
            authority=authority,
            themes=["integratie"],
            audience=[],
            opens="2026-01-01",
            deadline="2026-12-31",
            url=f"https://example.org/{id}",
        )
    )


# A list as staff might write it today: none of these titles is in the training data.
NEW = [
    make("vl-buurt", "Buddywerking voor nieuwkomers in de buurt"),
    make("vl-school", "Buddywerking voor nieuwkomers op school"),
    make("fod-capaciteit", "Uitbreiding opvangcapaciteit 2026", "fod-binnenlandse-zaken"),
    make("vl-612", "Oproep 612: Digitale vaardigheden voor anderstalige volwassenen"),
    make("vl-warm", "Warm onthaal voor nieuwkomers in de gemeente"),
    make("vl-netwerk", "Warme netwerken in de buurt"),
]


def ids(calls):
    return [call.id for call in calls]


@pytest.mark.parametrize(
    "ref, expected_id",
    [
        ("oproep 579", "vl-2023-579-coordinatie-opvang-oekrainers"),
        ("579", "vl-2023-579-coordinatie-opvang-oekrainers"),
        ("AMIF 24", "fod-2016-amif-24-ocmw"),
        ("actief en gedeeld burgerschap", "vl-2018-actief-gedeeld-burgerschap"),
        ("de oproep actief en gedeld burgerschap", "vl-2018-actief-gedeeld-burgerschap"),
        ("kleuterparticipatei", "vl-2016-369-kleuterparticipatie"),
        ("AMIF-2023-TF2-AG-CALL-02-LOCAL", "amif-2023-tf2-ag-call-02-local"),
        ("wat is de deadline van AMIF-2025-TF2-AG-INTE-02?", "amif-2025-tf2-ag-inte-02-health"),
    ],
)
def test_named_call_in_shipped_list(ref, expected_id):
    found, ambiguous = named_calls(SHIPPED, ref)
    assert ids(found) == [expected_id] and not ambiguous


@pytest.mark.parametrize(
    "text, expected_id",
    [
        ("Wat is de deadline van de oproep uitbreiding opvangcapaciteit 2026?", "fod-capaciteit"),
        ("en over de opvangcapaciteit 2026?", "fod-capaciteit"),
        ("Uitbreiding opvangcapaciteit 2026", "fod-capaciteit"),
        ("hoeveel budget heeft oproep 612", "vl-612"),
        ("vertel me meer over digitale vaardigheden voor anderstaligen", "vl-612"),
        ("buddywerking op school, tot wanneer?", "vl-school"),
        ("warm onthaal", "vl-warm"),
    ],
)
def test_a_call_added_today_is_found_by_its_title(text, expected_id):
    found, ambiguous = named_calls(NEW, text)
    assert ids(found) == [expected_id] and not ambiguous


def test_shared_words_only_are_ambiguous():
    found, ambiguous = named_calls(NEW, "hoeveel budget heeft buddywerking voor nieuwkomers")
    assert ambiguous and set(ids(found)) == {"vl-buurt", "vl-school"}


@pytest.mark.parametrize(
    "text",
    [
        "oproep 999",
        "xyzzy",
        "oproep",
        "",
        "welke oproepen rond integratie zijn er",
        "wat is de deadline daarvan",
        "Wat is de hoofdstad van Frankrijk?",
    ],
)
def test_nothing_named(text):
    assert named_calls(SHIPPED + NEW, text) == ([], False)


def test_a_number_never_names_another_numbered_call():
    found, _ = named_calls(SHIPPED, "oproep 579")
    assert ids(found) == ["vl-2023-579-coordinatie-opvang-oekrainers"]


def test_outside_a_calls_question_only_a_clear_title_counts():
    assert ids(named_calls(NEW, "Uitbreiding opvangcapaciteit 2026", in_calls_question=False)[0]) == ["fod-capaciteit"]
    assert named_calls(NEW, "wat doen jullie voor nieuwkomers in de buurt", in_calls_question=False)[0] == []
    assert named_calls(NEW, "wat is digitale inclusie", in_calls_question=False)[0] == []


@pytest.mark.parametrize(
    "text, position",
    [
        ("hoeveel budget heeft de eerste?", 1),
        ("en de tweede", 2),
        ("de 3e graag", 3),
        ("nummer 4", 4),
        ("vertel me meer over die laatste", -1),
        ("wat is de deadline", None),
        ("oproep 579", None),
    ],
)
def test_ordinal(text, position):
    assert ordinal(text) == position


def test_pick_from_the_list_just_shown():
    shown = NEW[:4]
    assert ids(pick_from_shown(shown, "de tweede")) == ["vl-school"]
    assert ids(pick_from_shown(shown, "die laatste")) == ["vl-612"]
    assert ids(pick_from_shown(shown, "de zevende?")) == ids(shown)  # no position we know: all
    assert ids(pick_from_shown(shown, "nummer 9")) == []
    assert ids(pick_from_shown(shown, "die van de FOD", authority="fod-binnenlandse-zaken")) == ["fod-capaciteit"]


@pytest.mark.parametrize(
    "text, position",
    [
        ("de bovenste, wat is de uiterste datum", 1),
        ("vertel eens over de voorlaatste", -2),
        ("en nummer drie, tot wanneer?", 3),
        ("ik kies 4", 4),
    ],
)
def test_more_ways_to_point_into_a_list(text, position):
    assert ordinal(text) == position


def test_pick_by_theme_or_audience_within_the_list_shown():
    shown = NEW[:4]
    assert ids(pick_from_shown(shown, "de voorlaatste")) == ["fod-capaciteit"]
    assert ids(pick_from_shown(shown, "die rond opvang", theme="opvang")) == []
    assert ids(pick_from_shown(shown, "die rond integratie", theme="integratie")) == ids(shown)


def test_an_eu_call_code_without_its_topic_names_all_its_topics():
    found, ambiguous = named_calls(SHIPPED, "welke topics had AMIF-2025-TF2-AG-INTE?")
    assert ambiguous and sorted(call.id for call in found) == [
        f"amif-2025-tf2-ag-inte-0{n}-{name}"
        for n, name in enumerate(["women", "health", "digital-skills", "pathways", "children"], 1)
    ]
