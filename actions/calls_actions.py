"""Rasa actions for the calls lookup: open and upcoming calls, one call, more results.

Glue only: the list is read by actions.calls.store, filtered by actions.calls.query, matched
to the visitor's words by actions.calls.match, and the answers are responses of domain.yml
whose values actions.calls.format builds.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import places, wording
from actions.calls.format import Utterance, call_detail, call_line, numbered_line
from actions.calls.match import by_id, named_calls, ordinal, pick_from_shown
from actions.calls.query import CallFilter, open_calls, paginate, upcoming_calls
from actions.calls.query import today as calls_today
from actions.calls.schema import BRUSSELS, Call
from actions.calls.store import CallsStore
from actions.conversation import last_authority, latest_entity, latest_text, previous_action, set_in_bot_turn_before
from actions.vocabulary import normalize_audience, normalize_authority, normalize_theme
from amif.catalogue import catalogue

logger = logging.getLogger(__name__)

# One store per action server: it re-reads calls/calls.yml when the file changes.
STORE = CallsStore()
PAGE_SIZE = 5
QUERY_SLOT = "calls_query"  # the last list query, for "toon meer"
SHOWN_SLOT = "calls_shown"  # the calls of the list shown last, for "de tweede"
DISCUSSED_SLOT = "calls_discussed"  # the call(s) answered about last, for "en hoeveel is dat?"
FIELD_SLOT = "calls_field"  # what was asked while the bot asked "which call?"

INTEGRATION_THEMES = {"integratie", "tewerkstelling", "onderwijs"}


# Which detail a visitor asks for, from the words of the question (first match wins).
# "other": something the calls list does not hold (the call's own page does).
DETAIL_WORDS = [
    (
        "other",
        r"infosessie|infomoment|voorwaarde|criteri|max(imum|imaal)? (per|voor een) project|"
        r"per project|wie kan|wie mag|partner|cofinanc|eigen inbreng|doelgroep|sjabloon|formulier",
    ),
    ("budget", r"budget|hoeveel geld|bedrag|euro|middelen|hoeveel (krijg|is er|is dat|bedraagt)"),
    (
        "opens",
        r"\bopen(t|en)?\b|geopend|ging .*open|start|begin|vanaf wanneer|sinds wanneer|"
        r"wanneer kan ik (beginnen|starten)",
    ),
    ("deadline", r"deadline|tot wanneer|sluit|uiterst|einddatum|indienen tegen|wanneer moet"),
    (
        "link",
        r"link|url|website|webpagina|pagina|waar (vind|staat)|waar kan ik .*vinden|meer info|bekijken|"
        r"raadplegen|nalezen|lezen",
    ),
]
# "Hebben zij nu een oproep?": a pronoun means the authority just discussed. Not "die"/"ze"
# alone: "oproepen die nog lopen" is no reference to an authority.
REFERS_TO_LAST = re.compile(r"\b(zij|hun|hen|daar|daarbij)\b", re.IGNORECASE)


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


def more_button() -> Dict[Text, Text]:
    return {"title": wording.text("utter_part_button_more_calls"), "payload": "/show_more_calls"}


def utter(dispatcher: CollectingDispatcher, utterance: Utterance, **extra: Any) -> None:
    dispatcher.utter_message(response=utterance.response, **utterance.values, **extra)


# ------------------------------------------------------------------------------ lists


def filter_words(tracker: Tracker) -> Dict[Text, Optional[Text]]:
    words = {name: latest_entity(tracker, name) for name in ("theme", "region", "authority", "audience")}
    text = latest_text(tracker)
    if not words["region"]:
        # "oproepen voor een gemeente in Henegouwen": a place says which strand, tagged or not
        words["region"] = places.region_of(text)
    if not any(words.values()) and REFERS_TO_LAST.search(text):
        words["authority"] = last_authority(tracker)
    return words


def describe_filter(flt: CallFilter) -> Text:
    known = catalogue()
    parts = []
    if flt.theme:
        parts.append(wording.text("utter_part_where_theme", theme=known.themes[flt.theme].label))
    if flt.authorities:
        names = sorted(known.authority(a).in_sentence() for a in flt.authorities)
        parts.append(wording.text("utter_part_where_authority", authorities=wording.text("utter_part_or").join(names)))
    if flt.audience:
        audience = known.audiences.get(flt.audience)
        parts.append(wording.text("utter_part_where_audience", audience=audience.label if audience else flt.audience))
    return "".join(parts)


def unrecognised_note(flt: CallFilter) -> Text:
    if not flt.unrecognised:
        return ""
    words = ", ".join(f"'{wording.quoted(w)}'" for w in flt.unrecognised)
    return wording.text("utter_part_unrecognised_note", words=words)


def numbered_lines(calls: Sequence[Call], day: date, first_number: int, announced_heading: bool) -> Text:
    """The lines of one page; with `announced_heading`, "Aangekondigd:" before the first
    call that has yet to open (the open ones come first)."""
    lines, heading_done = [], False
    for number, call in enumerate(calls, start=first_number):
        if announced_heading and not heading_done and call.opens is not None and day < call.opens:
            lines.append(wording.text("utter_part_announced_heading"))
            heading_done = True
        lines.append(numbered_line(call, day, number))
    return "\n".join(lines)


def list_answer(
    kind: Text, words: Dict[Text, Optional[Text]], page: int, calls: List[Call], day: date
) -> Tuple[Utterance, List[Dict[Text, Text]], List[Dict[Text, Any]]]:
    """The answer to "which calls are open / coming": open calls (earliest deadline first)
    and announced ones (earliest opening first), the ones the question is about first."""
    flt = CallFilter.from_words(**words)
    open_now, coming = open_calls(calls, day, flt), upcoming_calls(calls, day, flt)
    values = dict(where=describe_filter(flt), unrecognised_note=unrecognised_note(flt))
    if not open_now and not coming:
        return (
            Utterance("utter_calls_none_open", values),
            [],
            [SlotSet(QUERY_SLOT, None), SlotSet(SHOWN_SLOT, []), SlotSet(DISCUSSED_SLOT, [])],
        )

    ordered = coming + open_now if kind == "upcoming" else open_now + coming
    shown = paginate(ordered, page=page, size=PAGE_SIZE)
    if not shown.items:  # "toon meer" after the last page
        return Utterance("utter_calls_no_more", dict(total=shown.total)), [], []
    first = (shown.page - 1) * PAGE_SIZE + 1
    values["lines"] = numbered_lines(shown.items, day, first, announced_heading=kind != "upcoming" and bool(open_now))
    values["page_note"] = (
        ""
        if shown.pages == 1
        else wording.text("utter_part_page_note", first=first, last=first + len(shown.items) - 1, total=shown.total)
    )
    if kind == "upcoming":
        response = "utter_calls_upcoming"
    elif not open_now:
        response = "utter_calls_announced_only"
        values["announced"] = wording.text(
            "utter_part_announced_one" if len(coming) == 1 else "utter_part_announced_many"
        )
    else:
        response = "utter_calls_open_one" if len(open_now) == 1 else "utter_calls_open_many"
        values["count"] = len(open_now)
    buttons = [more_button()] if shown.has_more else []
    events = [
        SlotSet(QUERY_SLOT, {"kind": kind, **words, "page": shown.page}),
        SlotSet(SHOWN_SLOT, [call.id for call in shown.items]),
        SlotSet(DISCUSSED_SLOT, []),
    ]
    return Utterance(response, values), buttons, events


def answer_list(
    dispatcher: CollectingDispatcher,
    kind: Text,
    words: Dict[Text, Optional[Text]],
    page: int,
    tracker: Optional[Tracker] = None,
) -> List[Dict[Text, Any]]:
    calls = current_calls()
    if calls is None:
        dispatcher.utter_message(response="utter_calls_unreadable")
        return []
    text = latest_text(tracker) if tracker else ""
    if detail_field(text):  # "wanneer is de oproep sociale activering geopend": one call, one detail
        found, ambiguous = named_calls(calls, text, in_calls_question=False)
        if found and not ambiguous:
            for call in found:
                utter(dispatcher, call_detail(call, today(), detail_field(text)))
            return [SlotSet(DISCUSSED_SLOT, [call.id for call in found])]
    utterance, buttons, events = list_answer(kind, words, page, calls, today())
    utter(dispatcher, utterance, buttons=buttons)
    return events


class ActionListOpenCalls(Action):
    def name(self) -> Text:
        return "action_list_open_calls"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return answer_list(dispatcher, "open", filter_words(tracker), page=1, tracker=tracker)


class ActionListUpcomingCalls(Action):
    def name(self) -> Text:
        return "action_list_upcoming_calls"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return answer_list(dispatcher, "upcoming", filter_words(tracker), page=1, tracker=tracker)


class ActionShowMoreCalls(Action):
    def name(self) -> Text:
        return "action_show_more_calls"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        query = tracker.get_slot(QUERY_SLOT)
        if not query:
            dispatcher.utter_message(response="utter_calls_no_list_yet")
            return []
        words = {k: query.get(k) for k in ("theme", "region", "authority", "audience")}
        return answer_list(dispatcher, query.get("kind", "open"), words, page=int(query.get("page", 1)) + 1)


# ------------------------------------------------------------------------------ one call


def detail_field(text: Text) -> Optional[Text]:
    for field, pattern in DETAIL_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return field
    return None


# A short follow-up that points back ("en hoeveel is dat?", "waar vind ik die?").
POINTING_BACK = re.compile(r"\b(die|dat|deze|daar|daarvan|daarvoor|ervan|ervoor)\b", re.IGNORECASE)
FOLLOW_UP_MAX_WORDS = 8


def is_detail_follow_up(text: Text) -> bool:
    """A short question for one detail of something just said, pointing back to it."""
    return (
        detail_field(text) is not None and bool(POINTING_BACK.search(text)) and len(text.split()) <= FOLLOW_UP_MAX_WORDS
    )


def example_title(calls: Sequence[Call], day: date) -> Text:
    """A call of the list loaded now, to show how to name one (an open one if there is)."""
    ranked = open_calls(calls, day) + upcoming_calls(calls, day) + list(calls)
    return ranked[0].title if ranked else "oproep 579"


def _calls_in_slot(tracker: Tracker, slot: Text, known: Dict[Text, Call]) -> List[Call]:
    return [known[i] for i in tracker.get_slot(slot) or [] if i in known]


def chosen_calls(tracker: Tracker, calls: List[Call]) -> Tuple[List[Call], bool]:
    """The call(s) the latest message is about, and whether it is ambiguous."""
    text = latest_text(tracker)
    known = by_id(calls)
    ref = latest_entity(tracker, "call_ref")
    if ref in known:  # a button of "which call?" sends the id
        return [known[ref]], False
    # 1. A title or number in the words of the message (or in what NLU tagged as a name).
    for words in (text, ref):
        if words:
            found, ambiguous = named_calls(calls, words)
            if found:
                return found, ambiguous
    # 2. A position, an authority, a theme or an audience in the list just shown ("de tweede",
    #    "die van de FOD", "die rond opvang").
    shown = _calls_in_slot(tracker, SHOWN_SLOT, known)
    authority = normalize_authority(latest_entity(tracker, "authority"))
    theme = normalize_theme(latest_entity(tracker, "theme"))
    audience = normalize_audience(latest_entity(tracker, "audience"))
    if shown and (ordinal(text) is not None or authority or theme or audience):
        return pick_from_shown(shown, text, authority, theme, audience), False
    # 3. The call(s) just discussed ("en hoeveel is dat?"), else the whole list just shown.
    return _calls_in_slot(tracker, DISCUSSED_SLOT, known) or shown, False


class ActionCallDetail(Action):
    def name(self) -> Text:
        return "action_call_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        calls = current_calls()
        if calls is None:
            dispatcher.utter_message(response="utter_calls_unreadable")
            return []
        day = today()
        field = detail_field(latest_text(tracker)) or tracker.get_slot(FIELD_SLOT)
        chosen, ambiguous = chosen_calls(tracker, calls)
        if ambiguous:
            buttons = [
                {"title": call.title, "payload": f'/ask_call_detail{{"call_ref":"{call.id}"}}'} for call in chosen
            ]
            dispatcher.utter_message(response="utter_call_which_of", buttons=buttons)
            return [SlotSet(FIELD_SLOT, field)]
        if not chosen:
            ref = latest_entity(tracker, "call_ref")
            if ref and re.search(r"\d|[^\W\d_]{4,}", ref):
                dispatcher.utter_message(response="utter_call_not_found", ref=wording.quoted(ref))
            else:
                dispatcher.utter_message(response="utter_call_which", example=example_title(calls, day))
            return [SlotSet(FIELD_SLOT, None)]
        for call in chosen:
            utter(dispatcher, call_detail(call, day, field))
        return [SlotSet(DISCUSSED_SLOT, [call.id for call in chosen]), SlotSet(FIELD_SLOT, None)]


LIST_ACTIONS = {"action_list_open_calls", "action_list_upcoming_calls", "action_show_more_calls"}
# A message with one of these words is about a call: a partial title will do.
CALL_WORDS = re.compile(r"\b(oproep|oproepen|projectoproep|call|calls|appel)\b", re.IGNORECASE)


def answer_call_reference(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[Dict[Text, Any]]]:
    """For messages NLU did not take for a calls question: answer about the call they name
    by its title ("Uitbreiding opvangcapaciteit 2026", also in French or English), or by its
    place in the list the bot just showed ("de eerste, waar kan ik die bekijken"); None when
    they name no call."""
    calls = current_calls()
    if not calls:
        return None
    text = latest_text(tracker)
    found, ambiguous = named_calls(calls, text, in_calls_question=bool(CALL_WORDS.search(text)))
    if ambiguous:
        return None
    if not found and ordinal(text) is not None and previous_action(tracker) in LIST_ACTIONS:
        found = pick_from_shown(_calls_in_slot(tracker, SHOWN_SLOT, by_id(calls)), text)
    if not found and is_detail_follow_up(text) and set_in_bot_turn_before(tracker, DISCUSSED_SLOT):
        # "en hoeveel is dat?" right after an answer about a call: that call.
        found = _calls_in_slot(tracker, DISCUSSED_SLOT, by_id(calls))
    if not found:
        return None
    day = today()
    field = detail_field(text)
    for call in found:
        utter(dispatcher, call_detail(call, day, field))
    return [SlotSet(DISCUSSED_SLOT, [call.id for call in found])]


# ------------------------------------------------------------------------------ routing


def open_calls_sentence(authority_id: Text, theme: Optional[Text] = None) -> Tuple[Text, List[Text]]:
    """For the routing answer: is there an open (or announced) call of this authority on this
    theme? A call on another theme is no help to this visitor, so it is not mentioned. Also
    the id of the call mentioned, for follow-ups ("wanneer opent die?")."""
    calls = current_calls()
    if calls is None:
        return "", []
    day = today()
    # A general integration call also fits a project on work or education with newcomers.
    themes = {theme} | ({"integratie"} if theme in INTEGRATION_THEMES else set()) if theme else None
    relevant = [
        call for call in calls if call.authority == authority_id and (themes is None or themes & set(call.themes))
    ]
    now = open_calls(relevant, day)
    if now:
        more = wording.text("utter_part_routing_more_calls", count=len(now) - 1) if len(now) > 1 else ""
        return wording.text("utter_part_routing_call_open", call=call_line(now[0], day), more=more), [now[0].id]
    coming = upcoming_calls(relevant, day)
    if coming:
        return wording.text("utter_part_routing_call_announced", call=call_line(coming[0], day)), [coming[0].id]
    return wording.text("utter_part_routing_no_call", authority=catalogue().authority(authority_id).in_sentence()), []
