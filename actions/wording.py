"""The bot's wording lives in domain.yml; this module reads the pieces the actions put together.

Whole answers are uttered by name (``dispatcher.utter_message(response="utter_…", …)``) and
Rasa fills their ``{variables}``. Some answers are lists whose lines are themselves worded in
domain.yml as ``utter_part_…`` responses (one line per call, "sinds …"): those pieces are
filled here, with the same ``{name}`` placeholders Rasa uses, and passed as a variable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List

import yaml

DOMAIN_PATH = Path(__file__).resolve().parent.parent / "domain.yml"
_PLACEHOLDER = re.compile(r"{([^\n{}]+?)}")
# Characters that would make visitor text act as markdown in the widget ("[x](javascript:…)").
_MARKDOWN = re.compile(r"[\[\]()*_`<>]")


@lru_cache(maxsize=1)
def _responses() -> Dict[str, List[Dict[str, Any]]]:
    return yaml.safe_load(DOMAIN_PATH.read_text(encoding="utf-8"))["responses"]


def text(name: str, /, **values: Any) -> str:
    """The (first) text of response `name`, its {placeholders} filled from `values`."""
    try:
        template = _responses()[name][0]["text"]
    except (KeyError, IndexError) as error:
        raise KeyError(f"domain.yml has no response '{name}' with a text") from error

    def fill(match: re.Match) -> str:
        key = match.group(1)
        if key not in values:
            raise KeyError(f"response '{name}' needs a value for {{{key}}}")
        return str(values[key])

    return _PLACEHOLDER.sub(fill, template)


def metadata(name: str) -> Dict[str, Any]:
    """The `metadata` of response `name` (an FAQ answer's title, sources, authority)."""
    variations = _responses().get(name) or [{}]
    return variations[0].get("metadata") or {}


@dataclass(frozen=True)
class Utterance:
    """A response of domain.yml and the values for its {variables}: what an action utters."""

    response: str
    values: Dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        return text(self.response, **self.values)


def quoted(visitor_text: str, limit: int = 80) -> str:
    """A visitor's words, shortened and without markdown characters, to echo in an answer."""
    plain = " ".join(_MARKDOWN.sub(" ", visitor_text).split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"
