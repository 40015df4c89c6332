"""Bad input, table-driven, over REST and socket.io of the running bot: every input gets a
well-formed answer or a 4xx — never a 500, a hang (30 s) or a crash — and the bot answers
normally afterwards."""

from __future__ import annotations

import asyncio
import json
import os
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

RASA_PORT = int(os.environ.get("E2E_RASA_PORT", "5105"))
TIMEOUT_S = 30

# (id, message text) sent as {"sender": <new id>, "message": text}
TEXTS = [
    ("empty", ""),
    ("only-spaces", "     "),
    ("only-newlines-tabs", "\n\n\t\t\n"),
    ("50kB", "subsidie " * 5700),
    ("one-long-word", "a" * 50_000),
    ("emoji-only", "😀🎉🇧🇪👍"),
    ("html", "<b>Welke</b> <i>oproepen</i>?"),
    ("script", "<script>alert('x')</script>"),
    ("img-onerror", '<img src=x onerror="alert(1)">'),
    ("sql-drop", "'; DROP TABLE events; --"),
    ("sql-or", '" OR 1=1 --'),
    ("control-chars", "hallo\x00\x01\x02\x1b[31m\x7f"),
    ("nul-only", "\x00"),
    ("rtl-arabic", "مرحبا، أريد معلومات عن الصندوق"),
    ("rtl-override", "\u202eoproepen\u202c open?"),
    ("hebrew", "שלום"),
    ("chinese", "你好，我想了解资金"),
    ("russian", "Здравствуйте, какие есть гранты?"),
    ("english", "Hello, which calls are open?"),
    ("german", "Welche Aufrufe sind offen?"),
    ("french", "Quels appels sont ouverts ?"),
    ("slash-intent", "/faq"),
    ("fake-intent-entities", '/inform{"regio": "Vlaanderen"}'),
    ("unknown-intent", "/does_not_exist"),
    ("format-string", "%s %d {0} {message} ${HOME}"),
    ("path-traversal", "../../../../etc/passwd"),
    ("zero-width", "\u200b\u200b\u200b"),
    ("surrogate-like-emoji-mix", "oproep 😀 579 ☃ budget?"),
    ("json-in-text", '{"sender": "x", "message": "y"}'),
    ("only-punctuation", "?!?!...,,,"),
    ("numbers", "1234567890" * 10),
]

# (id, raw body, content type)
RAW_BODIES = [
    ("invalid-json", b'{"sender": "x", "message": ', "application/json"),
    ("not-json", b"hallo", "text/plain"),
    ("empty-body", b"", "application/json"),
    ("json-array", b'["hallo"]', "application/json"),
    ("json-string", b'"hallo"', "application/json"),
    ("json-null", b"null", "application/json"),
    ("missing-sender", json.dumps({"message": "hallo"}).encode(), "application/json"),
    ("empty-sender", json.dumps({"sender": "", "message": "hallo"}).encode(), "application/json"),
    ("sender-number", json.dumps({"sender": 42, "message": "hallo"}).encode(), "application/json"),
    ("sender-object", json.dumps({"sender": {"a": 1}, "message": "hallo"}).encode(), "application/json"),
    ("huge-sender", json.dumps({"sender": "s" * 10_000, "message": "hallo"}).encode(), "application/json"),
    ("missing-message", json.dumps({"sender": "bad-missing-msg"}).encode(), "application/json"),
    ("message-number", json.dumps({"sender": "bad-num", "message": 5}).encode(), "application/json"),
    ("message-list", json.dumps({"sender": "bad-list", "message": ["a"]}).encode(), "application/json"),
    (
        "metadata-string",
        json.dumps({"sender": "bad-meta", "message": "hi", "metadata": "x"}).encode(),
        "application/json",
    ),
    ("invalid-utf8", b'{"sender": "bad-utf8", "message": "\xff\xfe"}', "application/json"),
    ("1MB-body", json.dumps({"sender": "bad-1mb", "message": "x" * 1_000_000}).encode(), "application/json"),
]


def post(body: bytes, content_type: str = "application/json"):
    """(status, parsed JSON or None); never raises on an HTTP status."""
    request = urllib.request.Request(
        f"http://localhost:{RASA_PORT}/webhooks/rest/webhook", body, {"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, None


def assert_well_formed(status, answer):
    assert status == 200, status
    assert isinstance(answer, list)
    for message in answer:
        assert isinstance(message, dict) and isinstance(message.get("recipient_id"), str)


def assert_still_answers(bot):
    assert "Agence FSE" in bot.text(bot.new_sender(), "Wie beheert het Waalse luik?")


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=[i for i, _ in TEXTS])
def test_rest_text(bot, text):
    status, answer = post(
        json.dumps({"sender": bot.new_sender(), "message": text}).encode()
    )  # times out after TIMEOUT_S
    assert_well_formed(status, answer)
    assert_still_answers(bot)


@pytest.mark.parametrize("body, content_type", [(b, c) for _, b, c in RAW_BODIES], ids=[i for i, _, _ in RAW_BODIES])
def test_rest_bad_body_is_refused_with_4xx(bot, body, content_type):
    status, _ = post(body, content_type)
    assert 400 <= status < 500, status
    assert_still_answers(bot)


def test_rest_same_message_20_times_fast(bot):
    visitor = bot.new_sender()
    body = json.dumps({"sender": visitor, "message": "Welke oproepen zijn er nu open?"}).encode()
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda _: post(body), range(20)))
    for status, answer in results:
        assert_well_formed(status, answer)
    assert sum(1 for _, answer in results if answer) >= 1
    assert_still_answers(bot)


# -- socket.io ----------------------------------------------------------------------------

SOCKET_TEXTS = [
    t
    for i, t in TEXTS
    if i
    in {"empty", "only-spaces", "50kB", "emoji-only", "script", "sql-drop", "control-chars", "rtl-arabic", "chinese"}
]


async def socketio_round(messages, timeout=TIMEOUT_S):
    """Sends each message (or raw payload) in one session; returns, per message, the bot
    messages received within 3 s of the last reply (or the timeout), and whether the
    connection stayed up."""
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    received: list = []
    confirmed = asyncio.Event()
    session_id = f"bad-{time.monotonic_ns()}"

    @client.on("bot_uttered")
    async def on_bot(data):
        received.append(data)

    @client.on("session_confirm")
    async def on_confirm(data):
        confirmed.set()

    # HTTP long-polling: python-engineio's websocket client needs a newer aiohttp than Rasa pins.
    await client.connect(f"http://localhost:{RASA_PORT}", socketio_path="/socket.io", transports=["polling"])
    try:
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(confirmed.wait(), 10)
        for payload in messages:
            if isinstance(payload, dict) and payload.get("session_id") == "SESSION":
                payload = dict(payload, session_id=session_id)
            await client.emit("user_uttered", payload)
        # then a normal question: its answer proves the session still works
        before = len(received)
        await client.emit("user_uttered", {"message": "Wie beheert het Waalse luik?", "session_id": session_id})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any("Agence FSE" in (m.get("text") or "") for m in received[before:]):
                return True, client.connected
            await asyncio.sleep(0.2)
        return False, client.connected
    finally:
        # A polling client's disconnect waits for its pending long-poll (~25 s): don't wait.
        try:
            await asyncio.wait_for(client.disconnect(), 1)
        except asyncio.TimeoutError:
            pass


@pytest.mark.parametrize("text", SOCKET_TEXTS)
def test_socketio_text_then_normal_answer(bot, text):
    answered, connected = asyncio.run(socketio_round([{"message": text, "session_id": "SESSION"}]))
    assert answered and connected


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "just a string",
        42,
        ["a"],
        {"no_message": 1},
        {"message": None, "session_id": "SESSION"},
        {"message": 5, "session_id": "SESSION"},
        {"message": {"a": 1}, "session_id": "SESSION"},
        {"message": "hallo"},  # no session_id
        {"message": "hallo", "session_id": "s" * 10_000},
        {"message": "hallo", "session_id": "SESSION", "metadata": "x"},
    ],
    ids=[
        "none",
        "string",
        "number",
        "list",
        "no-message",
        "message-null",
        "message-number",
        "message-object",
        "no-session-id",
        "huge-session-id",
        "metadata-string",
    ],
)
def test_socketio_malformed_payload_then_normal_answer(bot, payload):
    answered, connected = asyncio.run(socketio_round([payload]))
    assert answered and connected
    assert_still_answers(bot)
