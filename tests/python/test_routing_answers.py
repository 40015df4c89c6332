"""Dutch answers and buttons built from routing decisions and contact cards."""

import json
import re

import pytest

from actions import wording
from actions.routing import load_routing
from actions.routing.answers import contact_answer, help_for, question, routed_answer
from actions.routing.table import REGION_IDS, THEME_IDS


def theme_help():
    return wording.text("utter_route_theme_help")


def buttons_of(utterance):
    return wording._responses()[utterance.response][0].get("buttons")


def theme_buttons():
    return wording._responses()["utter_route_ask_theme"][0]["buttons"]


def region_buttons():
    return wording._responses()["utter_route_ask_region"][0]["buttons"]


@pytest.fixture(scope="module")
def table():
    return load_routing()


def _sentences(text: str) -> int:
    # Count sentence ends outside links and e-mail addresses.
    plain = re.sub(r"\[[^\]]*\]\([^)]*\)", "LINK", text)
    return len(re.findall(r"[.!?](\s|$)", plain))


# ------------------------------------------------------------------ routed answers


@pytest.mark.parametrize("theme", THEME_IDS)
@pytest.mark.parametrize("region", REGION_IDS)
def test_routed_answer_names_authority_reason_and_website(table, theme, region):
    decision = table.resolve(theme, region)
    text = routed_answer(decision).text()
    assert decision.authority.name in text
    assert decision.reason in text
    assert f"]({decision.authority.website})" in text
    assert 2 <= _sentences(text) <= 4, text


def test_flemish_answer_mentions_the_old_name_and_the_contact_person(table):
    text = routed_answer(table.resolve("integratie", "vlaanderen")).text()
    assert "**Europa WSE** (vroeger ESF Vlaanderen)" in text
    assert "https://www.europawse.be" in text
    assert "lisa.vanhecke@vlaanderen.be" in text and "02 546 22 03" in text
    assert "2021" in text


def test_federal_answer_gives_the_fod_email(table):
    text = routed_answer(table.resolve("terugkeer", "wallonie")).text()
    assert "FOD Binnenlandse Zaken" in text
    assert "https://www.amif-isf.be" in text
    assert "mailto:amif-isf@ibz.eu" in text


def test_federal_integration_answer_mentions_both_services(table):
    text = routed_answer(table.resolve("integratie", "federaal")).text()
    assert "de **POD Maatschappelijke Integratie**" in text
    assert "FOD Binnenlandse Zaken" in text
    assert "OCMW" in text
    assert "https://www.mi-is.be/nl/amif-algemeen" in text and "https://www.amif-isf.be" in text


def test_brussels_answer_explains_both_communities(table):
    text = routed_answer(table.resolve("integratie", "brussel")).text()
    assert text.index("Europa WSE") < text.index("Agence FSE")  # Flemish website: WSE first
    assert "Nederlandstalige" in text and "Franstalige" in text
    assert "https://www.europawse.be" in text and "https://www.fse.be" in text


def test_answer_without_public_contact_points_to_the_website(table):
    text = routed_answer(table.resolve("integratie", "Namen")).text()
    assert "**Agence FSE**" in text
    assert "https://www.fse.be" in text
    assert "@" not in text  # no invented e-mail
    assert "website" in text


def test_transnational_answer(table):
    text = routed_answer(table.resolve(None, "europa")).text()
    assert "de **Europese Commissie (DG HOME)**" in text
    assert "Funding & Tenders" in text
    assert "https://ec.europa.eu/info/funding-tenders/opportunities/portal" in text


def test_routed_answer_refuses_an_open_question(table):
    with pytest.raises(ValueError):
        routed_answer(table.resolve("integratie", None)).text()


# ----------------------------------------------------------------- contact answers


@pytest.mark.parametrize(
    "authority_id", ["europa-wse", "fod-binnenlandse-zaken", "agence-fse", "pod-mi", "europese-commissie"]
)
@pytest.mark.parametrize("what", ["website", "email", "phone"])
def test_every_contact_answer_gives_the_website(table, authority_id, what):
    card = table.card(authority_id)
    text = contact_answer(card, what).text()
    assert card.name in text
    assert f"]({card.website})" in text


def test_contact_email_of_the_fod(table):
    text = contact_answer(table.card("fod-binnenlandse-zaken"), "email").text()
    assert "[amif-isf@ibz.eu](mailto:amif-isf@ibz.eu)" in text


def test_contact_without_email_or_phone_says_so(table):
    card = table.card("agence-fse")
    for what, word in (("email", "e-mailadres"), ("phone", "telefoonnummer")):
        text = contact_answer(card, what).text()
        assert f"**Agence FSE**: een openbaar {word} heb ik niet" in text
        assert "https://www.fse.be" in text
        assert "@" not in text


def test_contact_person_is_given_with_its_year(table):
    card = table.card("europa-wse")
    email = contact_answer(card, "email").text()
    assert "lisa.vanhecke@vlaanderen.be" in email and "2021" in email
    phone = contact_answer(card, "phone").text()
    assert "02 546 22 03" in phone and "2021" in phone


def test_contact_answer_rejects_unknown_kind(table):
    with pytest.raises(ValueError):
        contact_answer(table.card("pod-mi"), "fax").text()


# ------------------------------------------------------------- questions and help


def test_theme_help_explains_federal_themes_and_integration():
    text = theme_help()
    for word in ("Asiel", "opvang", "terugkeer", "legale migratie", "Integratie", "FOD Binnenlandse Zaken", "regio"):
        assert word in text


def test_questions_for_missing_theme_and_region(table):
    assert "thema" in question(table.resolve(None, None)).text()
    assert "'kippen'" in question(table.resolve("kippen", None)).text()
    assert "regio" in question(table.resolve("integratie", None)).text()
    with pytest.raises(ValueError):
        question(table.resolve("asiel", None)).text()


def test_each_question_has_its_buttons(table):
    assert buttons_of(question(table.resolve(None, None))) == theme_buttons()
    assert buttons_of(question(table.resolve("integratie", None))) == region_buttons()
    assert help_for(table.resolve("asiel", None)) is None


# ------------------------------------------------------------------------- buttons


def _entities(payload: str) -> dict:
    assert payload.startswith("/inform{")
    return json.loads(payload[len("/inform") :])


def test_theme_buttons(table):
    buttons = theme_buttons()
    assert buttons[0] == {"title": "Integratie (ook werk, taal, onderwijs)", "payload": '/inform{"theme":"integratie"}'}
    themes = [_entities(button["payload"])["theme"] for button in buttons]
    assert set(themes) == {"integratie", "asiel", "opvang", "terugkeer", "legale_migratie"}
    assert all(theme in THEME_IDS for theme in themes)


def test_region_buttons_cover_every_region():
    buttons = region_buttons()
    assert {"title": "Wallonië", "payload": '/inform{"region":"wallonie"}'} in buttons
    regions = [_entities(button["payload"])["region"] for button in buttons]
    assert regions == list(REGION_IDS)
