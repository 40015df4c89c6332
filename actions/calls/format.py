"""Values for the calls answers of domain.yml: dates, amounts and links in Belgian Dutch, the
numbered line of a list, and which response answers a question about one call.

Amounts: babel's nl_BE currency format is "€\u00a01.200.000,00" (euro sign, NO-BREAK SPACE,
dot for thousands). We keep exactly that form, with the no-break space (so the sign never
wraps away from the number), and drop ",00" for whole euros: "€\u00a01.200.000".
Dates: babel's nl_BE long date, "31 maart 2026".
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional, Union

from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency

from actions import wording
from actions.calls.query import status
from actions.calls.schema import BRUSSELS, Call
from actions.wording import Utterance
from amif.catalogue import catalogue

LOCALE = "nl_BE"

# The name of each authority in a list of calls (routing/catalogue.yml: short_name).
AUTHORITY_NAMES = {authority.id: authority.short_name for authority in catalogue().authorities.values()}

DETAIL_FIELDS = ("deadline", "budget", "opens", "link", "other")
CALL_LINE = {"open": "utter_part_call_open", "upcoming": "utter_part_call_upcoming", "closed": "utter_part_call_closed"}
CALL_SUMMARY = {
    "open": "utter_call_summary_open",
    "upcoming": "utter_call_summary_upcoming",
    "closed": "utter_call_summary_closed",
}


def format_date(value: Union[date, datetime]) -> str:
    """ "31 maart 2026"; a date-time adds " om 17:00" unless it is the end of the day (23:59);
    a deadline at 00:00 is shown as such ("om 00:00"): it closes as that day begins."""
    if not isinstance(value, datetime):
        return babel_format_date(value, format="long", locale=LOCALE)
    local = value.astimezone(BRUSSELS) if value.tzinfo else value
    text = babel_format_date(local.date(), format="long", locale=LOCALE)
    if (local.hour, local.minute) != (23, 59):
        text += f" om {local:%H:%M}"
    return text


def format_eur(amount: float) -> str:
    text = format_currency(amount, "EUR", locale=LOCALE)
    return text[:-3] if text.endswith(",00") else text


def call_link(call: Call) -> str:
    # Brackets in the title or parentheses in the URL would break the markdown link.
    title = call.title.replace("[", "(").replace("]", ")")
    url = str(call.url).replace("(", "%28").replace(")", "%29")
    return f"[{title}]({url})"


def call_line(call: Call, today: date) -> str:
    """A call in one line: "[Title](url) — Europa WSE, deadline 31 maart 2026"."""
    state = status(call, today)
    values = dict(link=call_link(call), authority=AUTHORITY_NAMES[call.authority])
    if state == "upcoming":
        return wording.text(CALL_LINE[state], opens=format_date(call.opens), **values)
    return wording.text(CALL_LINE[state], deadline=format_date(call.deadline), **values)


def numbered_line(call: Call, today: date, number: int) -> str:
    """One line of a numbered list: "2. [Title](url) — Europa WSE, deadline …"."""
    return wording.text("utter_part_numbered", number=number, line=call_line(call, today))


def call_detail(call: Call, today: date, field: Optional[str] = None) -> Utterance:
    """The answer about one call: field "deadline", "budget", "opens", "link", "other" (what the
    list does not hold), or None for everything."""
    if field is not None and field not in DETAIL_FIELDS:
        raise ValueError(f"unknown field {field!r}; expected one of {DETAIL_FIELDS} or None")
    state = status(call, today)
    deadline = format_date(call.deadline)
    opens = format_date(call.opens) if call.opens else None
    base = dict(link=call_link(call), deadline=deadline)
    # For a closed call only its closing date matters to a visitor, whatever was asked.
    closed_note = wording.text("utter_part_closed_note", deadline=deadline) if state == "closed" else ""
    if field in ("deadline", "opens"):
        if state == "closed":
            return Utterance("utter_call_closed", base)
        if state == "upcoming":
            return Utterance("utter_call_upcoming", dict(base, opens=opens))
        if field == "opens":
            since = wording.text("utter_part_since", opens=opens) if opens else ""
            return Utterance("utter_call_open", dict(base, since=since))
        return Utterance("utter_call_deadline", base)
    if field == "budget":
        if call.budget_eur is None:
            return Utterance("utter_call_no_budget", dict(base, closed_note=closed_note))
        response = "utter_call_budget_closed" if state == "closed" else "utter_call_budget"
        return Utterance(response, dict(base, budget=format_eur(call.budget_eur)))
    if field == "link":
        return Utterance("utter_call_link", dict(base, closed_note=closed_note))
    if field == "other":  # a detail the calls list does not hold: say so, and where it is
        return Utterance("utter_call_not_in_list", dict(base, closed_note=closed_note))
    summary = ""
    if call.summary:
        summary = " " + (call.summary if call.summary.endswith(".") else call.summary + ".")
    budget_note = ""
    if call.budget_eur is not None:
        budget_note = wording.text("utter_part_budget_note", budget=format_eur(call.budget_eur))
    return Utterance(
        CALL_SUMMARY[state],
        dict(
            base, opens=opens or "", authority=AUTHORITY_NAMES[call.authority], summary=summary, budget_note=budget_note
        ),
    )
