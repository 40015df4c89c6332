"""Starts the whole bot (scripts/run.sh: action server + Rasa, REST) once for the e2e tests,
on spare ports, with the demo calls list, a pinned date and a conversation database of its
own (see tests/python/bot_process.py)."""

from __future__ import annotations

import os

import pytest

from harness.bot_process import BotProcess

RASA_PORT = int(os.environ.get("E2E_RASA_PORT", "5105"))
ACTION_PORT = int(os.environ.get("E2E_ACTION_PORT", "5155"))
DEMO_PORT = int(os.environ.get("E2E_DEMO_PORT", "8180"))  # keeps 8080 free for `make run`


@pytest.fixture(scope="session")
def bot(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "conversations.db"
    process = BotProcess(RASA_PORT, ACTION_PORT, DEMO_PORT, f"sqlite:///{db}", "e2e-run.log")
    try:
        process.start()
    except RuntimeError as error:
        process.stop()
        pytest.fail(str(error))
    try:
        yield process
    finally:
        process.stop()
