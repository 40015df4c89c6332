"""Belgian places in a visitor's words -> the region whose AMIF strand applies.

"We zijn een stad in Oost-Vlaanderen", "onze vzw zit in Schaerbeek", "postcode 4000",
"Eupen": every municipality of 2025 (Dutch and French names), its postal codes, the ten
provinces and Brussels' 19 communes resolve to vlaanderen / wallonie / brussel, and the nine
municipalities of the German-speaking Community to duitstalig.

The data is routing/places.json, generated from Statbel's lists by scripts/update_places.py
(see the credit in that file). Names that are also ordinary Dutch words ("Geel", "Boom",
"Halen") count only with a hint: a preceding "in", "uit", "gemeente", ..., a capital letter
inside the sentence, or a message that is nothing but the name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from actions.vocabulary import fold, normalize_region

PLACES_PATH = Path(__file__).resolve().parent.parent / "routing" / "places.json"

# Words right before a place name that make it a place ("in Geel", "gemeente Boom").
_HINTS = {
    "in",
    "uit",
    "te",
    "van",
    "bij",
    "rond",
    "nabij",
    "omgeving",
    "regio",
    "gemeente",
    "stad",
    "provincie",
    "deelgemeente",
    "ocmw",
    "a",
    "province",
    "commune",
    "ville",
}
# "de provincie Limburg" is the Flemish province, "de gemeente Limburg" the Walloon town.
_MUNICIPALITY_HINTS = {"gemeente", "stad", "commune", "ville"}
# A postal code only counts with a hint, when its own municipality follows it ("9000 Gent"),
# or when it cannot be a year: "2020" is Antwerp's code, but also a year.
_POSTAL_HINTS = {"postcode", "postnummer", "post", "zip", "postal", "code"}
_YEARS = range(1900, 2101)
_NOT_A_PLACE_AFTER = {"euro", "eur", "€", "procent", "%", "deelnemers", "mensen", "personen", "dagen"}
_MAX_WORDS = 5  # longest name: "Sint-Lambrechts-Woluwe" = 3 words, "Beveren-Kruibeke-Zwijndrecht" = 3


@dataclass(frozen=True)
class Place:
    name: str  # as in the data ("Sint-Jans-Molenbeek")
    kind: str  # "municipality", "province" or "postal_code"
    region: str  # vlaanderen | wallonie | brussel | duitstalig


def _key(text: str) -> str:
    """'Sint-Jans-Molenbeek' -> 'sint jans molenbeek'; 'Braine-l’Alleud' -> 'braine l alleud'."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


class PlaceIndex:
    def __init__(self, data: dict) -> None:
        self.names: Dict[str, Tuple[Place, ...]] = {}
        for province in data["provinces"]:
            for name in province["names"]:
                self._add(name, Place(name, "province", province["region"]))
        by_id: Dict[str, dict] = {}
        for municipality in data["municipalities"]:
            by_id[municipality["id"]] = municipality
            for name in municipality["names"]:
                self._add(name, Place(name, "municipality", municipality["region"]))
        for word, municipality_id in data["short_names"].items():
            municipality = by_id[municipality_id]
            self._add(word, Place(municipality["names"][0], "municipality", municipality["region"]))
        self.postal_codes: Dict[str, Tuple[Place, ...]] = {
            code: tuple(Place(by_id[i]["names"][0], "postal_code", by_id[i]["region"]) for i in ids)
            for code, ids in data["postal_codes"].items()
        }
        self._postal_names = {
            code: {_key(n) for i in ids for n in by_id[i]["names"]} for code, ids in data["postal_codes"].items()
        }
        self.ordinary = {_key(word) for word in data["ordinary_words"]}

    def _add(self, name: str, place: Place) -> None:
        key = _key(name)
        if place not in self.names.get(key, ()):
            self.names[key] = self.names.get(key, ()) + (place,)

    def find(self, text: str) -> List[Place]:
        """Every place named in the text, longest names first, without overlaps."""
        words = _key(text).split()
        capitalised = _capitalised_words(text)
        found: List[Place] = []
        i = 0
        while i < len(words):
            match = self._name_at(words, i, capitalised)
            if match:
                length, places = match
                found.extend(places)
                i += length
                continue
            code = self._postal_code_at(words, i)
            if code:
                found.extend(self.postal_codes[code])
            i += 1
        return found

    def _name_at(self, words: List[str], i: int, capitalised: set) -> Optional[Tuple[int, Tuple[Place, ...]]]:
        for length in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            key = " ".join(words[i : i + length])
            places = self.names.get(key)
            if not places:
                continue
            if key in self.ordinary and not self._hinted(words, i, length, capitalised):
                return None
            return length, self._one_kind(places, words[i - 1] if i else "")
        return None

    @staticmethod
    def _one_kind(places: Tuple[Place, ...], before: str) -> Tuple[Place, ...]:
        """A province and a municipality with one name (Limburg, Luxemburg, Namen): the
        province, unless the visitor said "gemeente" or "stad" right before it."""
        kinds = {place.kind for place in places}
        if len(kinds) == 1:
            return places
        wanted = "municipality" if before in _MUNICIPALITY_HINTS else "province"
        return tuple(place for place in places if place.kind == wanted)

    @staticmethod
    def _hinted(words: List[str], i: int, length: int, capitalised: set) -> bool:
        alone = len(words) - length <= 1 and (i == 0 or words[0] in _HINTS)
        # "province de Luxembourg", "commune de Lens": a hint two words before, with "de" between
        after_hint = (i > 0 and words[i - 1] in _HINTS) or (
            i > 1 and words[i - 1] in {"de", "du", "d"} and words[i - 2] in _HINTS
        )
        return alone or after_hint or (i > 0 and i in capitalised)

    def _postal_code_at(self, words: List[str], i: int) -> Optional[str]:
        code = words[i]
        if len(code) != 4 or code not in self.postal_codes:
            return None
        after = words[i + 1] if i + 1 < len(words) else ""
        if after in _NOT_A_PLACE_AFTER:
            return None
        if _POSTAL_HINTS & set(words[max(0, i - 3) : i]):  # "postcode 4000", "onze postcode is 4000"
            return code
        if any(" ".join(words[i + 1 : i + 1 + n]) in self._postal_names[code] for n in (1, 2, 3)):
            return code
        return None if int(code) in _YEARS else code


def _capitalised_words(text: str) -> set:
    """Positions (in _key's word list) of words the visitor wrote with a capital letter."""
    positions, index = set(), 0
    for raw in re.findall(r"[^\W_]+", text):
        parts = _key(raw).split()
        if raw[:1].isupper():
            positions.add(index)
        index += len(parts) or 0
    return positions


@lru_cache(maxsize=1)
def default_index() -> PlaceIndex:
    return PlaceIndex(json.loads(PLACES_PATH.read_text(encoding="utf-8")))


def regions_in(text: Optional[str]) -> List[str]:
    """The distinct regions of the places named in the text, in order of appearance."""
    if not text:
        return []
    regions: List[str] = []
    for place in default_index().find(text):
        if place.region not in regions:
            regions.append(place.region)
    return regions


def region_of(text: Optional[str]) -> Optional[str]:
    """The one region the places in the text belong to; None when none or several."""
    regions = regions_in(text)
    return regions[0] if len(regions) == 1 else None


def resolve_region(text: Optional[str]) -> Optional[str]:
    """A region id for what a visitor wrote as the region: a region word ("Vlaanderen",
    "franstalig Brussel"), else a place in it ("Oost-Vlaanderen", "Schaerbeek", "9000"), else
    a region word with a typo ("Walonie")."""
    return normalize_region(text, fuzzy=False) or region_of(text) or normalize_region(text)
