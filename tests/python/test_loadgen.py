"""The load generator's counting (benchmarks/loadgen.py), without the bot: percentiles, the
classification of one reply, the socket.io reply collector, the scripts, and whole runs
over REST and socket.io against a small fake bot in this process that loses, duplicates,
swaps and breaks replies on purpose."""

from __future__ import annotations

import asyncio
import re
from typing import Dict, List, Optional, Tuple

import numpy
import pytest
import socketio
from aiohttp import web

from harness import loadgen
from harness.loadgen import CROSSED, DUPLICATED, ERROR, FALLBACK, LOST, OK, Script, Turn

# -- percentiles ---------------------------------------------------------------------------


def test_percentile_known_values():
    values = list(range(1, 101))
    assert loadgen.percentile(values, 50) == pytest.approx(50.5)
    assert loadgen.percentile(values, 95) == pytest.approx(95.05)
    assert loadgen.percentile(values, 100) == 100
    assert loadgen.percentile(values, 0) == 1
    assert loadgen.percentile([7.0], 95) == 7.0
    assert loadgen.percentile([], 50) is None


def test_percentile_matches_numpy_on_unsorted_input():
    values = [0.31, 0.05, 2.4, 0.12, 0.12, 0.9, 0.33, 1.7, 0.08]
    for q in (50, 90, 95, 99):
        assert loadgen.percentile(values, q) == pytest.approx(numpy.percentile(values, q))


def test_result_numbers():
    result = loadgen.LoadResult("rest", 2, 2, 2)
    for index, (outcome, latency) in enumerate([(OK, 0.1), (OK, 0.3), (CROSSED, 0.2), (LOST, None)]):
        result.records.append(loadgen.TurnRecord("v", "s", index, "m", outcome, latency, 0.0))
    result.wall_time = 2.0
    assert (result.ok, result.crossed, result.lost, result.answered) == (2, 1, 1, 3)
    assert result.p50 == pytest.approx(0.2) and result.max == pytest.approx(0.3)
    assert result.throughput == pytest.approx(1.5)
    assert not result.passed
    assert "lost 1" in result.summary() and "crossed 1" in result.summary()
    assert result.to_dict()["latencies_s"] == [0.1, 0.3, 0.2]


# -- one reply -----------------------------------------------------------------------------

TURN = Turn("Wie beheert het Waalse luik?", r"beheerd door het Agence FSE", messages=2)


def test_classify_ok_lost_crossed_duplicated():
    mine = ["Het wordt beheerd door het Agence FSE.", "Meer op fse.be"]
    assert loadgen.classify(TURN, mine, 2)[0] == OK
    assert loadgen.classify(TURN, [], 2)[0] == LOST
    assert loadgen.classify(TURN, mine[:1], 2)[0] == LOST  # a message missing
    assert loadgen.classify(TURN, ["De website van Europa WSE", "x"], 2)[0] == CROSSED
    assert loadgen.classify(TURN, mine + ["Meer op fse.be"], 2)[0] == DUPLICATED
    assert loadgen.classify(TURN, [None, None], 2)[0] == CROSSED  # no text at all


def test_classify_rest_reply_for_another_recipient_is_crossed():
    mine = ["Het wordt beheerd door het Agence FSE.", "Meer op fse.be"]
    outcome, detail = loadgen.classify(TURN, mine, 2, recipients=["me", "someone-else"], sender="me")
    assert outcome == CROSSED and "someone-else" in detail
    assert loadgen.classify(TURN, mine, 2, recipients=["me", "me"], sender="me")[0] == OK


def test_classify_tells_the_action_server_fallback_apart():
    fallback = ["Sorry, ik kan dat nu niet opzoeken door een technisch probleem. Probeer het later."]
    outcome, detail = loadgen.classify(TURN, fallback, 2)
    assert outcome == FALLBACK and "AMIF_ACTION_TIMEOUT_S" in detail
    result = loadgen.LoadResult("rest", 1, 1, 1)
    result.records.append(loadgen.TurnRecord("v", "s", 0, "m", outcome, 2.1, 0.0, detail))
    assert (result.fallbacks, result.crossed, result.answered, result.passed) == (1, 0, 1, False)


# -- socket.io: turns out of a stream of bot messages --------------------------------------


def test_reply_collector_splits_turns_and_keeps_late_messages():
    async def scenario():
        collector = loadgen.ReplyCollector()
        collector.begin(2)
        collector.add({"text": "one"}, 1.0)
        await asyncio.sleep(0)
        assert collector.completed_at is None
        collector.add({"text": "two"}, 2.0)
        await collector.wait(1)
        assert collector.completed_at == 2.0 and loadgen.texts_of(collector.messages) == ["one", "two"]
        collector.add({"text": "two"}, 2.5)  # after the turn: extra
        record = loadgen.TurnRecord("v", "s", 0, "m", OK, 1.0, 2.0)
        loadgen.count_late(record, collector.take_late())
        assert record.outcome == DUPLICATED and collector.take_late() == []
        collector.begin(1)  # nothing comes: lost after the timeout
        await collector.wait(0.05)
        assert collector.completed_at is None and collector.messages == []
        collector.add({"text": "late"}, 9.0)  # ... and what comes later is late
        assert collector.take_late() == [{"text": "late"}]

    asyncio.run(scenario())


def test_count_late_does_not_hide_a_worse_outcome():
    record = loadgen.TurnRecord("v", "s", 0, "m", CROSSED, 1.0, 2.0, "expected ...")
    loadgen.count_late(record, [{"text": "x"}])
    assert record.outcome == CROSSED
    loadgen.count_late(None, [{"text": "x"}])  # before the first turn: nothing to do


# -- the scripts ---------------------------------------------------------------------------


def test_scripts_have_ten_turns_and_valid_checks():
    assert len(loadgen.SCRIPTS) >= 5 and loadgen.MAX_TURNS == 10
    for script in loadgen.SCRIPTS:
        assert len(script.turns) == 10, script.name
        for turn in script.turns:
            re.compile(turn.expect)
            assert turn.messages >= 1 and turn.expected("socketio") >= 1
    assert len({script.name for script in loadgen.SCRIPTS}) == len(loadgen.SCRIPTS)


def test_scripts_expect_different_answers_at_every_turn():
    """A reply that lands in a conversation at the same turn of another script is caught."""
    for index in range(loadgen.MAX_TURNS):
        checks = [script.turns[index].expect for script in loadgen.SCRIPTS]
        assert len(set(checks)) == len(checks), f"turn {index + 1}: {checks}"


def test_visitors_rotate_over_the_scripts_with_unique_ids():
    visitors = loadgen.make_visitors("lt-x", 13)
    assert len({v.id for v in visitors}) == 13 and all(len(v.id) <= 64 for v in visitors)
    assert [v.script.name for v in visitors[: len(loadgen.SCRIPTS)]] == [s.name for s in loadgen.SCRIPTS]
    assert visitors[len(loadgen.SCRIPTS)].script is loadgen.SCRIPTS[0]
    assert len(loadgen.all_messages(5)) == 5 * len(loadgen.SCRIPTS)
    with pytest.raises(ValueError):
        asyncio.run(loadgen.run_rest("http://127.0.0.1:9", 1, 11, 1))


# -- whole runs against a fake bot ---------------------------------------------------------

FAKE_SCRIPTS = tuple(
    Script(
        name,
        (
            Turn(f"{name}1", rf"\Aanswer {name}1\Z"),
            Turn(f"{name}2", rf"\Aanswer {name}2\n\nmore {name}2\Z", messages=2),
            Turn(f"{name}3", rf"\Aanswer {name}3\Z"),
        ),
    )
    for name in ("a", "b", "c")
)
ANSWERS: Dict[str, List[str]] = {
    turn.message: [f"answer {turn.message}"] + ([f"more {turn.message}"] if turn.messages == 2 else [])
    for script in FAKE_SCRIPTS
    for turn in script.turns
}

# (visitor number, turn index) -> what goes wrong. Visitor i follows FAKE_SCRIPTS[i % 3].
FAULTS = {(0, 1): "drop", (1, 1): "double", (2, 1): "swap", (3, 1): "swap", (4, 2): "break", (5, 2): "fallback"}
SWAP = {2: 3, 3: 2}
# per visitor: outcomes of its three turns (None = skipped: a visitor stops after a turn
# that is lost, crossed, a fallback or an error, and goes on after a duplicated one)
EXPECTED = {
    0: [OK, LOST, None],
    1: [OK, DUPLICATED, OK],
    2: [OK, CROSSED, None],
    3: [OK, CROSSED, None],
    4: [OK, OK, ERROR],
    5: [OK, OK, FALLBACK],
}


class FakeBot:
    """REST webhook and socket.io channel that answer FAKE_SCRIPTS, with FAULTS."""

    def __init__(self, faults: Dict[Tuple[int, int], str]) -> None:
        self.faults = faults
        self.turn_of: Dict[str, int] = {}
        self.sio = socketio.AsyncServer(async_mode="aiohttp")
        self.app = web.Application()
        self.app.router.add_post("/webhooks/rest/webhook", self.rest)
        self.sio.attach(self.app, socketio_path="socket.io")
        self.sio.on("session_request", self.session_request)
        self.sio.on("user_uttered", self.user_uttered)
        self.runner: Optional[web.AppRunner] = None

    async def __aenter__(self) -> str:
        self.runner = web.AppRunner(self.app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        host, port = self.runner.addresses[0][:2]
        return f"http://{host}:{port}"

    async def __aexit__(self, *exc) -> None:
        assert self.runner is not None
        await self.runner.cleanup()

    def answer(self, sender: str, message: str) -> Tuple[str, List[str]]:
        visitor = int(sender.rsplit("-", 1)[1])
        turn = self.turn_of.get(sender, 0)
        self.turn_of[sender] = turn + 1
        fault = self.faults.get((visitor, turn), "")
        texts = list(ANSWERS[message])
        if fault == "swap":  # the other visitor's answer at this turn
            texts = list(ANSWERS[FAKE_SCRIPTS[SWAP[visitor] % 3].turns[turn].message])
        elif fault == "double":
            texts = texts + texts[-1:]
        elif fault == "drop":
            texts = []
        elif fault == "fallback":  # channels/action_fallback.py's message
            texts = ["Sorry, ik kan dat nu niet opzoeken door een technisch probleem."]
        return fault, texts

    async def rest(self, request: web.Request) -> web.Response:
        body = await request.json()
        fault, texts = self.answer(body["sender"], body["message"])
        if fault == "break":
            return web.Response(status=500, text="boom")
        return web.json_response([{"recipient_id": body["sender"], "text": t} for t in texts])

    async def session_request(self, sid: str, data: dict) -> None:
        await self.sio.enter_room(sid, data["session_id"])
        await self.sio.emit("session_confirm", data["session_id"], room=sid)

    async def user_uttered(self, sid: str, data: dict) -> None:
        fault, texts = self.answer(data["session_id"], data["message"])
        if fault == "break":
            await self.sio.disconnect(sid)
            return
        for text in texts:
            await self.sio.emit("bot_uttered", {"text": text}, room=data["session_id"])


def outcomes_by_visitor(result: loadgen.LoadResult) -> Dict[int, List[Optional[str]]]:
    found: Dict[int, List[Optional[str]]] = {i: [None, None, None] for i in range(6)}
    for record in result.records:
        found[int(record.visitor.rsplit("-", 1)[1])][record.index] = record.outcome
    return found


def check_counts(result: loadgen.LoadResult) -> None:
    assert outcomes_by_visitor(result) == EXPECTED, result.problems
    assert (
        result.ok,
        result.lost,
        result.duplicated,
        result.crossed,
        result.fallbacks,
        result.errors,
        result.skipped,
    ) == (9, 1, 1, 2, 1, 1, 3)
    assert result.sent == 15 and not result.passed
    assert len(result.latencies) == 9 + 1 + 2 + 1  # answered: ok, duplicated, crossed, fallback
    assert sum(count for count, _ in result.problem_groups()) == 6
    assert result.wall_time > 0 and result.throughput > 0


def test_rest_run_counts_lost_duplicated_crossed_and_errors():
    async def scenario():
        async with FakeBot(FAULTS) as url:
            return await loadgen.run_rest(url, 6, 3, 3, scripts=FAKE_SCRIPTS, timeout=2)

    check_counts(asyncio.run(scenario()))


def test_socketio_run_counts_lost_duplicated_crossed_and_errors():
    async def scenario():
        async with FakeBot(FAULTS) as url:
            return await loadgen.run_socketio(url, 6, 3, 6, scripts=FAKE_SCRIPTS, timeout=1, grace=0.3)

    result = asyncio.run(scenario())
    check_counts(result)
    assert "disconnected" in " ".join(result.problems)


def test_clean_runs_pass():
    async def scenario():
        async with FakeBot(faults={}) as url:
            return (
                await loadgen.run_rest(url, 4, 3, 2, scripts=FAKE_SCRIPTS, timeout=2),
                await loadgen.run_socketio(url, 4, 3, 2, scripts=FAKE_SCRIPTS, timeout=2, grace=0.1),
            )

    for result in asyncio.run(scenario()):
        assert result.passed and result.ok == 12 and result.skipped == 0, result.problems


def test_an_answers_source_line_is_not_a_message_of_its_own():
    source = {"source": {"text": "Bron: [europawse.be](https://www.europawse.be)", "urls": []}}
    assert loadgen.is_source_line({"recipient_id": "me", "custom": {"data": source}})  # REST
    assert loadgen.is_source_line(dict(source, room="r"))  # socket.io: the payload's data
    assert not loadgen.is_source_line({"recipient_id": "me", "text": "Wat is AMIF?"})
    assert not loadgen.is_source_line({"recipient_id": "me", "custom": {"kaart": 1}})
    collector = loadgen.ReplyCollector()
    collector.begin(1)
    collector.add({"text": "AMIF is het Asiel-, Migratie- en Integratiefonds."})
    collector.add(dict(source, room="r"))
    assert len(collector.messages) == 1 and collector.take_late() == []
