"""The catalogue (routing/catalogue.yml): the authorities with their contact cards, the themes,
the regions and the audiences. Everything else derives from it: the words visitors use
(actions/vocabulary.py), the authorities a call may have (actions/calls/schema.py), the names
and labels in the answers, and — with routing/routes.yml — which authorities a region means.
tests/python/test_catalogue.py checks that data/synonyms.yml and data/lookups.yml agree with it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional

from pydantic import BaseModel, EmailStr, Extra, HttpUrl, validator

from amif.staff_files import StaffFileError, parse_entries, read_yaml, unique

CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "routing" / "catalogue.yml"
_ID = re.compile(r"^[a-z0-9]+([-_ ][a-z0-9]+)*$")


def _one_line(value: str) -> str:
    value = " ".join(str(value).split())
    if not value:
        raise ValueError("mag niet leeg zijn")
    return value


class ContactPerson(BaseModel):
    name: str
    role: Optional[str] = None
    email: Optional[EmailStr] = None
    phone: Optional[str] = None
    year: int  # year of the source: the answer says the data may be out of date
    source: str  # where the person is named (a URL or a citation)

    class Config:
        extra = Extra.forbid


class Authority(BaseModel):
    """An authority and its contact card."""

    id: str
    name: str
    short_name: str
    article: str = ""  # "de" when the name takes one in a sentence ("bij de FOD ...")
    words: List[str] = []
    former_names: List[str] = []
    role: str
    website: HttpUrl
    email: Optional[EmailStr] = None
    phone: Optional[str] = None
    contact_person: Optional[ContactPerson] = None
    sources: List[HttpUrl]

    class Config:
        extra = Extra.forbid

    _lines = validator("name", "short_name", "role", allow_reuse=True)(_one_line)

    @validator("id")
    def _id(cls, value):
        if not _ID.match(value):
            raise ValueError(f"id '{value}': gebruik kleine letters, cijfers en koppeltekens")
        return value

    @validator("article")
    def _article(cls, value):
        if value not in ("", "de", "het"):
            raise ValueError("'de', 'het' of leeg")
        return value

    @validator("sources")
    def _sources(cls, value):
        if not value:
            raise ValueError("geef minstens één bron")
        return value

    @property
    def all_names(self) -> List[str]:
        return [self.name, *self.former_names]

    def in_sentence(self, name: Optional[str] = None) -> str:
        """'de FOD Binnenlandse Zaken', 'Europa WSE'."""
        name = name or self.short_name
        return f"{self.article} {name}" if self.article else name


class Theme(BaseModel):
    id: str
    label: str  # "een project rond {label}"
    words: List[str] = []

    class Config:
        extra = Extra.forbid


class Region(BaseModel):
    id: str
    phrase: str  # "Voor een project {phrase}"
    words: List[str] = []

    class Config:
        extra = Extra.forbid


class Audience(BaseModel):
    id: str
    label: str  # "oproepen voor {label}"
    words: List[str] = []

    class Config:
        extra = Extra.forbid


class Catalogue(BaseModel):
    authorities: Dict[str, Authority]
    themes: Dict[str, Theme]
    regions: Dict[str, Region]
    audiences: Dict[str, Audience]

    def authority(self, authority_id: str) -> Authority:
        return self.authorities[authority_id]


def load_catalogue(path: Optional[Path] = None) -> Catalogue:
    """Read and check routing/catalogue.yml; StaffFileError names every wrong entry and field."""
    path = Path(path or CATALOGUE_PATH)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise StaffFileError(f"{path}: verwacht de delen authorities:, themes:, regions: en audiences:")
    sections = {}
    for key, model, what in (
        ("authorities", Authority, "instanties"),
        ("themes", Theme, "thema's"),
        ("regions", Region, "regio's"),
        ("audiences", Audience, "doelgroepen"),
    ):
        entries = parse_entries(
            data.get(key), model, path, lambda n, item, key=key: f"{key} {n} ({item.get('id', 'zonder id')})", what
        )
        unique(entries, lambda entry: entry.id, path, f"{what}-id's")
        sections[key] = {entry.id: entry for entry in entries}
    return Catalogue(**sections)


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The repository's catalogue, read once per process."""
    return load_catalogue()
