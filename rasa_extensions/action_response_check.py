"""Check the action server's answer with a JSON-schema validator built once, not per call.

Rasa 3.6.21 checks every custom action's response in ``RemoteAction._validate_action_result``
with ``jsonschema.validate(result, schema)``, which first validates the *schema itself*
against the JSON-schema meta-schema and builds a new validator — on every call. py-spy on
a server under load: 26 % of all its CPU went there. The schema never changes, so we build
its validator once; a response is accepted or refused exactly as before (same schema, same
ValidationError with Rasa's explanation appended).

This replaces the private method ``RemoteAction._validate_action_result``; rasa_extensions
checks the Rasa version first, because a private method may change in any release. What
removes it: a Rasa release that caches the validator itself.
"""

from __future__ import annotations

import functools
from typing import Any, Dict

_installed = False


@functools.lru_cache(maxsize=1)
def _validator():
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)  # once, as jsonschema.validate would
    return validator_class(schema)


def validate_action_result(self, result: Dict[str, Any]) -> bool:
    from jsonschema import ValidationError
    from rasa.shared.constants import DOCS_BASE_URL

    try:
        _validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error


def install() -> None:
    global _installed
    if _installed:
        return
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = validate_action_result
    _installed = True
