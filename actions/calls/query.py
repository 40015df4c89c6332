"""What visitors ask of the calls list: open and upcoming calls, filters, pages."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, FrozenSet, Iterable, List, Literal, Optional, Sequence, Tuple, TypeVar

from pydantic import ValidationError

from actions.calls.schema import BRUSSELS, Call
from actions.places import resolve_region
from actions.routing.table import default_routing
from actions.vocabulary import fold, normalize_audience, normalize_authority, normalize_theme
from amif.settings import settings

Status = Literal["open", "upcoming", "closed"]
T = TypeVar("T")


def today() -> date:
    """The real date in Belgium; AMIF_TODAY=YYYY-MM-DD pins it (tests, demos, staff checks).
    Raises ValueError for an AMIF_TODAY that is no such date."""
    try:
        pinned = settings().amif_today
    except ValidationError:
        raw = os.environ.get("AMIF_TODAY")  # only to name the wrong value
        raise ValueError(f"AMIF_TODAY={raw!r} is not a date of the form YYYY-MM-DD") from None
    return pinned or datetime.now(BRUSSELS).date()


def status(call: Call, today: date) -> Status:
    """A call stays open on its deadline day (its time is shown to the visitor), except with a
    deadline at 00:00: that is the start of the day, so the call is closed on that day."""
    if call.opens is not None and today < call.opens:
        return "upcoming"
    deadline = call.deadline.astimezone(BRUSSELS)
    if today > deadline.date() or (today == deadline.date() and (deadline.hour, deadline.minute) == (0, 0)):
        return "closed"
    return "open"


# Words visitors put before the entity ("in Vlaanderen", "als vzw", "voor lokale besturen").
_LEADING_WORDS = {"in", "uit", "voor", "als", "van", "bij", "de", "het", "een"}


def _lookup(text: str, normalize: Callable[[str], Optional[str]]) -> Optional[str]:
    found = normalize(text)
    words = fold(text).split()
    if found is None and len(words) > 1 and words[0] in _LEADING_WORDS:
        found = normalize(" ".join(words[1:]))
    return found


@dataclass(frozen=True)
class CallFilter:
    theme: Optional[str] = None
    authorities: Optional[FrozenSet[str]] = None  # None: any authority
    audience: Optional[str] = None
    unrecognised: Tuple[str, ...] = ()  # words that matched nothing, so the glue can say so

    @classmethod
    def from_words(
        cls,
        theme: Optional[str] = None,
        region: Optional[str] = None,
        authority: Optional[str] = None,
        audience: Optional[str] = None,
    ) -> "CallFilter":
        unrecognised: List[str] = []

        def lookup(text: Optional[str], normalize: Callable[[str], Optional[str]]) -> Optional[str]:
            if not text or not text.strip():
                return None
            found = _lookup(text, normalize)
            if found is None:
                unrecognised.append(text)
            return found

        authorities: Optional[FrozenSet[str]] = None
        region_id = lookup(region, resolve_region)
        if region_id is not None:
            # whose calls a region means: routing/routes.yml ("Brussel": Europa WSE and Agence FSE)
            authorities = default_routing().authorities_of_region(region_id)
        authority_id = lookup(authority, normalize_authority)
        if authority_id is not None:
            # Region and authority together narrow down: "federaal" + "POD MI" -> pod-mi only.
            authorities = frozenset({authority_id}) & (authorities or {authority_id})
        return cls(
            theme=lookup(theme, normalize_theme),
            authorities=authorities,
            audience=lookup(audience, normalize_audience),
            unrecognised=tuple(unrecognised),
        )

    def matches(self, call: Call) -> bool:
        return (
            (self.theme is None or self.theme in call.themes)
            and (self.authorities is None or call.authority in self.authorities)
            and (self.audience is None or call.matches_audience(self.audience))
        )


def open_calls(calls: Iterable[Call], today: date, flt: Optional[CallFilter] = None) -> List[Call]:
    found = [c for c in calls if status(c, today) == "open" and (flt is None or flt.matches(c))]
    return sorted(found, key=lambda c: (c.deadline, c.title))


def upcoming_calls(calls: Iterable[Call], today: date, flt: Optional[CallFilter] = None) -> List[Call]:
    found = [c for c in calls if status(c, today) == "upcoming" and (flt is None or flt.matches(c))]
    return sorted(found, key=lambda c: (c.opens, c.deadline, c.title))


@dataclass(frozen=True)
class Page:
    items: list
    page: int  # 1-based
    pages: int
    total: int

    @property
    def has_more(self) -> bool:
        return self.page < self.pages


def paginate(items: Sequence[T], page: int = 1, size: int = 5) -> Page:
    if page < 1 or size < 1:
        raise ValueError(f"page and size must be at least 1 (got page={page}, size={size})")
    start = (page - 1) * size
    return Page(
        items=list(items[start : start + size]), page=page, pages=max(1, math.ceil(len(items) / size)), total=len(items)
    )
