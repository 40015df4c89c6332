"""Every Belgian municipality, postal code and province in routing/places.json resolves to the
region whose AMIF strand applies; ordinary words need a hint before they count as a place."""

import json

import pytest

from actions.places import PLACES_PATH, default_index, region_of, regions_in

DATA = json.loads(PLACES_PATH.read_text(encoding="utf-8"))
MUNICIPALITY_REGION = {m["id"]: m["region"] for m in DATA["municipalities"]}


def test_the_data_covers_belgium_of_2025():
    assert len(DATA["municipalities"]) == 565
    assert len(DATA["provinces"]) == 10
    assert sum(m["region"] == "brussel" for m in DATA["municipalities"]) == 19
    assert sum(m["region"] == "duitstalig" for m in DATA["municipalities"]) == 9
    assert len(DATA["postal_codes"]) > 1100
    assert "CC BY 4.0" in DATA["about"]["licence"] and "Statbel" in DATA["about"]["credit"]


PROVINCE_NAMES = {name for province in DATA["provinces"] for name in province["names"]}


def test_every_municipality_name_resolves_to_its_region_in_a_sentence():
    wrong = []
    for municipality in DATA["municipalities"]:
        for name in municipality["names"]:
            # A name shared with a province (Limbourg) means the province, unless "gemeente" precedes it.
            texts = [] if name in PROVINCE_NAMES else [name, f"Wij zijn een vzw in {name} met een integratieproject"]
            for text in texts + [f"gemeente {name.lower()}"]:
                if region_of(text) != municipality["region"]:
                    wrong.append((text, regions_in(text), municipality["region"]))
    assert not wrong, wrong[:20]


def test_every_postal_code_resolves_to_its_region():
    wrong = []
    for code, ids in DATA["postal_codes"].items():
        expected = MUNICIPALITY_REGION[ids[0]]
        for text in (f"postcode {code}", f"onze postcode is {code}"):
            if region_of(text) != expected:
                wrong.append((text, regions_in(text), expected))
    assert not wrong, wrong[:20]


def test_every_province_resolves_to_its_region():
    for province in DATA["provinces"]:
        for name in province["names"]:
            assert region_of(f"een stad in de provincie {name}") == province["region"], name


@pytest.mark.parametrize(
    "text, region",
    [
        ("We zijn een stad in Oost-Vlaanderen", "vlaanderen"),
        ("een gemeente in Henegouwen", "wallonie"),
        ("onze vzw zit in Schaerbeek", "brussel"),
        ("Molenbeek", "brussel"),
        ("de provincie Limburg", "vlaanderen"),
        ("de gemeente Limburg", "wallonie"),  # Limbourg, a Walloon town
        ("Eupen", "duitstalig"),
        ("Sankt Vith", "duitstalig"),
        ("9000 Gent", "vlaanderen"),
        ("Kruibeke", "vlaanderen"),  # merged into Beveren-Kruibeke-Zwijndrecht in 2025
        ("Wij zitten in Geel", "vlaanderen"),
        ("Halen", "vlaanderen"),
    ],
)
def test_places_visitors_type(text, region):
    assert region_of(text) == region


@pytest.mark.parametrize(
    "text",
    [
        "de boom in",  # Boom is also a tree
        "kunnen we daar geld halen",  # Halen is also 'to fetch'
        "in 2020 startte ons project",  # 2020 is Antwerp's postal code and a year
        "een budget van 2500 euro",
        "welke namen staan er op de lijst",
        "op de zolder",
        "Wat is AMIF?",
    ],
)
def test_ordinary_words_and_numbers_are_no_place(text):
    assert default_index().find(text) == []


def test_two_regions_give_no_single_region():
    assert regions_in("we werken in Gent en in Charleroi") == ["vlaanderen", "wallonie"]
    assert region_of("we werken in Gent en in Charleroi") is None
