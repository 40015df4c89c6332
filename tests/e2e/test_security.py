"""Security of the default run (scripts/run.sh): Rasa's HTTP API is not reachable without a
token, and what visitors type as e-mail address or phone number does not reach the logs."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RASA_PORT = int(os.environ.get("E2E_RASA_PORT", "5105"))


def status_of(method: str, path: str, body: bytes | None = None) -> int:
    request = urllib.request.Request(
        f"http://localhost:{RASA_PORT}{path}", body, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/conversations/{id}/tracker"),
        ("GET", "/conversations/{id}/story"),
        ("POST", "/conversations/{id}/messages"),
        ("POST", "/conversations/{id}/trigger_intent"),
        ("GET", "/status"),
        ("PUT", "/model"),
        ("POST", "/model/parse"),
    ],
)
def test_http_api_is_refused_without_token(bot, method, path):
    visitor = bot.new_sender()
    bot.text(visitor, "Wie beheert het Waalse luik?")  # the conversation exists
    body = b'{"text": "hallo", "name": "greet"}' if method != "GET" else None
    status = status_of(method, path.format(id=visitor), body)
    assert 400 <= status < 500, f"{method} {path}: {status}"


def test_visitor_email_and_phone_do_not_reach_the_logs(bot):
    token = uuid.uuid4().hex[:10]
    email, phone = f"jan.{token}@voorbeeld.be", "0470 98 76 54"
    visitor = bot.new_sender()
    bot.text(visitor, f"Mijn e-mail is {email} en mijn nummer {phone}, bel me terug")
    bot.text(visitor, f"{email}")
    time.sleep(1)  # let the servers flush their logs
    logs = list((ROOT / "runtime/logs").glob("*.log")) + [ROOT / "runtime/e2e-run.log"]
    for log in logs:
        if log.is_file():
            text = log.read_text(errors="replace")
            assert email not in text and token not in text, log
            assert phone not in text, log
