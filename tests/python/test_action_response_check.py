"""The action server's answers are checked as strictly as Rasa does, with the validator
built once (rasa_extensions/action_response_check.py)."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from rasa_extensions import action_response_check

GOOD = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "route_theme", "value": "integratie", "timestamp": None}],
        "responses": [{"text": "Hallo", "buttons": []}],
    },
    {},
]
BAD = [
    {"events": [{"event": "does_not_exist"}]},
    {"events": "not a list"},
    {"responses": "not a list"},
    {"responses": ["not an object"]},
    "not an object",
]


@pytest.fixture(scope="module", autouse=True)
def installed():
    action_response_check.install()


@pytest.mark.parametrize("response", GOOD)
def test_valid_responses_pass_like_in_rasa(response):
    jsonschema.validate(response, RemoteAction.action_response_format_spec())  # Rasa's own check
    assert RemoteAction("action_x", None)._validate_action_result(response) is True


@pytest.mark.parametrize("response", BAD)
def test_invalid_responses_fail_like_in_rasa(response):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(response, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_x", None)._validate_action_result(response)


def test_validator_is_built_once():
    action_response_check._validator.cache_clear()
    for response in GOOD * 3:
        RemoteAction("action_x", None)._validate_action_result(response)
    info = action_response_check._validator.cache_info()
    assert (info.misses, info.hits) == (1, len(GOOD) * 3 - 1)
