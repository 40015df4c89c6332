"""Loading the calls file, and a store that follows edits to it without a restart.

Staff edit calls/calls.yml while the action server runs; a mistake in the file must not
take the lookup down, so the store keeps serving the last list that validated.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import List, Optional, Tuple

from pydantic import ValidationError

from actions.calls.schema import Call, CallsFile, describe_errors
from amif.settings import settings
from amif.staff_files import StaffFileError, read_yaml

logger = logging.getLogger(__name__)

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "calls" / "calls.yml"
ENV_PATH = "AMIF_CALLS_FILE"


class CallsFileError(StaffFileError):
    """The calls file is missing, is not valid YAML, or does not match the schema."""


def default_path() -> Path:
    """AMIF_CALLS_FILE (amif/settings.py), default calls/calls.yml."""
    return settings().calls_file


def load_calls_file(path: str | os.PathLike) -> List[Call]:
    try:
        raw = read_yaml(path)
    except StaffFileError as error:
        raise CallsFileError(str(error)) from None
    if not isinstance(raw, dict) or "calls" not in raw:
        raise CallsFileError(f"{path}: het bestand moet beginnen met 'calls:' en dan een lijst van oproepen")
    try:
        return CallsFile.parse_obj(raw).calls
    except ValidationError as exc:
        problems = describe_errors(exc, raw)
        raise CallsFileError(f"{path}: {len(problems)} probleem/problemen:\n  " + "\n  ".join(problems)) from None


_NEVER_LOADED = object()


class CallsStore:
    """The current calls list; reloads when the file changes, keeps the last good list on errors."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.last_error: Optional[str] = None
        self._calls: List[Call] = []
        self._seen: object = _NEVER_LOADED  # file signature of the last load attempt

    def _signature(self) -> Optional[Tuple[int, int, int]]:
        try:
            st = self.path.stat()
        except OSError:
            return None
        # inode too: editors often save by writing a new file and renaming it over the old one
        return st.st_mtime_ns, st.st_size, st.st_ino

    def calls(self) -> List[Call]:
        signature = self._signature()
        if signature != self._seen:
            self._seen = signature  # try each version of the file once, log each problem once
            try:
                self._calls = load_calls_file(self.path)
                self.last_error = None
                logger.info("Loaded %d calls from %s", len(self._calls), self.path)
            except CallsFileError as exc:
                self.last_error = str(exc)
                logger.error(
                    "Calls file not loaded; still serving the last good list (%d calls). %s", len(self._calls), exc
                )
        return self._calls
