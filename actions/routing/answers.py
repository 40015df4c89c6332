"""Values for the routing answers of domain.yml: which authority, why, website and contact,
and the question that is still open (theme or region, with its buttons in domain.yml).

The wording is in domain.yml (utter_route_*, utter_contact_*, utter_part_*); the facts come
from the catalogue's contact cards (routing/catalogue.yml) and the reasons of routes.yml,
never from this file. Texts are short (2-4 sentences) with markdown links for the widget.
"""

from __future__ import annotations

from typing import Optional

from actions import wording
from actions.routing.table import RouteDecision
from actions.wording import Utterance
from amif.catalogue import Authority, catalogue

THEME_QUESTION = "utter_route_ask_theme"
REGION_QUESTION = "utter_route_ask_region"


def _display(url: str) -> str:
    """'https://www.europawse.be/' -> 'europawse.be' (the link text)."""
    text = str(url).split("://", 1)[-1]
    if text.startswith("www."):
        text = text[4:]
    return text.rstrip("/")


def link(url: str) -> str:
    return f"[{_display(url)}]({url})"


def _mail(address: str) -> str:
    return f"[{address}](mailto:{address})"


def _bold_name(card: Authority) -> str:
    """'de **FOD Binnenlandse Zaken (Cel Europese Fondsen)**', '**Europa WSE**'."""
    return card.in_sentence(f"**{card.name}**")


def _name_with_former(card: Authority) -> str:
    if card.former_names:
        return wording.text("utter_part_name_former", name=_bold_name(card), former=card.former_names[0])
    return _bold_name(card)


def _topic(decision: RouteDecision) -> str:
    """'Voor een project rond integratie in Vlaanderen'."""
    known = catalogue()
    theme = wording.text("utter_part_topic_theme", theme=known.themes[decision.theme].label) if decision.theme else ""
    region = f" {known.regions[decision.region].phrase}" if decision.region else ""
    return wording.text("utter_part_topic", theme=theme, region=region)


def _contact_sentence(card: Authority) -> str:
    """One sentence with the public e-mail / phone, or the contact person with its year."""
    channels = [item for item in (card.email and _mail(card.email), card.phone) if item]
    if channels:
        return wording.text("utter_part_card_channels", channels=wording.text("utter_part_or").join(channels))
    person = card.contact_person
    if person and (person.email or person.phone):
        details = ", ".join(item for item in (person.email and _mail(person.email), person.phone) if item)
        return wording.text("utter_part_card_person", year=person.year, name=person.name, details=details)
    return wording.text("utter_part_card_no_contact")


def contact_card(card: Authority) -> str:
    """Name, website and how to reach the authority (with the year of a named person)."""
    return wording.text("utter_part_card", name=card.name, website=link(card.website), contact=_contact_sentence(card))


def routed_answer(decision: RouteDecision, calls: str = "") -> Utterance:
    """Which authority, why (one sentence), website and contact; `calls`: the sentence about
    an open call of that authority, if any."""
    if not decision.routed or decision.authority is None:
        raise ValueError(f"routed_answer needs a routed decision, got status '{decision.status}'")
    card, also = decision.authority, decision.also
    who = _name_with_former(card)
    if also is not None:
        joined = "utter_part_or_at" if decision.region == "brussel" else "utter_part_together_with"
        who += wording.text(joined, name=_bold_name(also))
        websites = wording.text("utter_part_websites", first=link(card.website), second=link(also.website))
    else:
        websites = wording.text("utter_part_website", website=link(card.website))
    return Utterance(
        "utter_route_answer",
        dict(
            topic=_topic(decision),
            who=who,
            reason=decision.reason or "",
            websites=websites,
            contact=_contact_sentence(card),
            calls=f"\n\n{calls}" if calls else "",
        ),
    )


CONTACT_LABELS = {"email": "utter_part_label_email", "phone": "utter_part_label_phone"}


def contact_answer(card: Authority, what: str = "website") -> Utterance:
    """The website, e-mail or phone of one authority; without e-mail/phone: the website."""
    if what not in ("website", "email", "phone"):
        raise ValueError(f"what must be 'website', 'email' or 'phone', not '{what}'")
    values = dict(name=card.name, website=link(card.website))
    if what == "website":
        return Utterance("utter_contact_website", values)
    values["label"] = wording.text(CONTACT_LABELS[what])
    value = getattr(card, what)
    if value:
        return Utterance("utter_contact_value", dict(values, value=_mail(value) if what == "email" else value))
    person = card.contact_person
    person_value = getattr(person, what) if person else None
    if person and person_value:
        role = f", {person.role}" if person.role else ""
        shown = _mail(person_value) if what == "email" else person_value
        return Utterance(
            "utter_contact_person_value", dict(values, year=person.year, person=person.name, role=role, value=shown)
        )
    return Utterance("utter_contact_none", values)


# Named in full so scripts/responses_of_actions.py sees that an action utters them.
UNKNOWN_WORD_NOTE = {"theme": "utter_part_unknown_theme", "region": "utter_part_unknown_region"}


def question(decision: RouteDecision) -> Utterance:
    """The question for what is still missing (needs_theme / needs_region), with a note on a
    word that was not understood. Its buttons are those of the response in domain.yml."""
    if decision.status not in ("needs_theme", "needs_region"):
        raise ValueError("question() is for decisions that still need a theme or a region")
    kind = "theme" if decision.status == "needs_theme" else "region"
    unknown = decision.unrecognised.get(kind)
    note = wording.text(UNKNOWN_WORD_NOTE[kind], word=wording.quoted(unknown)) if unknown else ""
    return Utterance(THEME_QUESTION if kind == "theme" else REGION_QUESTION, dict(unknown=note))


def help_for(decision: RouteDecision) -> Optional[str]:
    """The explanation for a visitor who does not know the theme or the region."""
    if decision.status == "needs_theme":
        return "utter_route_theme_help"
    if decision.status == "needs_region":
        return "utter_route_region_help"
    return None
