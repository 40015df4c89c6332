"""The words visitors use for themes, regions, authorities and audiences (routing/catalogue.yml),
mapped to the canonical ids the calls list and the routing table use.

One vocabulary for the whole action server, so the calls lookup and the routing agree
on what "gemeente", "Namen" or "ESF Vlaanderen" mean. Exact (accent- and case-folded)
matches first; rapidfuzz catches small typos ("integartie", "walonie").
"""

from __future__ import annotations

import unicodedata
from typing import Dict, Iterable, Optional

from rapidfuzz import fuzz, process

from amif.catalogue import catalogue

# canonical id -> words and phrases visitors type, from routing/catalogue.yml (the id itself
# counts too). Places (municipalities, provinces, postal codes) are not here: actions/places.py.
_CATALOGUE = catalogue()
THEMES: Dict[str, Iterable[str]] = {t.id: t.words for t in _CATALOGUE.themes.values()}
REGIONS: Dict[str, Iterable[str]] = {r.id: r.words for r in _CATALOGUE.regions.values()}
AUTHORITIES: Dict[str, Iterable[str]] = {
    a.id: [*a.words, *map(str.lower, a.all_names), a.short_name.lower()] for a in _CATALOGUE.authorities.values()
}
AUDIENCES: Dict[str, Iterable[str]] = {a.id: a.words for a in _CATALOGUE.audiences.values()}


def fold(text: str) -> str:
    """Lower case, accents removed, whitespace collapsed: 'Wallonië ' -> 'wallonie'."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(without_accents.lower().replace("_", " ").split())


def _index(vocabulary: Dict[str, Iterable[str]]) -> Dict[str, str]:
    index = {}
    for canonical, words in vocabulary.items():
        index[fold(canonical)] = canonical
        for word in words:
            index[fold(word)] = canonical
    return index


_THEME_INDEX = _index(THEMES)
_REGION_INDEX = _index(REGIONS)
_AUTHORITY_INDEX = _index(AUTHORITIES)
_AUDIENCE_INDEX = _index(AUDIENCES)

# Below this similarity a word is not taken as a typo of a known one; short words
# ("ec", "pod") only match exactly because one typo changes them completely.
_FUZZY_CUTOFF = 85
_MIN_FUZZY_LENGTH = 5


def _lookup(text: Optional[str], index: Dict[str, str], fuzzy: bool = True) -> Optional[str]:
    if not text:
        return None
    key = fold(str(text))
    if key in index:
        return index[key]
    if not fuzzy or len(key) < _MIN_FUZZY_LENGTH:
        return None
    match = process.extractOne(key, index.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    return index[match[0]] if match else None


def normalize_theme(text: Optional[str]) -> Optional[str]:
    return _lookup(text, _THEME_INDEX)


def normalize_region(text: Optional[str], fuzzy: bool = True) -> Optional[str]:
    return _lookup(text, _REGION_INDEX, fuzzy)


def normalize_authority(text: Optional[str]) -> Optional[str]:
    return _lookup(text, _AUTHORITY_INDEX)


def normalize_audience(text: Optional[str]) -> Optional[str]:
    return _lookup(text, _AUDIENCE_INDEX)


def themes_in(text: Optional[str]) -> list:
    """The themes a text speaks of, in order: theme words as words ("werk", "taal") and, for
    longer ones, inside Dutch compounds ("inburgeringsproject", "opvangplaatsen")."""
    if not text:
        return []
    words = fold(text).replace("-", " ").split()
    found = []
    for position in range(len(words)):
        for length in (3, 2, 1):
            phrase = " ".join(words[position : position + length])
            theme = _THEME_INDEX.get(phrase.strip(".,;:!?()'\""))
            if theme is None and length == 1:
                bare = phrase.strip(".,;:!?()'\"")
                theme = next(
                    (
                        t
                        for w, t in _THEME_INDEX.items()
                        if len(w) >= 6 and " " not in w and (bare.startswith(w) or bare.endswith(w))
                    ),
                    None,
                )
            if theme and theme not in found:
                found.append(theme)
                break
    return found
