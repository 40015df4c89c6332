"""Reading the YAML files staff edit (calls/calls.yml, routing/catalogue.yml, routing/routes.yml):
one loader, with pydantic's own checks (URLs, e-mail addresses, dates) and messages in Dutch
that name the file, the entry and the field, so a mistake is found without reading code:

    calls/calls.yml: oproep 'vl-2026-taal': deadline: 2026-02-30 is geen geldige datum
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, List, Sequence, Type, TypeVar, Union

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class StaffFileError(ValueError):
    """A staff file is missing, is not valid YAML, or an entry does not match its schema."""


def read_yaml(path: Union[str, Path]) -> Any:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StaffFileError(f"{path}: bestand niet gevonden") from None
    except (OSError, UnicodeDecodeError) as error:
        raise StaffFileError(f"{path}: kan het bestand niet lezen ({error})") from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" op regel {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        raise StaffFileError(f"{path}: geen geldige YAML{where}: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise StaffFileError(f"{path}: geen geldige YAML: {error}") from None


# pydantic's messages (v1), in the language of the staff who edit the files
_MESSAGES = [
    (r"^field required$", "dit veld ontbreekt"),
    (r"^extra fields not permitted$", "onbekend veld (tikfout in de naam?)"),
    (r"^none is not an allowed value$", "mag niet leeg zijn"),
    (r"^invalid or missing URL scheme$", "geen volledige URL (begin met https://)"),
    (r"^URL scheme not permitted$", "geen http- of https-URL"),
    (r"^value is not a valid email address$", "geen geldig e-mailadres"),
    (r"^invalid date format$", "geen datum van de vorm JJJJ-MM-DD"),
    (r"^invalid datetime format$", "geen datum (JJJJ-MM-DD) of datum met uur (JJJJ-MM-DD UU:MM)"),
    (r"^value is not a valid list$", "schrijf een lijst, bv. [a, b]"),
    (r"^value is not a valid integer$", "geen geheel getal"),
    (r"^value is not a valid float$", "geen getal"),
    (r"^str type expected$", "geen tekst"),
    (r"^ensure this value is greater than or equal to (.*)$", r"moet minstens \1 zijn"),
    (r"^unexpected value; permitted: (.*)$", r"onbekende waarde; toegelaten: \1"),
]


def dutch(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def describe(error: ValidationError) -> List[str]:
    """'field: message' for every problem of one entry."""
    parts = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"] if part != "__root__")
        message = dutch(item["msg"])
        parts.append(f"{field}: {message}" if field else message)
    return parts


def parse_entries(
    items: Any, model: Type[M], path: Union[str, Path], label: Callable[[int, Any], str], what: str
) -> List[M]:
    """Every entry of a list as `model`, or a StaffFileError naming each wrong entry and field.
    `label(number, raw entry)` names an entry ("oproep 'vl-2026-taal'"); `what` the kind."""
    if not isinstance(items, list) or not items:
        raise StaffFileError(f"{path}: verwacht een lijst van {what} (elk item begint met '- ')")
    parsed, problems = [], []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(f"{label(number, {})}: verwacht velden (sleutel: waarde), kreeg {item!r}")
            continue
        try:
            parsed.append(model.parse_obj(item))
        except ValidationError as error:
            problems += [f"{label(number, item)}: {part}" for part in describe(error)]
    if problems:
        raise StaffFileError(f"{path}:\n- " + "\n- ".join(problems))
    return parsed


def unique(entries: Sequence[Any], key: Callable[[Any], str], path: Union[str, Path], what: str) -> None:
    seen, doubles = set(), []
    for entry in entries:
        value = key(entry)
        if value in seen:
            doubles.append(value)
        seen.add(value)
    if doubles:
        raise StaffFileError(f"{path}: dubbele {what}: {', '.join(doubles)}")
