"""Everything the project changes in Rasa 3.6, in one place, installed by one entry point.

Every Rasa command of the project goes through ``amif-rasa`` (rasa_extensions/cli.py, used by
scripts/rasa and the Makefile), which calls ``install()`` before Rasa starts; the action server
goes through ``amif-actions`` (rasa_extensions/action_server.py). The project's channels refuse
to start in a Rasa that did not go through it (``require_installed``), so running
``.venv/bin/rasa`` directly fails loudly instead of silently losing these changes.

What is changed, and why (each module's docstring says which Rasa issue and what removes it):
- action_timeout: the project's custom actions get seconds, not 5 minutes, and a Dutch
  answer when the action server is down or slow;
- action_response_check: the action server's response is checked with a validator built
  once (Rasa rebuilt it on every call: 26 % of the server's CPU under load);
- fast_model_load: trained models are loaded for answering only, spaCy once;
- log_privacy: visitors' e-mail addresses and phone numbers are masked in every log line.
Supported extension points need no patch and live where Rasa expects them: the channels
(channels/, registered in credentials.yml) and the NLU components (components/, config.yml).

The changes are written against the versions in TESTED; any other version stops the start
with an error naming the changes and the versions (AMIF_ALLOW_UNTESTED_RASA=1 lets a
developer try an upgrade anyway, with a warning).
"""

from __future__ import annotations

import logging
from importlib import metadata
from typing import Dict

from amif.settings import settings

logger = logging.getLogger(__name__)

# The versions these changes were written and tested against (requirements.txt pins them).
TESTED: Dict[str, str] = {
    "rasa": "3.6.21",
    "rasa-sdk": "3.6.2",
    "python-socketio": "5.18.1",  # channels/socketio_channel.py re-registers its handlers
    "python-engineio": "4.15.1",
}
CHANGES = (
    "action_timeout (RemoteAction.run), action_response_check (RemoteAction._validate_action_result), "
    "fast_model_load (RasaModel.load, SpacyNLP.load_model), channels/socketio_channel.py "
    "(socket.io session handlers)"
)

_installed = False


class UntestedRasaError(RuntimeError):
    """The installed Rasa (or python-socketio) is not the version the changes were tested with."""


def check_versions() -> None:
    found = {name: _version(name) for name in TESTED}
    wrong = {name: version for name, version in found.items() if version != TESTED[name]}
    if not wrong:
        return
    message = (
        "The project's changes to Rasa ("
        + CHANGES
        + ") were written for "
        + ", ".join(f"{n} {v}" for n, v in TESTED.items())
        + "; installed: "
        + ", ".join(f"{n} {v}" for n, v in found.items())
        + ". Run `make setup` to install the pinned versions, or test the changes against "
        "the new versions and update rasa_extensions.TESTED."
    )
    if settings().amif_allow_untested_rasa:
        logger.warning("%s (starting anyway: AMIF_ALLOW_UNTESTED_RASA=1)", message)
        return
    raise UntestedRasaError(message)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def install() -> None:
    """Check the versions and install every change (once per process)."""
    global _installed
    if _installed:
        return
    check_versions()
    from rasa_extensions import action_response_check, action_timeout, fast_model_load, log_privacy

    log_privacy.install()
    action_timeout.install()
    action_response_check.install()
    fast_model_load.install()
    _installed = True


def installed() -> bool:
    return _installed


def require_installed(who: str) -> None:
    """For modules Rasa loads by name (the channels): stop when Rasa was started without the
    project's entry point, because the changes above would silently be missing."""
    if not _installed:
        raise RuntimeError(
            f"{who} needs the project's changes to Rasa: start Rasa with scripts/rasa "
            "(or `amif-rasa`), not .venv/bin/rasa; see rasa_extensions/__init__.py."
        )
