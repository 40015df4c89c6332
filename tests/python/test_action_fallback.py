"""rasa_extensions/action_timeout.py: a failing or slow action server gives a Dutch message
(worded in domain.yml) at the timeout, not after Rasa's 5 minutes."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiohttp import web
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from harness.bot_process import free_port
from rasa_extensions import action_timeout as action_fallback

DOMAIN = Domain.load("domain.yml")
CALLS_TEXT = DOMAIN.responses[action_fallback.CALLS_UNAVAILABLE][0]["text"]
GENERAL_TEXT = DOMAIN.responses[action_fallback.GENERAL_UNAVAILABLE][0]["text"]


async def run_action(name: str, url: str):
    action_fallback.install()
    domain = Domain.empty()
    action = RemoteAction(name, EndpointConfig(url))
    tracker = DialogueStateTracker("unit", domain.slots)
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    return await action.run(CollectingOutputChannel(), nlg, tracker, domain)


def test_install_is_idempotent():
    action_fallback.install()
    run = RemoteAction.run
    action_fallback.install()
    assert RemoteAction.run is run


def test_unreachable_action_server_gives_the_calls_message():
    events = asyncio.run(run_action("action_list_open_calls", f"http://127.0.0.1:{free_port()}/webhook"))
    assert len(events) == 1 and isinstance(events[0], BotUttered)
    assert events[0].text == CALLS_TEXT
    assert "europawse.be" in events[0].text and "technisch probleem" in events[0].text


def test_other_actions_get_the_general_message():
    events = asyncio.run(run_action("action_route_project", f"http://127.0.0.1:{free_port()}/webhook"))
    assert events[0].text == GENERAL_TEXT


def test_a_form_validation_action_keeps_rasas_own_error():
    with pytest.raises(Exception) as error:
        asyncio.run(run_action("validate_question_form", f"http://127.0.0.1:{free_port()}/webhook"))
    assert not isinstance(error.value, AssertionError)


def test_slow_action_server_is_cut_off_at_the_timeout(monkeypatch):
    monkeypatch.setenv("AMIF_ACTION_TIMEOUT_S", "0.5")

    answered = asyncio.Event()  # set only if the slow action server ever got to answer

    async def scenario():
        async def slow(request):
            await asyncio.sleep(10)
            answered.set()
            return web.json_response({"events": [], "responses": []})

        app = web.Application()
        app.router.add_post("/webhook", slow)
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            events = await run_action("action_call_detail", f"http://127.0.0.1:{port}/webhook")
            # cut off before the action server answered, whatever the machine's speed
            return events, answered.is_set()
        finally:
            await runner.shutdown()

    events, server_had_answered = asyncio.run(scenario())
    assert not server_had_answered
    assert events[0].text == CALLS_TEXT


def test_working_action_server_answers_normally():
    async def scenario():
        async def ok(request):
            return web.json_response({"events": [], "responses": [{"text": "Echte lijst"}]})

        app = web.Application()
        app.router.add_post("/webhook", ok)
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            return await run_action("action_list_open_calls", f"http://127.0.0.1:{port}/webhook")
        finally:
            await runner.cleanup()

    events = asyncio.run(scenario())
    assert [e.text for e in events if isinstance(e, BotUttered)] == ["Echte lijst"]


@pytest.mark.parametrize("raw, expected", [("", 2.0), ("1.5", 1.5), ("abc", 2.0), ("-1", 2.0)])
def test_timeout_setting(monkeypatch, raw, expected):
    monkeypatch.setenv("AMIF_ACTION_TIMEOUT_S", raw)
    assert action_fallback.action_timeout_s() == expected


# -- a busy Rasa server is not a slow action server ---------------------------------------


async def _action_reply() -> str:
    await asyncio.sleep(0.05)  # the action server answers quickly ...
    for _ in range(3):  # ... then reading, parsing and uttering the reply: each step queues
        await asyncio.sleep(0)
    return "answered"


async def _other_conversation() -> None:
    for _ in range(6):
        await asyncio.sleep(0)
        time.sleep(0.04)  # what another conversation's NLU and dialogue do to the event loop


async def _with_ten_other_conversations(wait) -> str:
    others = [asyncio.ensure_future(_other_conversation()) for _ in range(10)]
    try:
        return await wait(_action_reply(), 0.5)
    except asyncio.TimeoutError:
        return "timeout"
    finally:
        await asyncio.gather(*others)


def test_loop_busy_with_other_conversations_does_not_count_against_the_action():
    # A plain timeout gives up in this scenario, though the action server answered in 50 ms.
    assert (
        asyncio.run(_with_ten_other_conversations(lambda action, timeout: asyncio.wait_for(action, timeout)))
        == "timeout"
    )
    assert asyncio.run(_with_ten_other_conversations(action_fallback.wait_excluding_loop_lag)) == "answered"


def test_hung_action_on_an_idle_loop_times_out_at_the_timeout():
    async def scenario():
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(asyncio.TimeoutError):
            await action_fallback.wait_excluding_loop_lag(asyncio.sleep(30), timeout=0.3)
        return loop.time() - started

    assert asyncio.run(scenario()) < 30  # cut off long before the hung action (30 s) would end


def test_hung_action_on_a_busy_loop_still_times_out_within_the_cap():
    async def scenario():
        async def keep_busy():
            for _ in range(40):
                await asyncio.sleep(0)
                time.sleep(0.1)

        busy = asyncio.ensure_future(keep_busy())
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(asyncio.TimeoutError):
            await action_fallback.wait_excluding_loop_lag(asyncio.sleep(30), timeout=0.3, max_total=1.2)
        waited = loop.time() - started
        busy.cancel()
        return waited

    assert asyncio.run(scenario()) < 30  # the cap ended the wait, not the hung action (30 s)
