"""Everything the project changes in the Rasa server, installed in one place.

Rasa imports the project's channels at start-up (credentials.yml); each channel module calls
``install()`` before the model is loaded, so the changes are in place for the first visitor.
Each ``install`` below is idempotent.
"""

from channels import action_fallback, action_response_check, fast_start, log_privacy


def install() -> None:
    action_fallback.install()  # Dutch answer within seconds when the action server fails
    log_privacy.install()  # no visitor e-mail addresses or phone numbers in the logs
    fast_start.install()  # models loaded for answering only; spaCy loaded once
    action_response_check.install()  # action responses checked without rebuilding the schema
