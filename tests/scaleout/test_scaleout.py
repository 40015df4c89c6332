"""The scale-out topology (scripts/scaleout.sh): two Rasa instances share a real PostgreSQL
(conversations) and a real Redis (Rasa's lock store). One conversation whose turns go
alternately to instance A and B stays coherent, is stored once in PostgreSQL, and a burst of
messages over both instances is handled one message at a time through the lock in Redis.

Started once for the module on its own ports and folder (`make test-scaleout`, 2-3 min).
PostgreSQL and Redis come from Debian's packages; the script installs them when they are
missing. Without them and without root or sudo to install them, the tests are skipped,
unless REQUIRE_SCALEOUT=1 (CI), which makes that a failure.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import subprocess
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from harness.bot_process import port_open, say_over_rest

ROOT = Path(__file__).resolve().parents[2]
# Not the ports of `make scaleout` (5605/5606, 5655, 55432, 56379), so both can run.
RASA_PORTS = (int(os.environ.get("SCALEOUT_TEST_RASA_A", "5615")), int(os.environ.get("SCALEOUT_TEST_RASA_B", "5616")))
ACTION_PORT = int(os.environ.get("SCALEOUT_TEST_ACTION_PORT", "5665"))
PG_PORT = int(os.environ.get("SCALEOUT_TEST_PG_PORT", "55433"))
REDIS_PORT = int(os.environ.get("SCALEOUT_TEST_REDIS_PORT", "56380"))
DB_PASSWORD, REDIS_PASSWORD, REDIS_DB = "amif-test", "amif-test-redis", 1
DB_URL = f"postgresql://amif:{DB_PASSWORD}@127.0.0.1:{PG_PORT}/amif"
LOG = ROOT / "runtime" / "scaleout-test-run.log"
START_TIMEOUT_S = 600  # may include installing PostgreSQL/Redis; Rasa alone takes 1-3 min here
STOP_TIMEOUT_S = 120


def _missing_binaries() -> list:
    missing = [] if glob.glob("/usr/lib/postgresql/*/bin/initdb") else ["postgresql"]
    return missing + ([] if shutil.which("redis-server") else ["redis-server"])


def _can_install() -> bool:
    if not shutil.which("apt-get"):
        return False
    if os.geteuid() == 0:
        return True
    return bool(shutil.which("sudo")) and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0


def _say(port: int, sender: str, message: str, timeout: float = 120) -> list:
    return say_over_rest(port, sender, message, timeout)


def _text(port: int, sender: str, message: str) -> str:
    return "\n".join(m.get("text", "") for m in _say(port, sender, message))


def _new_sender() -> str:
    return f"scaleout-{uuid.uuid4().hex[:8]}"


class Topology:
    def __init__(self, request) -> None:
        self.reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        self.capture = request.config.pluginmanager.get_plugin("capturemanager")
        self.process: subprocess.Popen | None = None
        self.a, self.b = RASA_PORTS

    def report(self, line: str) -> None:
        if self.reporter and self.capture:
            with self.capture.global_and_fixture_disabled():
                self.reporter.write_line(f"[scaleout] {line}")

    def start(self) -> None:
        env = dict(
            os.environ,
            SCALEOUT_DIR=str(ROOT / "runtime/scaleout-test"),
            SCALEOUT_PG_PORT=str(PG_PORT),
            SCALEOUT_REDIS_PORT=str(REDIS_PORT),
            SCALEOUT_ACTION_PORT=str(ACTION_PORT),
            SCALEOUT_RASA_PORTS=" ".join(map(str, RASA_PORTS)),
            SCALEOUT_DB_PASSWORD=DB_PASSWORD,
            SCALEOUT_REDIS_PASSWORD=REDIS_PASSWORD,
            AMIF_TODAY="2026-03-01",
            AMIF_CALLS_FILE=str(ROOT / "tests/python/demo_calls.yml"),
        )
        env.pop("RASA_AUTH_TOKEN", None)
        LOG.parent.mkdir(exist_ok=True)
        start = time.monotonic()
        with open(LOG, "w") as log:
            self.process = subprocess.Popen(
                ["scripts/scaleout.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        while "Scale-out topology ready" not in LOG.read_text(errors="replace"):
            if self.process.poll() is not None:
                pytest.fail(
                    f"scripts/scaleout.sh exited with {self.process.returncode}:\n"
                    + "\n".join(LOG.read_text(errors="replace").splitlines()[-15:])
                )
            if time.monotonic() - start > START_TIMEOUT_S:
                pytest.fail(f"topology not ready after {START_TIMEOUT_S} s; see {LOG}")
            time.sleep(2)
        self.report(f"topology ready after {time.monotonic() - start:.0f} s (log: {LOG})")

    def stop(self) -> float:
        """SIGTERM to the script, as from a service manager; returns the seconds it took."""
        if self.process is None or self.process.poll() is not None:
            return 0.0
        start = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            raise
        return time.monotonic() - start

    # -- the shared stores, read directly --------------------------------------------------
    def user_texts(self, sender: str) -> list:
        return [event["text"] for event in self.events(sender) if event["event"] == "user"]

    def events(self, sender: str) -> list:
        import sqlalchemy as sa

        engine = sa.create_engine(DB_URL)
        try:
            with engine.connect() as connection:
                rows = connection.execute(
                    sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
                ).fetchall()
        finally:
            engine.dispose()
        return [json.loads(data) for (data,) in rows]

    @staticmethod
    def redis():
        import redis

        return redis.Redis(
            host="127.0.0.1",
            port=REDIS_PORT,
            db=REDIS_DB,
            password=REDIS_PASSWORD,
            socket_timeout=10,
            decode_responses=True,
        )


@pytest.fixture(scope="module")
def topology(request):
    missing = _missing_binaries()
    if missing and not _can_install():
        reason = (
            f"scale-out test needs {' and '.join(missing)} (Debian packages) and neither root nor "
            f"passwordless sudo is available to install them"
        )
        if os.environ.get("REQUIRE_SCALEOUT") == "1":
            pytest.fail(reason + " (REQUIRE_SCALEOUT=1)")
        pytest.skip(reason)
    topology = Topology(request)
    try:
        topology.start()
        yield topology
    finally:
        topology.stop()


def _assert_stored_once(topology: Topology, sender: str, messages: list) -> list:
    events = topology.events(sender)
    texts = [event["text"] for event in events if event["event"] == "user"]
    assert sorted(texts) == sorted(messages), f"user turns in PostgreSQL: {texts}"
    serialized = [json.dumps(event, sort_keys=True) for event in events]
    duplicates = {s for s in serialized if serialized.count(s) > 1}
    assert not duplicates, f"events stored twice: {duplicates}"
    return texts


def test_routing_flow_alternating_between_the_instances(topology):
    visitor = _new_sender()
    assert "thema" in _text(topology.a, visitor, "Ik wil een AMIF-project indienen")
    assert "regio" in _text(topology.b, visitor, "Het gaat over integratie van nieuwkomers")
    answer = _text(topology.a, visitor, "In Vlaanderen")
    assert "Europa WSE" in answer and "europawse.be" in answer
    texts = _assert_stored_once(
        topology,
        visitor,
        ["Ik wil een AMIF-project indienen", "Het gaat over integratie van nieuwkomers", "In Vlaanderen"],
    )
    assert texts == ["Ik wil een AMIF-project indienen", "Het gaat over integratie van nieuwkomers", "In Vlaanderen"]


def test_follow_up_question_on_the_other_instance(topology):
    visitor = _new_sender()
    assert "Agence FSE" in _text(topology.b, visitor, "Wie beheert het Waalse luik?")
    assert "fse.be" in _text(topology.a, visitor, "En wat is hun website?")
    assert topology.user_texts(visitor) == ["Wie beheert het Waalse luik?", "En wat is hun website?"]


def _hold_lock(red, visitor: str, seconds: float) -> None:
    """Puts a lock in Redis for the conversation, as Rasa's RedisLockStore writes it, with one
    ticket (number 0) that expires after `seconds`: as if a message were being handled."""
    ticket = {"number": 0, "expires": time.time() + seconds}
    red.set(f"lock:{visitor}", json.dumps({"conversation_id": visitor, "tickets": [json.dumps(ticket)]}))


class _LockWatcher(threading.Thread):
    """Reads the conversation's lock in Redis every 20 ms; keeps the most tickets seen at once."""

    def __init__(self, red, visitor: str) -> None:
        super().__init__(daemon=True)
        self.red, self.key, self.most_tickets, self.done = red, f"lock:{visitor}", 0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            lock = self.red.get(self.key)
            if lock:
                self.most_tickets = max(self.most_tickets, len(json.loads(lock)["tickets"]))
            time.sleep(0.02)

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.most_tickets


@pytest.mark.parametrize("instance", ["a", "b"])
def test_each_instance_waits_for_a_lock_held_in_redis(topology, instance):
    """A lock that this test holds in Redis delays the instance's answer until it expires:
    the instance takes its conversation locks from Redis (an in-memory lock store would not
    see it). Its own ticket is visible in Redis meanwhile, and the lock is gone afterwards."""
    port, visitor, hold_s = getattr(topology, instance), _new_sender(), 4.0
    red = topology.redis()
    _hold_lock(red, visitor, hold_s)
    watcher, start = _LockWatcher(red, visitor), time.monotonic()
    watcher.start()
    try:
        answer = _text(port, visitor, "Wie beheert het Waalse luik?")
    finally:
        most_tickets = watcher.stop()
    elapsed = time.monotonic() - start
    assert "Agence FSE" in answer
    assert most_tickets == 2, "the instance did not queue its ticket behind ours in Redis"
    assert elapsed >= hold_s - 0.5, f"answered after {elapsed:.1f} s, before the lock in Redis expired"
    assert red.get(f"lock:{visitor}") is None, "the lock was not released in Redis"


def test_burst_over_both_instances_is_handled_one_message_at_a_time(topology):
    """Six messages of one conversation arrive, alternately at A and B, while it is busy (a
    lock held in Redis for 4 s): all six queue in Redis, then each is handled and answered
    once, in the order they came, and stored once. They leave 0.2 s apart because Rasa 3.6's
    RedisLockStore hands out tickets with a GET and a SET, not atomically: two messages that
    reach two instances within the same millisecond can both get in (see README, Scale-out)."""
    visitor, red = _new_sender(), topology.redis()
    messages = [
        "hallo",
        "Wie beheert het Waalse luik?",
        "Welke oproepen zijn er nu open?",
        "Hoeveel budget heeft oproep 579?",
        "Ik heb een projectidee",
        "Wat is AMIF?",
    ]

    def send(indexed):
        index, message = indexed
        time.sleep(0.2 * index)
        return _say(topology.b if index % 2 else topology.a, visitor, message)

    _hold_lock(red, visitor, 4.0)
    watcher, start = _LockWatcher(red, visitor), time.monotonic()
    watcher.start()
    try:
        with ThreadPoolExecutor(len(messages)) as pool:
            replies = list(pool.map(send, enumerate(messages)))
    finally:
        most_tickets = watcher.stop()
    topology.report(f"burst of {len(messages)} messages over both instances: {time.monotonic() - start:.1f} s")
    assert all(any(m.get("text") for m in reply) for reply in replies), f"replies: {replies}"
    assert most_tickets == 1 + len(messages), f"at most {most_tickets} tickets in Redis at once"
    assert _assert_stored_once(topology, visitor, messages) == messages
    assert red.get(f"lock:{visitor}") is None


def test_sigterm_stops_the_whole_topology(topology):
    took = topology.stop()
    topology.report(f"stopped by SIGTERM in {took:.0f} s")
    assert topology.process.returncode == 143  # the script's own exit for SIGTERM, after stopping all
    still_open = [port for port in (*RASA_PORTS, ACTION_PORT, PG_PORT, REDIS_PORT) if port_open(port)]
    assert not still_open, f"still listening after SIGTERM: {still_open}"
