"""The routing table: which authority handles a project, given its theme and region.

The rules live in routing/routes.yml and the authorities (with their contact cards) in the
catalogue, routing/catalogue.yml, so staff change them without touching code. This module
reads and checks the rules, and answers one question: `RoutingTable.resolve(theme, region)`.

Theme and region may be canonical ids ("integratie", "wallonie") or the visitor's own words
("inburgering", "Namen", "Oost-Vlaanderen"); both go through the shared vocabulary
(actions/vocabulary.py) and, for places, actions/places.py.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Literal, Optional, Set, Tuple, Union

from pydantic import BaseModel, Extra, HttpUrl, validator

from actions import vocabulary
from actions.places import resolve_region
from amif.catalogue import Authority, Catalogue, load_catalogue
from amif.catalogue import catalogue as default_catalogue
from amif.staff_files import StaffFileError, parse_entries, read_yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ROUTES_PATH = REPO_ROOT / "routing" / "routes.yml"

THEME_IDS: Tuple[str, ...] = tuple(vocabulary.THEMES)
REGION_IDS: Tuple[str, ...] = tuple(vocabulary.REGIONS)
ANY = "any"
# Kept for the modules that name a card by its old class name.
AuthorityCard = Authority


class RoutingConfigError(ValueError):
    """routes.yml or the catalogue is missing, unreadable or inconsistent."""


def _id_list(value, known: Tuple[str, ...], what: str):
    if value == ANY:
        return ANY
    if isinstance(value, str):
        raise ValueError(f"schrijf een lijst, bv. [{value}], of '{ANY}'")
    if not isinstance(value, list) or not value:
        raise ValueError(f"geef een niet-lege lijst van {what}-ids of '{ANY}'")
    unknown = [item for item in value if item not in known]
    if unknown:
        raise ValueError(f"onbekende {what}-id(s) {unknown}; gekend zijn: {', '.join(known)}")
    return list(value)


class RouteRule(BaseModel):
    themes: Union[Literal["any"], List[str]]
    regions: Union[Literal["any"], List[str]]
    authority: str
    also: Optional[str] = None
    reason: str
    source: HttpUrl

    class Config:
        extra = Extra.forbid

    @validator("themes", pre=True)
    def _themes(cls, value):
        return _id_list(value, THEME_IDS, "thema")

    @validator("regions", pre=True)
    def _regions(cls, value):
        return _id_list(value, REGION_IDS, "regio")

    @validator("also")
    def _also(cls, value, values):
        if value is not None and value == values.get("authority"):
            raise ValueError("'also' is dezelfde instantie als 'authority'")
        return value

    @validator("reason")
    def _reason(cls, value):
        value = " ".join(value.split())
        if not value:
            raise ValueError("mag niet leeg zijn")
        return value

    def matches(self, theme: Optional[str], region: Optional[str]) -> bool:
        return (self.themes == ANY or theme in self.themes) and (self.regions == ANY or region in self.regions)


class RouteDecision(BaseModel):
    """What the conversation does next.

    status:
      needs_theme  - ask the theme (nothing can be decided without it);
      needs_region - the theme is integration-like and the region is unknown;
      routed       - `authority` (and sometimes `also`) is the answer, with `reason`.
    `unrecognised` keeps words that the vocabulary did not understand ({"theme": "..."}).
    """

    status: Literal["needs_theme", "needs_region", "routed"]
    theme: Optional[str] = None
    region: Optional[str] = None
    authority: Optional[Authority] = None
    also: Optional[Authority] = None
    reason: Optional[str] = None
    source: Optional[str] = None
    rule_number: Optional[int] = None  # 1-based position in routes.yml
    unrecognised: Dict[str, str] = {}

    @property
    def routed(self) -> bool:
        return self.status == "routed"

    @property
    def authority_ids(self) -> List[str]:
        return [card.id for card in (self.authority, self.also) if card is not None]


def _canonical(text: Optional[str], known: Tuple[str, ...], normalise) -> Optional[str]:
    if text is None or not str(text).strip():
        return None
    if text in known:
        return text
    return normalise(str(text))


class RoutingTable(BaseModel):
    rules: List[RouteRule]
    authorities: Dict[str, Authority]

    def card(self, authority_id: str) -> Authority:
        """The contact card for an id, or for a name visitors use ("ESF Vlaanderen")."""
        if authority_id in self.authorities:
            return self.authorities[authority_id]
        canonical = vocabulary.normalize_authority(authority_id)
        if canonical in self.authorities:
            return self.authorities[canonical]
        raise KeyError(f"geen contactkaart voor '{authority_id}'; gekend: {', '.join(self.authorities)}")

    def resolve(self, theme: Optional[str] = None, region: Optional[str] = None) -> RouteDecision:
        theme_id = _canonical(theme, THEME_IDS, vocabulary.normalize_theme)
        region_id = _canonical(region, REGION_IDS, resolve_region)
        unrecognised = {
            name: str(raw)
            for name, raw, canonical in (("theme", theme, theme_id), ("region", region, region_id))
            if raw is not None and str(raw).strip() and canonical is None
        }
        common = dict(theme=theme_id, region=region_id, unrecognised=unrecognised)
        for number, rule in enumerate(self.rules, start=1):
            if rule.matches(theme_id, region_id):
                return RouteDecision(
                    status="routed",
                    authority=self.authorities[rule.authority],
                    also=self.authorities[rule.also] if rule.also else None,
                    reason=rule.reason,
                    source=str(rule.source),
                    rule_number=number,
                    **common,
                )
        if theme_id is None:
            return RouteDecision(status="needs_theme", **common)
        if region_id is None:
            return RouteDecision(status="needs_region", **common)
        raise RoutingConfigError(f"routes.yml heeft geen regel voor thema '{theme_id}' in regio '{region_id}'")

    def authorities_of_region(self, region_id: str) -> FrozenSet[str]:
        """Whose calls a visitor means by a region: the authorities that route an
        integration project there (integration is what varies by region): "Vlaanderen" ->
        Europa WSE, "Brussel" -> Europa WSE and Agence FSE, "federaal" -> POD MI and FOD."""
        return frozenset(self.resolve(theme="integratie", region=region_id).authority_ids)

    def check_complete(self) -> None:
        """Every theme x region gives one authority; no rule is dead weight."""
        used: Set[int] = set()
        problems: List[str] = []
        for theme in (*THEME_IDS, None):
            for region in (*REGION_IDS, None):
                try:
                    decision = self.resolve(theme, region)
                except RoutingConfigError as error:
                    problems.append(str(error))
                    continue
                if decision.rule_number:
                    used.add(decision.rule_number)
                elif theme is not None and region is not None:
                    problems.append(f"thema '{theme}' in regio '{region}' krijgt geen instantie")
        for number in range(1, len(self.rules) + 1):
            if number not in used:
                problems.append(f"regel {number} wordt nooit gebruikt: een regel erboven vangt al zijn gevallen op")
        if problems:
            raise RoutingConfigError("onvolledig:\n- " + "\n- ".join(sorted(set(problems))))


def load_routing(
    routes_path: Optional[Union[str, Path]] = None,
    catalogue_path: Optional[Union[str, Path]] = None,
    check_complete: bool = True,
) -> RoutingTable:
    """Read and check routing/routes.yml with the authorities of routing/catalogue.yml (or the
    given files). Raises RoutingConfigError with every problem found, naming file and item."""
    routes_path = Path(routes_path) if routes_path else DEFAULT_ROUTES_PATH
    try:
        known: Catalogue = load_catalogue(catalogue_path) if catalogue_path else default_catalogue()
        rules = parse_entries(
            read_yaml(routes_path),
            RouteRule,
            routes_path,
            lambda n, item: f"regel {n} (authority: {item.get('authority', '?')})",
            "regels",
        )
    except StaffFileError as error:
        raise RoutingConfigError(str(error)) from None
    problems = []
    for number, rule in enumerate(rules, start=1):
        for field in ("authority", "also"):
            authority_id = getattr(rule, field)
            if authority_id is not None and authority_id not in known.authorities:
                problems.append(
                    f"regel {number}: {field} '{authority_id}' staat niet in de catalogus "
                    f"(routing/catalogue.yml; gekend: {', '.join(known.authorities)})"
                )
    if problems:
        raise RoutingConfigError(f"{routes_path}:\n- " + "\n- ".join(problems))
    table = RoutingTable(rules=rules, authorities=known.authorities)
    if check_complete:
        try:
            table.check_complete()
        except RoutingConfigError as error:
            raise RoutingConfigError(f"{routes_path}: {error}") from None
    return table


@lru_cache(maxsize=1)
def default_routing() -> RoutingTable:
    """The repo's routing table, read once per process (for the action server)."""
    return load_routing()
