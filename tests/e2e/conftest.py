"""Starts the whole bot (scripts/run.sh: action server + Rasa, REST) once for the e2e tests,
on spare ports, with the demo calls list and a pinned date."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RASA_PORT = int(os.environ.get("E2E_RASA_PORT", "5105"))
ACTION_PORT = int(os.environ.get("E2E_ACTION_PORT", "5155"))
DEMO_PORT = int(os.environ.get("E2E_DEMO_PORT", "8180"))  # keeps 8080 free for `make run`
START_TIMEOUT_S = 300


class Bot:
    def __init__(self, port: int) -> None:
        self.url = f"http://localhost:{port}/webhooks/rest/webhook"

    def say(self, sender: str, message: str) -> list:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(self.url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def text(self, sender: str, message: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, message))

    @staticmethod
    def new_sender() -> str:
        return f"e2e-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def bot():
    env = dict(os.environ, RASA_PORT=str(RASA_PORT), ACTION_PORT=str(ACTION_PORT), DEMO_PORT=str(DEMO_PORT),
               AMIF_TODAY="2026-03-01", AMIF_CALLS_FILE=str(ROOT / "tests/python/demo_calls.yml"))
    log = open(ROOT / "runtime" / "e2e-run.log", "w") if (ROOT / "runtime").is_dir() else subprocess.DEVNULL
    process = subprocess.Popen(["scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    client = Bot(RASA_PORT)
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"scripts/run.sh exited with {process.returncode}; see runtime/e2e-run.log")
            try:
                if client.say("e2e-ready", "hallo"):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("bot not ready in time; see runtime/e2e-run.log")
            time.sleep(2)
        yield client
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
