"""A whole bot (scripts/run.sh) that a test can start, stop and start again, on its own ports
and with its own conversation database: used by the e2e, persistence and browser tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Dict, Optional

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 300


def say_over_rest(port: int, sender: str, message: str, timeout: float = 30) -> list:
    """One turn over Rasa's REST channel on localhost: the bot's messages."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def free_port() -> int:
    """A localhost port nothing listens on right now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_open(port: int) -> bool:
    """Something listens on this localhost port."""
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class BotProcess:
    def __init__(
        self,
        rasa_port: int,
        action_port: int,
        demo_port: int,
        db_url: str,
        log_name: str,
        extra_env: Optional[Dict[str, str]] = None,
    ) -> None:
        self.rasa_port, self.action_port = rasa_port, action_port
        self.url = f"http://localhost:{rasa_port}/webhooks/rest/webhook"
        self.env = {
            **os.environ,
            "RASA_PORT": str(rasa_port),
            "ACTION_PORT": str(action_port),
            "DEMO_PORT": str(demo_port),
            "AMIF_DB_URL": db_url,
            "AMIF_TODAY": "2026-03-01",
            "AMIF_CALLS_FILE": str(ROOT / "tests/python/demo_calls.yml"),
            **(extra_env or {}),
        }
        (ROOT / "runtime").mkdir(exist_ok=True)
        self.log_path = ROOT / "runtime" / log_name
        self.process: Optional[subprocess.Popen] = None

    # -- talking -------------------------------------------------------------------------
    def say(self, sender: str, message: str, timeout: float = 30) -> list:
        return say_over_rest(self.rasa_port, sender, message, timeout)

    def text(self, sender: str, message: str, timeout: float = 30) -> str:
        """The texts of the bot's reply (an FAQ answer's source line is in `custom`, not here)."""
        return "\n".join(m["text"] for m in self.say(sender, message, timeout) if m.get("text"))

    @staticmethod
    def new_sender() -> str:
        return f"e2e-{uuid.uuid4().hex[:8]}"

    # -- processes -----------------------------------------------------------------------
    def start(self) -> None:
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            ["scripts/run.sh"], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"scripts/run.sh exited with {self.process.returncode}; see {self.log_path}")
            try:
                if self.say("e2e-ready", "hallo", timeout=10):
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"bot not ready in time; see {self.log_path}")
            time.sleep(2)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()

    def action_server_pid(self) -> int:
        return int((ROOT / "runtime/logs" / f"actions-{self.action_port}.pid").read_text())

    def action_server_healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://localhost:{self.action_port}/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False
