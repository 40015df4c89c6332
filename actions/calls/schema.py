"""Schema of the calls list (calls/calls.yml).

pydantic v1 models (Rasa 3.6 pins pydantic 1.10) that turn the staff's YAML into checked,
normalised `Call` objects, plus `describe_errors`, which turns a ValidationError into Dutch
lines that name the call id and the field, so staff can find the mistake in the file.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any, List, Optional
from zoneinfo import ZoneInfo

from pydantic import BaseModel, HttpUrl, ValidationError, confloat, validator
from pydantic.error_wrappers import ErrorWrapper

from actions.vocabulary import THEMES, fold, normalize_audience, normalize_theme
from amif.catalogue import catalogue
from amif.staff_files import dutch

BRUSSELS = ZoneInfo("Europe/Brussels")
# A deadline given as a plain date means "until the end of that day, Belgian time".
END_OF_DAY = time(23, 59, 59)

# The authorities a call may have: those of the catalogue (routing/catalogue.yml).
AUTHORITIES: tuple[str, ...] = tuple(catalogue().authorities)

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Call(BaseModel):
    id: str
    title: str
    authority: str
    themes: List[str]
    audience: List[str]
    # Optional: for some (old) calls no source gives the opening date; such a call is
    # never 'upcoming', it counts as open from when it is listed until its deadline.
    opens: Optional[date] = None
    deadline: datetime  # always timezone-aware, Europe/Brussels (see validators)
    budget_eur: Optional[confloat(ge=0)] = None
    url: HttpUrl
    summary: Optional[str] = None
    source: Optional[HttpUrl] = None

    class Config:
        anystr_strip_whitespace = True
        allow_mutation = False  # the store shares one list between all conversations

    @validator("id")
    def _id_is_slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError("gebruik kleine letters, cijfers en koppeltekens, bv. 'vl-2026-arbeidsmarkt'")
        return value

    @validator("authority")
    def _known_authority(cls, value: str) -> str:
        if value not in AUTHORITIES:
            raise ValueError(f"onbekende instantie {value!r}; gekend: {', '.join(AUTHORITIES)} (routing/catalogue.yml)")
        return value

    @validator("title")
    def _title_not_empty(cls, value: str) -> str:
        if not value:
            raise ValueError("mag niet leeg zijn")
        return value

    @validator("themes")
    def _known_themes(cls, values: List[str]) -> List[str]:
        # Themes must map to the shared vocabulary, or a theme filter could never find the call.
        themes: List[str] = []
        for text in values:
            theme = normalize_theme(text)
            if theme is None:
                raise ValueError(f"onbekend thema {text!r}; gekend: {', '.join(THEMES)}")
            if theme not in themes:
                themes.append(theme)
        return themes

    @validator("audience")
    def _normalise_audience(cls, values: List[str]) -> List[str]:
        # Known words ("gemeente", "OCMW") become the canonical tag; other tags stay free text.
        tags: List[str] = []
        for text in values:
            tag = normalize_audience(text) or text.strip()
            if tag and tag not in tags:
                tags.append(tag)
        return tags

    @validator("deadline", pre=True)
    def _plain_date_is_end_of_day(cls, value: Any) -> Any:
        if isinstance(value, str) and _DATE_ONLY.match(value.strip()):
            value = date.fromisoformat(value.strip())
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime.combine(value, END_OF_DAY, tzinfo=BRUSSELS)
        return value

    @validator("deadline")
    def _brussels_time_and_after_opening(cls, value: datetime, values: dict) -> datetime:
        # Times without a zone are Belgian time (the EU portal also states Brussels time).
        value = value.replace(tzinfo=BRUSSELS) if value.tzinfo is None else value.astimezone(BRUSSELS)
        opens = values.get("opens")
        if opens is not None and value.date() < opens:
            raise ValueError(f"{value.date().isoformat()} ligt vóór opens ({opens.isoformat()})")
        return value

    def matches_audience(self, audience: str) -> bool:
        return fold(audience) in {fold(tag) for tag in self.audience}


class CallsFile(BaseModel):
    calls: List[Call]

    @validator("calls")
    def _unique_ids(cls, calls: List[Call]) -> List[Call]:
        first_seen: dict[str, int] = {}
        errors = []
        for index, call in enumerate(calls):
            if call.id in first_seen:
                message = f"door meer dan één oproep gebruikt (items {first_seen[call.id] + 1} en {index + 1})"
                errors.append(ErrorWrapper(ValueError(message), loc=(index, "id")))
            first_seen.setdefault(call.id, index)
        if errors:
            # A nested ValidationError keeps the location, so the message names the id field.
            raise ValidationError(errors, cls)
        return calls


def describe_errors(exc: ValidationError, raw: Any) -> List[str]:
    """One line per problem, in Dutch: "oproep 'vl-2026-x': deadline: <wat er mis is>"."""
    entries = raw.get("calls") if isinstance(raw, dict) else None
    lines = []
    for error in exc.errors():
        loc = error["loc"]
        message = dutch(error["msg"])
        if len(loc) >= 2 and loc[0] == "calls" and isinstance(loc[1], int) and isinstance(entries, list):
            index = loc[1]
            entry = entries[index] if index < len(entries) else None
            call_id = entry.get("id") if isinstance(entry, dict) else None
            who = f"oproep {call_id!r}" if call_id else f"oproep {index + 1} (zonder id)"
            field = ".".join(str(part) for part in loc[2:]) or "item"
            lines.append(f"{who}: {field}: {message}")
        else:
            lines.append(f"{'.'.join(str(part) for part in loc)}: {message}")
    return lines
