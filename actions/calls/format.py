"""Dutch (Belgian) wording of calls for the chat: dates, amounts, list lines and answers.

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

from actions.calls.query import status
from actions.calls.schema import BRUSSELS, Call

LOCALE = "nl_BE"

AUTHORITY_NAMES = {
    "europa-wse": "Europa WSE",
    "fod-binnenlandse-zaken": "FOD Binnenlandse Zaken",
    "agence-fse": "Agence FSE",
    "pod-mi": "POD Maatschappelijke Integratie",
    "europese-commissie": "Europese Commissie",
}

DETAIL_FIELDS = ("deadline", "budget", "opens", "link")


def format_date(value: Union[date, datetime]) -> str:
    """"31 maart 2026"; a date-time adds " om 17:00" unless it is a whole day (23:59 / 00:00)."""
    if not isinstance(value, datetime):
        return babel_format_date(value, format="long", locale=LOCALE)
    local = value.astimezone(BRUSSELS) if value.tzinfo else value
    text = babel_format_date(local.date(), format="long", locale=LOCALE)
    if (local.hour, local.minute) not in {(23, 59), (0, 0)}:
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
    """One markdown bullet for a list of calls."""
    state = status(call, today)
    if state == "closed":
        when = f"afgesloten op {format_date(call.deadline)}"
    elif state == "upcoming":
        when = f"opent op {format_date(call.opens)}"
    else:
        when = f"deadline {format_date(call.deadline)}"
    return f"- {call_link(call)} — {AUTHORITY_NAMES[call.authority]}, {when}"


def call_detail(call: Call, today: date, field: Optional[str] = None) -> str:
    """Answer about one call: field "deadline", "budget", "opens", "link", or None for everything."""
    if field is not None and field not in DETAIL_FIELDS:
        raise ValueError(f"unknown field {field!r}; expected one of {DETAIL_FIELDS} or None")
    state = status(call, today)
    link = call_link(call)
    deadline = format_date(call.deadline)
    opens = format_date(call.opens) if call.opens else None
    # For a closed call only its closing date matters to a visitor, whatever was asked.
    closed = f"{link} is afgesloten: de deadline was {deadline}."
    if field in ("deadline", "opens"):
        if state == "closed":
            return closed
        if state == "upcoming":
            return f"{link} opent op {opens}; de deadline is {deadline}."
        if field == "opens":
            since = f" sinds {opens}" if opens else ""
            return f"{link} is open{since}; de deadline is {deadline}."
        return f"De deadline van {link} is {deadline}."
    note = f" Let op: deze oproep is afgesloten sinds {deadline}." if state == "closed" else ""
    if field == "budget":
        if call.budget_eur is None:
            return f"Voor {link} staat geen budget in onze lijst; kijk op de pagina van de oproep.{note}"
        verb = "was" if state == "closed" else "is"
        return f"Het budget van {link} {verb} {format_eur(call.budget_eur)}.{note}"
    if field == "link":
        return f"Alle informatie staat op de pagina van de oproep: {link}.{note}"
    who = f"{link} ({AUTHORITY_NAMES[call.authority]})"
    if state == "closed":
        sentences = [f"{who} is afgesloten: de deadline was {deadline}."]
    elif state == "upcoming":
        sentences = [f"{who} opent op {opens}; de deadline is {deadline}."]
    else:
        sentences = [f"{who} is open; de deadline is {deadline}."]
    if call.summary:
        sentences.append(call.summary if call.summary.endswith(".") else call.summary + ".")
    if call.budget_eur is not None:
        sentences.append(f"Budget: {format_eur(call.budget_eur)}.")
    return " ".join(sentences)
