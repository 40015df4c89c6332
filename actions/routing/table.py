"""The routing table: which authority handles a project, given its theme and region.

The rules and the contact cards live in data files at the repo root (routing/routes.yml and
routing/authorities.yml) so staff can change them without touching code. This module reads
and checks them, and answers one question: `RoutingTable.resolve(theme, region)`.

Theme and region may be canonical ids ("integratie", "wallonie") or the visitor's own words
("inburgering", "Namen"); both go through the shared vocabulary (actions/vocabulary.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Literal, Optional, Set, Tuple, Union

import yaml
from pydantic import BaseModel, Extra, ValidationError, validator

from actions import vocabulary
from actions.places import resolve_region

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ROUTES_PATH = REPO_ROOT / "routing" / "routes.yml"
DEFAULT_AUTHORITIES_PATH = REPO_ROOT / "routing" / "authorities.yml"

THEME_IDS: Tuple[str, ...] = tuple(vocabulary.THEMES)
REGION_IDS: Tuple[str, ...] = tuple(vocabulary.REGIONS)
# Language community; only matters in Brussels, where no region-level authority exists.
COMMUNITY_IDS: Tuple[str, ...] = ("nl", "fr")
# A community word normalises (via the region vocabulary) to the region sharing its language.
_COMMUNITY_OF_REGION = {"vlaanderen": "nl", "wallonie": "fr"}

ANY = "any"
_ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class RoutingConfigError(ValueError):
    """routes.yml or authorities.yml is missing, unreadable or inconsistent."""


def _check_url(value: str) -> str:
    if not re.match(r"^https?://\S+$", value):
        raise ValueError(f"'{value}' is geen volledige URL (begin met https://)")
    return value


def _one_line(value: str) -> str:
    return " ".join(value.split())


# ---------------------------------------------------------------- authorities.yml models


def _non_empty_line(value: str) -> str:
    value = _one_line(value)
    if not value:
        raise ValueError("mag niet leeg zijn")
    return value


class ContactPerson(BaseModel):
    name: str
    role: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None
    year: int  # year of the source: the answer says the data may be out of date
    source: str  # where the person is named (a URL or a citation)

    class Config:
        extra = Extra.forbid

    @validator("email")
    def _email(cls, value):
        if value is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", value):
            raise ValueError(f"'{value}' is geen e-mailadres")
        return value


class AuthorityCard(BaseModel):
    id: str
    name: str
    former_names: List[str] = []
    role: str
    website: str
    email: Optional[str] = None
    phone: Optional[str] = None
    contact_person: Optional[ContactPerson] = None
    sources: List[str]

    class Config:
        extra = Extra.forbid

    @validator("id")
    def _id(cls, value):
        if not _ID_PATTERN.match(value):
            raise ValueError(f"id '{value}': gebruik kleine letters, cijfers en koppeltekens")
        return value

    _text = validator("role", "name", allow_reuse=True)(_non_empty_line)

    @validator("website")
    def _website(cls, value):
        return _check_url(value)

    @validator("email")
    def _email(cls, value):
        if value is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", value):
            raise ValueError(f"'{value}' is geen e-mailadres")
        return value

    @validator("sources")
    def _sources(cls, value):
        if not value:
            raise ValueError("geef minstens één bron")
        return [_check_url(url) for url in value]

    @property
    def all_names(self) -> List[str]:
        return [self.name, *self.former_names]


# --------------------------------------------------------------------- routes.yml models


def _id_list(value, known: Tuple[str, ...], what: str):
    if value == ANY:
        return ANY
    if isinstance(value, str):
        raise ValueError(f"schrijf een lijst, bv. [{value}], of '{ANY}'")
    if not isinstance(value, list) or not value:
        raise ValueError(f"geef een niet-lege lijst van {what}-ids of '{ANY}'")
    unknown = [item for item in value if item not in known]
    if unknown:
        raise ValueError(
            f"onbekende {what}-id(s) {unknown}; gekend zijn: {', '.join(known)}"
        )
    return list(value)


class RouteRule(BaseModel):
    themes: Union[Literal["any"], List[str]]
    regions: Union[Literal["any"], List[str]]
    communities: Optional[List[str]] = None
    authority: str
    also: Optional[str] = None
    reason: str
    source: str

    class Config:
        extra = Extra.forbid

    @validator("themes", pre=True)
    def _themes(cls, value):
        return _id_list(value, THEME_IDS, "thema")

    @validator("regions", pre=True)
    def _regions(cls, value):
        return _id_list(value, REGION_IDS, "regio")

    @validator("communities", pre=True)
    def _communities(cls, value):
        if value is None:
            return None
        return _id_list(value, COMMUNITY_IDS, "taalgemeenschap")

    @validator("also")
    def _also(cls, value, values):
        if value is not None and value == values.get("authority"):
            raise ValueError("'also' is dezelfde instantie als 'authority'")
        return value

    _reason = validator("reason", allow_reuse=True)(_non_empty_line)

    @validator("source")
    def _source(cls, value):
        return _check_url(value)

    def matches(self, theme: Optional[str], region: Optional[str], community: Optional[str]) -> bool:
        if self.themes != ANY and theme not in self.themes:
            return False
        if self.regions != ANY and region not in self.regions:
            return False
        if self.communities is not None and community not in self.communities:
            return False
        return True


# ------------------------------------------------------------------------------ decision


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
    community: Optional[str] = None
    authority: Optional[AuthorityCard] = None
    also: Optional[AuthorityCard] = None
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


# ------------------------------------------------------------------------------ the table


def _canonical(text: Optional[str], known: Tuple[str, ...], normalise) -> Optional[str]:
    if text is None or not str(text).strip():
        return None
    if text in known:
        return text
    return normalise(str(text))


def _canonical_community(text: Optional[str]) -> Optional[str]:
    if text is None or not str(text).strip():
        return None
    if text in COMMUNITY_IDS:
        return text
    return _COMMUNITY_OF_REGION.get(vocabulary.normalize_region(str(text)))


class RoutingTable(BaseModel):
    rules: List[RouteRule]
    authorities: Dict[str, AuthorityCard]

    def card(self, authority_id: str) -> AuthorityCard:
        """The contact card for an id, or for a name visitors use ("ESF Vlaanderen")."""
        if authority_id in self.authorities:
            return self.authorities[authority_id]
        canonical = vocabulary.normalize_authority(authority_id)
        if canonical in self.authorities:
            return self.authorities[canonical]
        raise KeyError(
            f"geen contactkaart voor '{authority_id}'; gekend: {', '.join(self.authorities)}"
        )

    def resolve(
        self,
        theme: Optional[str] = None,
        region: Optional[str] = None,
        community: Optional[str] = None,
    ) -> RouteDecision:
        theme_id = _canonical(theme, THEME_IDS, vocabulary.normalize_theme)
        region_id = _canonical(region, REGION_IDS, resolve_region)
        community_id = _canonical_community(community)
        unrecognised = {
            name: str(raw)
            for name, raw, canonical in (
                ("theme", theme, theme_id),
                ("region", region, region_id),
                ("community", community, community_id),
            )
            if raw is not None and str(raw).strip() and canonical is None
        }
        common = dict(theme=theme_id, region=region_id, community=community_id, unrecognised=unrecognised)

        for number, rule in enumerate(self.rules, start=1):
            if rule.matches(theme_id, region_id, community_id):
                return RouteDecision(
                    status="routed",
                    authority=self.authorities[rule.authority],
                    also=self.authorities[rule.also] if rule.also else None,
                    reason=rule.reason,
                    source=rule.source,
                    rule_number=number,
                    **common,
                )
        if theme_id is None:
            return RouteDecision(status="needs_theme", **common)
        if region_id is None:
            return RouteDecision(status="needs_region", **common)
        raise RoutingConfigError(
            f"routes.yml heeft geen regel voor thema '{theme_id}' in regio '{region_id}'"
            + (f" (taalgemeenschap '{community_id}')" if community_id else "")
        )

    def check_complete(self) -> None:
        """Every theme x region (x community) gives one authority; no rule is dead weight."""
        used: Set[int] = set()
        problems: List[str] = []
        for theme in (*THEME_IDS, None):
            for region in (*REGION_IDS, None):
                for community in (None, *COMMUNITY_IDS):
                    try:
                        decision = self.resolve(theme, region, community)
                    except RoutingConfigError as error:
                        problems.append(str(error))
                        if community is None:
                            break  # the community variants fail too: report the gap once
                        continue
                    if decision.rule_number:
                        used.add(decision.rule_number)
                    elif theme is not None and region is not None:
                        problems.append(f"thema '{theme}' in regio '{region}' krijgt geen instantie")
        for number in range(1, len(self.rules) + 1):
            if number not in used:
                problems.append(
                    f"regel {number} wordt nooit gebruikt: een regel erboven vangt al zijn gevallen op"
                )
        if problems:
            raise RoutingConfigError("onvolledig:\n- " + "\n- ".join(sorted(set(problems))))


# ------------------------------------------------------------------------------- loading


def _read_yaml_list(path: Path, what: str) -> list:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RoutingConfigError(f"{path}: kan {what} niet lezen ({error.strerror or error})") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RoutingConfigError(f"{path}: geen geldige YAML: {error}") from error
    if not isinstance(data, list) or not data:
        raise RoutingConfigError(f"{path}: verwacht een lijst van {what} (elk item begint met '- ')")
    return data


# pydantic's most common messages, in the language of the staff who edit the files
_PYDANTIC_MESSAGES = {
    "field required": "dit veld ontbreekt",
    "extra fields not permitted": "onbekend veld (tikfout in de naam?)",
    "none is not an allowed value": "mag niet leeg zijn",
}


def _format_validation_error(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"] if part != "__root__")
        message = _PYDANTIC_MESSAGES.get(item["msg"], item["msg"])
        parts.append(f"{field}: {message}" if field else message)
    return "; ".join(parts)


def _parse_items(items: list, model, path: Path, label) -> list:
    parsed, problems = [], []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(f"item {number}: verwacht velden (sleutel: waarde), kreeg {item!r}")
            continue
        try:
            parsed.append(model.parse_obj(item))
        except ValidationError as error:
            problems.append(f"{label(number, item)}: {_format_validation_error(error)}")
    if problems:
        raise RoutingConfigError(f"{path}:\n- " + "\n- ".join(problems))
    return parsed


def load_routing(
    routes_path: Optional[Union[str, Path]] = None,
    authorities_path: Optional[Union[str, Path]] = None,
    check_complete: bool = True,
) -> RoutingTable:
    """Read and check routing/routes.yml and routing/authorities.yml (or the given files).

    Raises RoutingConfigError with every problem found, naming the file and the item.
    """
    routes_path = Path(routes_path) if routes_path else DEFAULT_ROUTES_PATH
    authorities_path = Path(authorities_path) if authorities_path else DEFAULT_AUTHORITIES_PATH

    cards = _parse_items(
        _read_yaml_list(authorities_path, "contactkaarten"), AuthorityCard, authorities_path,
        lambda n, item: f"kaart {n} ({item.get('id', 'zonder id')})",
    )
    authorities: Dict[str, AuthorityCard] = {}
    duplicates = []
    for card in cards:
        if card.id in authorities:
            duplicates.append(card.id)
        authorities[card.id] = card
    if duplicates:
        raise RoutingConfigError(f"{authorities_path}: dubbele id(s): {', '.join(duplicates)}")

    rules = _parse_items(
        _read_yaml_list(routes_path, "regels"), RouteRule, routes_path,
        lambda n, item: f"regel {n} (authority: {item.get('authority', '?')})",
    )
    problems = []
    for number, rule in enumerate(rules, start=1):
        for field in ("authority", "also"):
            authority_id = getattr(rule, field)
            if authority_id is not None and authority_id not in authorities:
                problems.append(
                    f"regel {number}: {field} '{authority_id}' staat niet in {authorities_path.name}"
                    f" (gekend: {', '.join(authorities)})"
                )
    if problems:
        raise RoutingConfigError(f"{routes_path}:\n- " + "\n- ".join(problems))

    table = RoutingTable(rules=rules, authorities=authorities)
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
