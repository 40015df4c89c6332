"""A conversation survives a restart of the Rasa server, on a bot of its own (scripts/run.sh
on other ports, its own SQLite conversation database; marker ``restart``, run by
`make test-persistence`, not by `make test-e2e`: it starts the bot twice). A wrong database
URL stops the start with a message naming AMIF_DB_URL."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from harness.bot_process import ROOT, BotProcess

# This bot also opens Rasa's HTTP API, with a token (RASA_AUTH_TOKEN), to test that path.
API_TOKEN = "e2e-secret-token"


@pytest.fixture(scope="module")
def own_bot(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "conversations.db"
    bot = BotProcess(
        rasa_port=5405,
        action_port=5455,
        demo_port=8480,
        db_url=f"sqlite:///{db}",
        log_name="e2e-persistence-run.log",
        extra_env={"RASA_AUTH_TOKEN": API_TOKEN},
    )
    bot.start()
    try:
        yield bot
    finally:
        bot.stop()


@pytest.mark.restart
def test_conversation_survives_a_restart(own_bot):
    visitor = own_bot.new_sender()
    assert "Agence FSE" in own_bot.text(visitor, "Wie beheert het Waalse luik?")
    start = time.monotonic()
    own_bot.restart()
    print(f"restart took {time.monotonic() - start:.0f} s")
    assert "fse.be" in own_bot.text(visitor, "En wat is hun website?")


def test_wrong_database_url_is_named_at_start(tmp_path):
    env = dict(os.environ, AMIF_DB_URL="postgresql://amif:x@127.0.0.1:1/amif")
    result = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "scripts/check_db.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "AMIF_DB_URL" in result.stderr and "x@" not in result.stderr  # no password in the message
    env["AMIF_DB_URL"] = "nonsense"
    result = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "scripts/check_db.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "AMIF_DB_URL" in result.stderr


@pytest.mark.restart
def test_http_api_opened_by_rasa_auth_token_needs_the_token(own_bot):
    visitor = own_bot.new_sender()
    own_bot.text(visitor, "Wie beheert het Waalse luik?")
    url = f"http://localhost:{own_bot.rasa_port}/conversations/{visitor}/tracker"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=30)
    assert refused.value.code == 401
    with pytest.raises(urllib.error.HTTPError) as wrong:
        urllib.request.urlopen(f"{url}?token=wrong", timeout=30)
    assert wrong.value.code == 401
    with urllib.request.urlopen(f"{url}?token={API_TOKEN}", timeout=30) as response:
        tracker = json.load(response)
    assert tracker["sender_id"] == visitor
