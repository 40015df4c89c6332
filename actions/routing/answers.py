"""Dutch answers for routing: which authority, why, website and contact; plus the buttons
the bot offers when it still needs the theme or the region.

Texts are short (2-4 sentences) and use markdown links, which the web widget renders.
Facts (names, websites, e-mail) come from the contact cards in routing/authorities.yml,
never from this file.
"""

from __future__ import annotations

import json
from typing import Dict, List, Optional

from actions import wording
from actions.routing.table import AuthorityCard, RouteDecision

THEME_LABELS: Dict[str, str] = {
    "integratie": "integratie",
    "tewerkstelling": "werk en integratie",
    "onderwijs": "onderwijs en integratie",
    "asiel": "asiel",
    "opvang": "opvang",
    "terugkeer": "terugkeer",
    "legale_migratie": "legale migratie",
}

# Completes "Voor een project ... kan je terecht bij ...".
REGION_PHRASES: Dict[str, str] = {
    "vlaanderen": "in Vlaanderen",
    "wallonie": "in Wallonië",
    "brussel": "in Brussel",
    "duitstalig": "in de Duitstalige Gemeenschap",
    "federaal": "via de OCMW's (federaal)",
    "europa": "met partners uit meerdere EU-landen",
}

COMMUNITY_PHRASES: Dict[str, str] = {
    "nl": "van een Nederlandstalige organisatie",
    "fr": "van een Franstalige organisatie",
}

_THEME_BUTTONS = [
    ("Integratie (ook werk, taal, onderwijs)", "integratie"),
    ("Asiel", "asiel"),
    ("Opvang", "opvang"),
    ("Terugkeer", "terugkeer"),
    ("Legale migratie", "legale_migratie"),
]

_REGION_BUTTONS = [
    ("Vlaanderen", "vlaanderen"),
    ("Wallonië", "wallonie"),
    ("Brussel", "brussel"),
    ("Duitstalige Gemeenschap", "duitstalig"),
    ("Federaal, via OCMW's", "federaal"),
    ("Europees, met partners uit andere EU-landen", "europa"),
]


# ------------------------------------------------------------------------------ helpers


def _display(url: str) -> str:
    """'https://www.europawse.be/' -> 'europawse.be' (the link text)."""
    text = url.split("://", 1)[-1]
    if text.startswith("www."):
        text = text[4:]
    return text.rstrip("/")


def _link(url: str) -> str:
    return f"[{_display(url)}]({url})"


def _mail(address: str) -> str:
    return f"[{address}](mailto:{address})"


# Names that take "de" in a sentence ("bij de FOD Binnenlandse Zaken", but "bij Europa WSE").
_NEEDS_ARTICLE = ("FOD ", "POD ", "Europese ")


def _bold_name(card: AuthorityCard) -> str:
    article = "de " if card.name.startswith(_NEEDS_ARTICLE) else ""
    return f"{article}**{card.name}**"


def _name_with_former(card: AuthorityCard) -> str:
    if card.former_names:
        return f"{_bold_name(card)} (vroeger {card.former_names[0]})"
    return _bold_name(card)


def _topic(decision: RouteDecision) -> str:
    parts = ["Voor een project"]
    if decision.theme:
        parts.append(f"rond {THEME_LABELS.get(decision.theme, decision.theme)}")
    if decision.region == "brussel" and decision.community:
        parts.append(COMMUNITY_PHRASES[decision.community])
    if decision.region:
        parts.append(REGION_PHRASES.get(decision.region, ""))
    return " ".join(part for part in parts if part)


def _contact_sentence(card: AuthorityCard) -> str:
    """One sentence with the public e-mail / phone, or the contact person with its year."""
    channels = [item for item in (card.email and _mail(card.email), card.phone) if item]
    if channels:
        return wording.text("utter_part_card_channels", channels=wording.text("utter_part_or").join(channels))
    person = card.contact_person
    if person and (person.email or person.phone):
        details = ", ".join(item for item in (person.email and _mail(person.email), person.phone) if item)
        return wording.text("utter_part_card_person", year=person.year, name=person.name, details=details)
    return wording.text("utter_part_card_no_contact")


def contact_card(card: AuthorityCard) -> str:
    """Name, website and how to reach the authority (with the year of a named person)."""
    return wording.text("utter_part_card", name=card.name, website=_link(card.website),
                        contact=_contact_sentence(card))


# ------------------------------------------------------------------------------ answers


def routed_answer(decision: RouteDecision) -> str:
    """Which authority, why (one sentence), website and contact, in 2-4 sentences."""
    if not decision.routed or decision.authority is None:
        raise ValueError(f"routed_answer needs a routed decision, got status '{decision.status}'")
    card, also = decision.authority, decision.also

    who = _name_with_former(card)
    if also is not None and decision.region == "brussel":
        who += f" of bij {_bold_name(also)}"
    elif also is not None:
        who += f", samen met {_bold_name(also)}"
    first = f"{_topic(decision)} kan je terecht bij {who}."

    if also is not None:
        websites = f"Websites: {_link(card.website)} en {_link(also.website)}."
    else:
        websites = f"Website: {_link(card.website)}."

    return " ".join([first, decision.reason or "", websites, _contact_sentence(card)]).replace("  ", " ")


def contact_answer(card: AuthorityCard, what: str = "website") -> str:
    """The website, e-mail or phone of one authority; without e-mail/phone: the website."""
    if what not in ("website", "email", "phone"):
        raise ValueError(f"what must be 'website', 'email' or 'phone', not '{what}'")
    website = _link(card.website)
    if what == "website":
        return f"De website van **{card.name}** is {website}."

    label = "e-mailadres" if what == "email" else "telefoonnummer"
    value = getattr(card, what)
    if value:
        shown = _mail(value) if what == "email" else value
        return f"Het {label} van **{card.name}** is {shown}. Meer info vind je op {website}."

    person = card.contact_person
    person_value = getattr(person, what) if person else None
    if person and person_value:
        shown = _mail(person_value) if what == "email" else person_value
        role = f", {person.role}" if person.role else ""
        return (
            f"Een algemeen {label} van **{card.name}** heb ik niet. In {person.year} was "
            f"{person.name}{role}, bereikbaar via {shown}; dat kan intussen veranderd zijn, "
            f"dus kijk ook op {website}."
        )
    return (
        f"Een openbaar {label} van **{card.name}** heb ik niet. "
        f"Je vindt hun contactgegevens op {website}."
    )


def theme_help() -> str:
    """For a visitor who does not know the theme: federal themes vs integration."""
    return (
        "Bij AMIF hangt het loket af van het thema. "
        "**Asiel, opvang, terugkeer en legale migratie** zijn federale thema's: daarvoor ga je "
        "naar de FOD Binnenlandse Zaken. "
        "**Integratie** van derdelanders (ook inburgering, taal, werk en onderwijs) wordt vooral "
        "door de regio's beheerd, dus dan vraag ik nog waar je organisatie actief is. "
        "Werk je samen met partners uit meerdere EU-landen, dan gaat het om de oproepen "
        "van de Europese Commissie."
    )


def question(decision: RouteDecision) -> str:
    """The question for what is still missing (needs_theme / needs_region)."""
    if decision.status == "needs_theme":
        unknown = decision.unrecognised.get("theme")
        intro = f"Het thema '{unknown}' ken ik niet. " if unknown else ""
        return intro + "Over welk thema gaat je project? Weet je het niet, zeg het dan gerust."
    if decision.status == "needs_region":
        unknown = decision.unrecognised.get("region")
        intro = f"De regio '{unknown}' ken ik niet. " if unknown else ""
        return intro + "Integratie wordt per regio beheerd. Waar is je organisatie actief?"
    raise ValueError("question() is for decisions that still need a theme or a region")


# ------------------------------------------------------------------------------ buttons


def _payload(entities: Dict[str, str]) -> str:
    return "/inform" + json.dumps(entities, ensure_ascii=False, separators=(",", ":"))


def theme_buttons() -> List[Dict[str, str]]:
    """Buttons for the theme; payloads like /inform{"theme":"integratie"}."""
    return [{"title": title, "payload": _payload({"theme": theme})} for title, theme in _THEME_BUTTONS]


def region_buttons(split_brussels: bool = False) -> List[Dict[str, str]]:
    """Buttons for the region; payloads like /inform{"region":"wallonie"}.

    split_brussels=True offers Dutch- and French-speaking Brussels separately; those payloads
    also carry a `community` entity ("nl"/"fr"), so only use it once the domain has one.
    """
    buttons = []
    for title, region in _REGION_BUTTONS:
        if region == "brussel" and split_brussels:
            buttons.append({
                "title": "Brussel, Nederlandstalige organisatie",
                "payload": _payload({"region": "brussel", "community": "nl"}),
            })
            buttons.append({
                "title": "Brussel, Franstalige organisatie",
                "payload": _payload({"region": "brussel", "community": "fr"}),
            })
        else:
            buttons.append({"title": title, "payload": _payload({"region": region})})
    return buttons


def buttons_for(decision: RouteDecision) -> Optional[List[Dict[str, str]]]:
    """The buttons that go with question(decision), or None when routed."""
    if decision.status == "needs_theme":
        return theme_buttons()
    if decision.status == "needs_region":
        return region_buttons()
    return None
