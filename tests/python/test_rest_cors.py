"""The REST channel's browser origin allow-list (channels/rest_channel.py): CORS headers for
the origins in ALLOWED_ORIGINS, 403 for other origins, nothing changed without an Origin.

Each test serves the channel's blueprint from a small Sanic app on a free port, registered
the way Rasa registers its channels (``rasa.core.channels.channel.register``), and, like
``rasa run``, with Rasa's Sanic-CORS set-up (``rasa.server.configure_cors``; no ``--cors``),
or without it, since that extension answers every preflight before the channel does.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import List

import aiohttp
import pytest
import rasa.server
from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic

import rasa_extensions
from channels.rest_channel import ValidatingRestInput
from harness.bot_process import free_port

WEBHOOK = "/webhooks/rest/webhook"
SITE = "https://www.europawse.be"
OTHER = "https://evil.example"
MESSAGE = {"sender": "visitor-1", "message": "hallo"}


class EchoAgent:
    """Stands in for Rasa's agent: records the messages and answers each with its text."""

    def __init__(self) -> None:
        self.messages: List[UserMessage] = []

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        await message.output_channel.send_text_message(message.sender_id, f"echo: {message.text}")


def call(requests, with_rasa_cors: bool = True):
    """Serves the channel and makes the requests ((method, headers, json body) each);
    returns the agent and, per request, (status, headers, body text)."""

    async def scenario():
        app = Sanic(f"rest_cors_{uuid.uuid4().hex}")
        app.config.ACCESS_LOG = False
        if with_rasa_cors:
            rasa.server.configure_cors(app, None)  # what `rasa run` does without --cors
        agent = EchoAgent()
        app.ctx.agent = agent
        register([ValidatingRestInput()], app, "/webhooks/")
        port = free_port()
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
        await server.startup()
        await server.before_start()
        await server.after_start()
        results = []
        try:
            async with aiohttp.ClientSession() as session:
                for method, headers, body in requests:
                    async with session.request(
                        method, f"http://127.0.0.1:{port}{WEBHOOK}", headers=headers, json=body
                    ) as answer:
                        results.append((answer.status, answer.headers, await answer.text()))
        finally:
            await server.before_stop()
            await server.close()
            await server.after_stop()
        return agent, results

    return asyncio.run(scenario())


def preflight(origin: str):
    return (
        "OPTIONS",
        {"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
        None,
    )


def post(origin: str | None = None, body=None):
    return ("POST", {"Origin": origin} if origin else {}, MESSAGE if body is None else body)


@pytest.fixture(autouse=True)
def project_set_up(monkeypatch):
    monkeypatch.setattr(rasa_extensions, "_installed", True)  # the channel requires it
    # Sanic 21.12 rewrites its HTTP methods at each app's start; in test mode it keeps the
    # originals, so several apps can start in one process.
    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setenv("ALLOWED_ORIGINS", f"{SITE}/, http://localhost:8080")


@pytest.fixture(params=[True, False], ids=["rasa-cors", "bare-sanic"])
def with_rasa_cors(request):
    return request.param


def test_allowed_origin_gets_the_preflight_and_the_post(with_rasa_cors):
    agent, [(status, headers, _), (post_status, post_headers, body)] = call(
        [preflight(SITE), post(SITE)], with_rasa_cors
    )
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == SITE
    assert headers["Vary"] == "Origin"
    assert headers["Access-Control-Allow-Methods"] == "POST, OPTIONS"
    assert headers["Access-Control-Allow-Headers"] == "Content-Type, Authorization"
    assert len(headers.getall("Access-Control-Allow-Origin")) == 1

    assert post_status == 200 and "echo: hallo" in body
    assert post_headers["Access-Control-Allow-Origin"] == SITE
    assert post_headers["Vary"] == "Origin"
    assert [m.text for m in agent.messages] == ["hallo"]


def test_other_origin_is_refused_on_the_preflight_and_the_post(with_rasa_cors):
    agent, results = call([preflight(OTHER), post(OTHER)], with_rasa_cors)
    for status, headers, body in results:
        assert status == 403
        assert "origin not allowed" in body
        assert headers["Content-Type"].startswith("application/json")
        assert "Access-Control-Allow-Origin" not in headers
    assert agent.messages == []  # the POST never reached the bot


def test_requests_without_origin_are_not_affected(with_rasa_cors):
    agent, [(status, headers, body)] = call([post()], with_rasa_cors)
    assert status == 200 and "echo: hallo" in body
    assert "Access-Control-Allow-Origin" not in headers
    assert [m.text for m in agent.messages] == ["hallo"]


def test_the_body_checks_still_answer_and_the_allowed_site_can_read_them():
    _, [(status, headers, _), (no_origin_status, _, _)] = call(
        [post(SITE, body=[1, 2]), post(body={"message": "hallo"})]
    )
    assert status == 400 and headers["Access-Control-Allow-Origin"] == SITE
    assert no_origin_status == 400


def test_star_allows_every_origin(monkeypatch, with_rasa_cors):
    monkeypatch.setenv("ALLOWED_ORIGINS", "*")
    agent, [(status, headers, _), (post_status, post_headers, _)] = call(
        [preflight(OTHER), post(OTHER)], with_rasa_cors
    )
    assert status == 204 and headers["Access-Control-Allow-Origin"] == OTHER
    assert headers["Access-Control-Allow-Methods"] == "POST, OPTIONS"
    assert post_status == 200 and post_headers["Access-Control-Allow-Origin"] == OTHER
    assert len(agent.messages) == 1


def test_default_allows_the_demo_site_only(monkeypatch):
    monkeypatch.delenv("ALLOWED_ORIGINS")
    monkeypatch.setenv("DEMO_PORT", "8181")
    _, [(demo, _, _), (other, _, _)] = call([preflight("http://localhost:8181"), preflight(SITE)])
    assert (demo, other) == (204, 403)
