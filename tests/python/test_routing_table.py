"""The routing table (routing/routes.yml + the authorities of routing/catalogue.yml) and its resolver."""

from pathlib import Path

import pytest
import yaml

from actions.routing import RoutingConfigError, load_routing
from actions.routing.table import DEFAULT_ROUTES_PATH, REGION_IDS, THEME_IDS
from amif.catalogue import CATALOGUE_PATH

INTEGRATION_THEMES = ["integratie", "tewerkstelling", "onderwijs"]
FEDERAL_THEMES = ["asiel", "opvang", "terugkeer", "legale_migratie"]
AUTHORITY_IDS = {"europa-wse", "fod-binnenlandse-zaken", "agence-fse", "pod-mi", "europese-commissie"}


@pytest.fixture(scope="module")
def table():
    return load_routing()


# ------------------------------------------------------------------ the data files


def test_all_five_authorities_have_a_card(table):
    assert set(table.authorities) == AUTHORITY_IDS
    for card in table.authorities.values():
        assert card.website.startswith("https://")
        assert card.sources and card.role


def test_the_vocabulary_knows_every_theme_and_region():
    assert set(THEME_IDS) == set(INTEGRATION_THEMES + FEDERAL_THEMES)
    assert set(REGION_IDS) == {"vlaanderen", "wallonie", "brussel", "duitstalig", "federaal", "europa"}


def test_cards_hold_only_the_contact_data_the_sources_give(table):
    wse = table.card("europa-wse")
    assert "ESF Vlaanderen" in wse.former_names
    assert wse.website == "https://www.europawse.be"
    assert wse.email is None and wse.phone is None
    assert wse.contact_person.name == "Lisa Van Hecke"
    assert wse.contact_person.email == "lisa.vanhecke@vlaanderen.be"
    assert wse.contact_person.phone == "02 546 22 03"
    assert wse.contact_person.year == 2021

    biza = table.card("fod-binnenlandse-zaken")
    assert biza.website == "https://www.amif-isf.be"
    assert biza.email == "amif-isf@ibz.eu"

    for authority_id in ("agence-fse", "pod-mi", "europese-commissie"):
        card = table.card(authority_id)
        assert card.email is None and card.phone is None and card.contact_person is None


def test_card_accepts_names_visitors_use(table):
    assert table.card("ESF Vlaanderen").id == "europa-wse"
    assert table.card("Binnenlandse Zaken").id == "fod-binnenlandse-zaken"
    with pytest.raises(KeyError, match="geen contactkaart"):
        table.card("kippenhok")


# ------------------------------------------------------------- every combination


@pytest.mark.parametrize("theme", THEME_IDS)
@pytest.mark.parametrize("region", [*REGION_IDS, None])
def test_every_theme_and_region_gives_one_authority(table, theme, region):
    decision = table.resolve(theme, region)
    if region is None and theme in INTEGRATION_THEMES:
        assert decision.status == "needs_region"
        assert decision.authority is None
    else:
        assert decision.status == "routed"
        assert decision.authority is not None
        assert decision.authority.id in AUTHORITY_IDS
        assert decision.reason and decision.source.startswith("https://")


# ------------------------------------------------------------ specific expectations


@pytest.mark.parametrize("region", [*REGION_IDS, None])
def test_return_goes_to_the_fod_except_for_transnational_projects(table, region):
    decision = table.resolve("terugkeer", region)
    expected = "europese-commissie" if region == "europa" else "fod-binnenlandse-zaken"
    assert decision.authority.id == expected


@pytest.mark.parametrize("theme", FEDERAL_THEMES)
@pytest.mark.parametrize("region", ["vlaanderen", "wallonie", "brussel", "duitstalig", "federaal", None])
def test_federal_themes_ignore_the_region(table, theme, region):
    decision = table.resolve(theme, region)
    assert decision.authority.id == "fod-binnenlandse-zaken"
    assert decision.also is None


@pytest.mark.parametrize("theme", INTEGRATION_THEMES)
def test_integration_by_region(table, theme):
    assert table.resolve(theme, "vlaanderen").authority_ids == ["europa-wse"]
    assert table.resolve(theme, "wallonie").authority_ids == ["agence-fse"]
    assert table.resolve(theme, "duitstalig").authority_ids == ["fod-binnenlandse-zaken"]


def test_federal_integration_goes_to_pod_mi_with_the_fod_for_finances(table):
    decision = table.resolve("integratie", "federaal")
    assert decision.authority.id == "pod-mi"
    assert decision.also.id == "fod-binnenlandse-zaken"
    assert "OCMW" in decision.reason
    assert "FOD Binnenlandse Zaken" in decision.reason


@pytest.mark.parametrize("theme", [*THEME_IDS, None, "kippen"])
def test_transnational_projects_go_to_the_commission(table, theme):
    decision = table.resolve(theme, "europa")
    assert decision.authority_ids == ["europese-commissie"]
    assert "Europa WSE" in decision.reason  # it only makes these calls known


def test_german_speaking_community_without_theme_needs_no_question(table):
    assert table.resolve(None, "duitstalig").authority_ids == ["fod-binnenlandse-zaken"]


def test_brussels_names_both_strands(table):
    both = table.resolve("integratie", "brussel")
    assert both.authority_ids == ["europa-wse", "agence-fse"]
    assert "Agence FSE" in both.reason and "Franstalige" in both.reason
    # a visitor who says the language names the strand
    assert table.resolve("integratie", "Franstalige").authority_ids == ["agence-fse"]
    assert table.resolve("integratie", "Nederlandstalig").authority_ids == ["europa-wse"]


def test_a_region_means_the_authorities_of_its_integration_strand(table):
    assert table.authorities_of_region("brussel") == {"europa-wse", "agence-fse"}
    assert table.authorities_of_region("federaal") == {"pod-mi", "fod-binnenlandse-zaken"}
    assert table.authorities_of_region("duitstalig") == {"fod-binnenlandse-zaken"}


# ------------------------------------------------------------ raw visitor words


@pytest.mark.parametrize(
    "theme, region, expected",
    [
        ("integratie", "Namen", "agence-fse"),
        ("inburgering", "Namen", "agence-fse"),
        ("Integratie", "Wallonië", "agence-fse"),
        ("integartie", "walonie", "agence-fse"),  # typos
        ("werk", "Gent", "europa-wse"),
        ("nieuwkomers", "Mechelen", "europa-wse"),
        ("vrijwillige terugkeer", "Antwerpen", "fod-binnenlandse-zaken"),
        ("asielzoekers", None, "fod-binnenlandse-zaken"),
        ("taal", "Eupen", "fod-binnenlandse-zaken"),
        ("opvang", "transnationaal", "europese-commissie"),
    ],
)
def test_raw_visitor_words(table, theme, region, expected):
    decision = table.resolve(theme, region)
    assert decision.status == "routed"
    assert decision.authority.id == expected


# ------------------------------------------------------------- asking what's missing


def test_nothing_known_asks_the_theme(table):
    assert table.resolve(None, None).status == "needs_theme"
    assert table.resolve("", "  ").status == "needs_theme"


def test_region_without_theme_asks_the_theme(table):
    decision = table.resolve(None, "vlaanderen")
    assert decision.status == "needs_theme"
    assert decision.region == "vlaanderen"


def test_integration_without_region_asks_the_region(table):
    decision = table.resolve("inburgering", None)
    assert decision.status == "needs_region"
    assert decision.theme == "integratie"


def test_unknown_words_are_reported(table):
    decision = table.resolve("kippen", "vlaanderen")
    assert decision.status == "needs_theme"
    assert decision.unrecognised == {"theme": "kippen"}

    decision = table.resolve("integratie", "Timboektoe")
    assert decision.status == "needs_region"
    assert decision.unrecognised == {"region": "Timboektoe"}


def test_federal_theme_with_unknown_region_is_still_routed(table):
    assert table.resolve("asiel", "Timboektoe").authority_ids == ["fod-binnenlandse-zaken"]


# ------------------------------------------------------------------ broken files


def _routes():
    return yaml.safe_load(DEFAULT_ROUTES_PATH.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data, name="routes.yml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_unknown_authority_is_named(tmp_path):
    rules = _routes()
    rules[0]["authority"] = "esf-vlaanderen"
    with pytest.raises(RoutingConfigError, match=r"regel 1: authority 'esf-vlaanderen' staat niet in de catalogus"):
        load_routing(_write(tmp_path, rules))


def test_unknown_theme_and_region_are_named(tmp_path):
    rules = _routes()
    rules[3]["themes"] = ["integratie", "sport"]
    rules[4]["regions"] = ["walonie"]
    with pytest.raises(RoutingConfigError) as error:
        load_routing(_write(tmp_path, rules))
    message = str(error.value)
    assert "regel 4" in message and "onbekende thema-id(s) ['sport']" in message
    assert "regel 5" in message and "onbekende regio-id(s) ['walonie']" in message


def test_single_id_instead_of_list_gets_a_hint(tmp_path):
    rules = _routes()
    rules[3]["regions"] = "vlaanderen"
    with pytest.raises(RoutingConfigError, match=r"schrijf een lijst, bv. \[vlaanderen\]"):
        load_routing(_write(tmp_path, rules))


def test_missing_field_and_typo_in_field_name(tmp_path):
    rules = _routes()
    del rules[0]["reason"]
    rules[1]["autority"] = rules[1].pop("authority")
    with pytest.raises(RoutingConfigError) as error:
        load_routing(_write(tmp_path, rules))
    message = str(error.value)
    assert "regel 1" in message and "reason" in message
    assert "regel 2" in message and "autority" in message


def test_a_missing_rule_leaves_a_gap(tmp_path):
    rules = [rule for rule in _routes() if rule.get("regions") != ["wallonie"]]
    with pytest.raises(RoutingConfigError, match=r"geen regel voor thema 'integratie' in regio 'wallonie'"):
        load_routing(_write(tmp_path, rules))


def test_a_rule_hidden_by_an_earlier_one_is_reported(tmp_path):
    rules = _routes()
    catch_all = dict(rules[-1], themes="any", regions="any")
    rules.insert(0, catch_all)  # now no rule below it can ever win
    with pytest.raises(RoutingConfigError, match="wordt nooit gebruikt"):
        load_routing(_write(tmp_path, rules))


def test_invalid_yaml_and_missing_file(tmp_path):
    with pytest.raises(RoutingConfigError, match="geen geldige YAML"):
        load_routing(_write(tmp_path, "- themes: [asiel\n  regions: any\n"))
    with pytest.raises(RoutingConfigError, match="bestand niet gevonden"):
        load_routing(tmp_path / "bestaat-niet.yml")
    with pytest.raises(RoutingConfigError, match="verwacht een lijst van regels"):
        load_routing(_write(tmp_path, "rules: []\n"))


def test_broken_authority_card(tmp_path):
    data = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    data["authorities"][2]["website"] = "www.fse.be"
    data["authorities"][3]["email"] = "geen-adres"
    path = _write(tmp_path, data, name="catalogue.yml")
    with pytest.raises(RoutingConfigError) as error:
        load_routing(catalogue_path=path)
    message = str(error.value)
    assert "authorities 3 (agence-fse): website: geen volledige URL" in message
    assert "authorities 4 (pod-mi): email: geen geldig e-mailadres" in message


def test_duplicate_authority_id(tmp_path):
    data = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    data["authorities"].append(dict(data["authorities"][0]))
    with pytest.raises(RoutingConfigError, match="dubbele instanties-id's: europa-wse"):
        load_routing(catalogue_path=_write(tmp_path, data, name="catalogue.yml"))
