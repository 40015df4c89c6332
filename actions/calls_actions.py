"""Rasa actions for the calls lookup: open and upcoming calls, a named call, more results.

Glue only: the list is read by actions.calls.store, filtered by actions.calls.query and
worded by actions.calls.format. Filters come from the entities of the latest message.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.calls.format import AUTHORITY_NAMES, call_detail, call_line
from actions.calls.query import CallFilter, find_calls, open_calls, paginate, upcoming_calls
from actions.calls.query import today as calls_today
from actions.calls.schema import BRUSSELS, Call
from actions.calls.store import CallsStore
from actions.conversation import last_authority, latest_entity

logger = logging.getLogger(__name__)

# One store per action server: it re-reads calls/calls.yml when the file changes.
STORE = CallsStore()
PAGE_SIZE = 5
QUERY_SLOT = "calls_query"
SHOWN_SLOT = "calls_shown"

STAY_INFORMED = (
    "Nieuwe Vlaamse oproepen verschijnen op [europawse.be](https://www.europawse.be) en in het "
    "e-zine van Europa WSE (en in Subsidiemanager, als je bestuur een abonnement heeft); "
    "federale oproepen op [amif-isf.be](https://www.amif-isf.be)."
)
LIST_UNREADABLE = (
    "Sorry, de lijst met oproepen kan ik nu niet raadplegen. Kijk voorlopig op "
    "[europawse.be](https://www.europawse.be) of, voor federale oproepen, op "
    "[amif-isf.be](https://www.amif-isf.be)."
)
MORE_BUTTON = {"title": "Toon meer oproepen", "payload": "/show_more_calls"}

THEME_PHRASES = {
    "integratie": "rond integratie",
    "tewerkstelling": "rond werk",
    "onderwijs": "rond onderwijs",
    "asiel": "rond asiel",
    "opvang": "rond opvang",
    "terugkeer": "rond terugkeer",
    "legale_migratie": "rond legale migratie",
}

# Which detail a visitor asks for, from the words of the question (first match wins).
DETAIL_WORDS = [
    ("budget", r"budget|hoeveel geld|bedrag|euro|middelen|hoeveel (krijg|is er)"),
    ("opens", r"\bopen(t|en)?\b|start|begin|vanaf wanneer|wanneer kan ik (beginnen|starten)"),
    ("deadline", r"deadline|tot wanneer|sluit|uiterst|einddatum|indienen tegen|wanneer moet"),
    ("link", r"link|url|website|webpagina|pagina|waar vind|meer info"),
]
# "Hebben zij nu een oproep?": a pronoun means the authority just discussed.
REFERS_TO_LAST = re.compile(r"\b(zij|ze|hun|hen|daar|die)\b", re.IGNORECASE)
# A call name has at least a number or a word of three letters that is not a pronoun.
CALL_NAME = re.compile(r"\d|\b(?!(?:die|dat|daarvan|deze|dit|het|hun)\b)[^\W\d_]{3,}", re.IGNORECASE)


def today() -> date:
    try:
        return calls_today()
    except ValueError as error:  # a bad AMIF_TODAY must not break the conversation
        logger.error("%s; using the real date", error)
        return datetime.now(BRUSSELS).date()


def current_calls() -> Optional[List[Call]]:
    """The calls list, or None when it cannot be read and no earlier list is known."""
    calls = STORE.calls()
    if not calls and STORE.last_error:
        return None
    return calls


def filter_words(tracker: Tracker) -> Dict[Text, Optional[Text]]:
    words = {name: latest_entity(tracker, name) for name in ("theme", "region", "authority", "audience")}
    if not any(words.values()):
        text = (tracker.latest_message or {}).get("text") or ""
        if REFERS_TO_LAST.search(text):
            words["authority"] = last_authority(tracker)
    return words


AUDIENCE_PHRASES = {"vzw": "vzw's", "onderwijs": "scholen", "bedrijven": "bedrijven"}


def with_article(name: Text) -> Text:
    """'bij de FOD Binnenlandse Zaken', but 'bij Europa WSE'."""
    return f"de {name}" if name.startswith(("FOD ", "POD ", "Europese ")) else name


def describe_filter(flt: CallFilter) -> Text:
    parts = []
    if flt.theme:
        parts.append(THEME_PHRASES.get(flt.theme, f"rond {flt.theme}"))
    if flt.authorities:
        names = sorted(AUTHORITY_NAMES[a] for a in flt.authorities)
        parts.append("bij " + " of ".join(with_article(name) for name in names))
    if flt.audience:
        parts.append(f"voor {AUDIENCE_PHRASES.get(flt.audience, flt.audience)}")
    return (" " + " ".join(parts)) if parts else ""


def unrecognised_note(flt: CallFilter) -> Text:
    if not flt.unrecognised:
        return ""
    words = ", ".join(f"'{w}'" for w in flt.unrecognised)
    return f"\n\n({words} herken ik niet als thema, regio of doelgroep; daar heb ik niet op gefilterd.)"


def list_message(calls: List[Call], day: date, page: int) -> tuple[Text, List[Dict[Text, Text]], List[Text]]:
    """Lines for one page of calls, the 'more' button if needed, and the ids shown."""
    shown = paginate(calls, page=page, size=PAGE_SIZE)
    lines = "\n".join(call_line(call, day) for call in shown.items)
    buttons = [MORE_BUTTON] if shown.has_more else []
    if shown.pages > 1:
        first = (shown.page - 1) * PAGE_SIZE + 1
        last = first + len(shown.items) - 1
        lines += f"\n\nDit zijn {first}–{last} van {shown.total}."
    return lines, buttons, [call.id for call in shown.items]


def answer_list(dispatcher: CollectingDispatcher, kind: Text, words: Dict[Text, Optional[Text]], page: int) -> List[Dict[Text, Any]]:
    calls = current_calls()
    if calls is None:
        dispatcher.utter_message(text=LIST_UNREADABLE)
        return []
    day = today()
    flt = CallFilter.from_words(**words)
    where = describe_filter(flt)
    open_now = open_calls(calls, day, flt)
    coming = upcoming_calls(calls, day, flt)
    found = open_now if kind == "open" else coming + open_now

    if not found:
        if kind == "open" and coming:
            text = (f"Op dit moment is er geen open AMIF-oproep{where} in onze lijst, maar deze "
                    f"{'oproep is' if len(coming) == 1 else 'oproepen zijn'} aangekondigd:")
            lines, buttons, ids = list_message(coming, day, 1)
            dispatcher.utter_message(text=f"{text}\n{lines}{unrecognised_note(flt)}", buttons=buttons)
            return [SlotSet(QUERY_SLOT, {"kind": "upcoming", **words, "page": 1}), SlotSet(SHOWN_SLOT, ids)]
        none = "open" if kind == "open" else "open of aangekondigd"
        dispatcher.utter_message(
            text=f"Op dit moment is er geen AMIF-oproep{where} {none} in onze lijst. {STAY_INFORMED}"
            + unrecognised_note(flt)
        )
        return [SlotSet(QUERY_SLOT, None), SlotSet(SHOWN_SLOT, [])]

    lines, buttons, ids = list_message(found, day, page)
    if kind == "open":
        intro = (f"Er {'is' if len(found) == 1 else 'zijn'} nu {len(found)} open "
                 f"{'oproep' if len(found) == 1 else 'oproepen'}{where}, eerste deadline eerst:")
    else:
        intro = f"Aangekondigde en lopende oproepen{where}:"
    dispatcher.utter_message(text=f"{intro}\n{lines}{unrecognised_note(flt)}", buttons=buttons)
    return [SlotSet(QUERY_SLOT, {"kind": kind, **words, "page": page}), SlotSet(SHOWN_SLOT, ids)]


class ActionListOpenCalls(Action):
    def name(self) -> Text:
        return "action_list_open_calls"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return answer_list(dispatcher, "open", filter_words(tracker), page=1)


class ActionListUpcomingCalls(Action):
    def name(self) -> Text:
        return "action_list_upcoming_calls"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return answer_list(dispatcher, "upcoming", filter_words(tracker), page=1)


class ActionShowMoreCalls(Action):
    def name(self) -> Text:
        return "action_show_more_calls"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        query = tracker.get_slot(QUERY_SLOT)
        if not query:
            dispatcher.utter_message(
                text="Ik heb nog geen lijst met oproepen getoond. Wil je de open oproepen zien?",
                buttons=[{"title": "Open oproepen", "payload": "/ask_open_calls"}],
            )
            return []
        words = {k: query.get(k) for k in ("theme", "region", "authority", "audience")}
        return answer_list(dispatcher, query.get("kind", "open"), words, page=int(query.get("page", 1)) + 1)


def detail_field(text: Text) -> Optional[Text]:
    for field, pattern in DETAIL_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return field
    return None


class ActionCallDetail(Action):
    def name(self) -> Text:
        return "action_call_detail"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        calls = current_calls()
        if calls is None:
            dispatcher.utter_message(text=LIST_UNREADABLE)
            return []
        day = today()
        field = detail_field((tracker.latest_message or {}).get("text") or "")
        ref = latest_entity(tracker, "call_ref")
        if ref and not CALL_NAME.search(ref):
            ref = None  # punctuation or a pronoun tagged as a name ("daarvan?") is no call name
        if ref:
            matches = find_calls(calls, ref)
            if not matches:
                dispatcher.utter_message(
                    text=f"Een oproep '{ref}' vind ik niet in onze lijst. {STAY_INFORMED}",
                    buttons=[{"title": "Open oproepen", "payload": "/ask_open_calls"}],
                )
                return []
            chosen = matches[:1]
        else:
            shown_ids = tracker.get_slot(SHOWN_SLOT) or []
            chosen = [call for call in calls if call.id in shown_ids]
            chosen.sort(key=lambda call: shown_ids.index(call.id))
            if not chosen:
                dispatcher.utter_message(
                    text="Over welke oproep gaat het? Noem de titel of het nummer, bijvoorbeeld 'oproep 579'.",
                    buttons=[{"title": "Open oproepen", "payload": "/ask_open_calls"}],
                )
                return []
        if len(chosen) == 1:
            text = call_detail(chosen[0], day, field)
        else:
            text = "\n".join(f"- {call_detail(call, day, field)}" for call in chosen)
        dispatcher.utter_message(text=text)
        return [SlotSet(SHOWN_SLOT, [call.id for call in chosen])]


def open_calls_sentence(authority_id: Text) -> Text:
    """For the routing answer: is there an open (or announced) call at this authority now?"""
    calls = current_calls()
    if calls is None:
        return ""
    day = today()
    flt = CallFilter(authorities=frozenset({authority_id}))
    now = open_calls(calls, day, flt)
    name = AUTHORITY_NAMES.get(authority_id, authority_id)
    if now:
        first = now[0]
        more = f" (en nog {len(now) - 1})" if len(now) > 1 else ""
        return (f"Er loopt nu een oproep: {call_line(first, day)[2:]}{more}.")
    coming = upcoming_calls(calls, day, flt)
    if coming:
        return f"Er is nu geen open oproep, maar er is er een aangekondigd: {call_line(coming[0], day)[2:]}."
    return f"Bij {name} staat op dit moment geen open AMIF-oproep in onze lijst."
