"""Graceful failure when the action server is down or slow.

Why: Rasa 3.6.21 calls a custom action in ``RemoteAction.run`` (rasa/core/actions/action.py)
with ``timeout=DEFAULT_REQUEST_TIMEOUT`` = 300 s, and when the call fails the processor
only logs the exception: the visitor waits up to five minutes and then gets no answer at
all (the most reported Rasa failure: RasaHQ/rasa#2559, #3885, #6425). Rasa has no setting
for this timeout and no hook for "the action server failed", so ``RemoteAction.run`` is
wrapped once, by rasa_extensions.install(), for the project's own answer actions only
(the ``action_`` actions of domain.yml; a form's ``validate_`` action keeps Rasa's errors):

* the whole call gets ``AMIF_ACTION_TIMEOUT_S`` seconds (default 2), so a hung or slow
  action server cannot hold the visitor (or the conversation lock) for minutes; time the
  busy Rasa server itself makes the reply wait does not count (``wait_excluding_loop_lag``);
* if the call fails (connection refused, timeout, 5xx, invalid answer) the visitor gets a
  clear Dutch message instead of silence, a response of domain.yml: for the calls actions
  ``utter_technical_problem_calls`` (the calls cannot be looked up right now, with the
  website link), for the others ``utter_technical_problem``. It is an ordinary ``BotUttered``
  event, so it is sent on every channel and stored in the conversation;
* nothing is cached or switched off: the next turn calls the action server again, so the
  bot recovers by itself as soon as the action server is back.

``ActionExecutionRejection`` (an action that declines to run, e.g. in a form) is Rasa's
normal control flow and is passed on unchanged.

What removes it: a Rasa release with a configurable action timeout and a failure hook
(Rasa Pro has neither for 3.x open source); then this module goes and endpoints.yml sets it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, List, Optional

from pydantic import ValidationError
from rasa.core.actions import action as rasa_action
from rasa.shared.core.events import Event

from amif.settings import settings

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 2.0

CALLS_ACTIONS = {
    "action_list_open_calls",
    "action_list_upcoming_calls",
    "action_show_more_calls",
    "action_call_detail",
}

CALLS_UNAVAILABLE = "utter_technical_problem_calls"
GENERAL_UNAVAILABLE = "utter_technical_problem"


def action_timeout_s() -> float:
    """Seconds a custom action may take (``AMIF_ACTION_TIMEOUT_S``, default 2)."""
    try:
        return settings().amif_action_timeout_s
    except ValidationError:
        logger.warning(f"AMIF_ACTION_TIMEOUT_S is not a positive number; using {DEFAULT_TIMEOUT_S}")
        return DEFAULT_TIMEOUT_S


def is_answer_action(name: str) -> bool:
    """The project's answer actions get the timeout and the Dutch fallback; other remote
    actions (a form's validate_ action) keep Rasa's own behaviour."""
    return name.startswith("action_")


# Rasa answers turns one after the other on one event loop: when it is busy with other
# conversations (on 2 cores: beyond ~15 turns/s), a healthy action server's reply waits in
# that queue, and a plain 2-s timeout answered visitors "technisch probleem" under load
# (measured: 27 % of turns at 20 conversations without pauses). Time the loop itself is late
# is Rasa's queue, not the action server's, so it does not count — up to this many times the
# timeout in all, so a hung action server is still answered for.
MAX_WAIT_FACTOR = 4
_TICK_S = 0.1  # how often the wait looks at how late the loop is


async def wait_excluding_loop_lag(awaitable: Any, timeout: float, max_total: Optional[float] = None) -> Any:
    """Like ``asyncio.wait_for``, but time the event loop was busy elsewhere is added to the
    deadline: the wait wakes up every _TICK_S and adds how late each wake-up came (at most
    ``max_total`` seconds in all). Raises ``asyncio.TimeoutError``."""
    loop = asyncio.get_running_loop()
    max_total = timeout * MAX_WAIT_FACTOR if max_total is None else max_total
    task = asyncio.ensure_future(awaitable)
    started = loop.time()
    busy = 0.0
    while True:
        now = loop.time()
        deadline = min(started + timeout + busy, started + max_total)
        if now >= deadline:
            task.cancel()
            raise asyncio.TimeoutError
        planned = now + min(_TICK_S, deadline - now)
        await asyncio.wait({task}, timeout=planned - now)
        if task.done():
            return task.result()
        busy += max(loop.time() - planned, 0.0)


def fallback_response(action_name: str) -> str:
    return CALLS_UNAVAILABLE if action_name in CALLS_ACTIONS else GENERAL_UNAVAILABLE


async def fallback_events(action_name: str, nlg: Any, tracker: Any, output_channel: Any) -> List[Event]:
    """The Dutch message for a failed action, worded in domain.yml."""
    message = await nlg.generate(fallback_response(action_name), tracker, output_channel.name())
    return [rasa_action.create_bot_utterance(message)] if message else []


def install() -> None:
    """Wrap ``RemoteAction.run`` (idempotent)."""
    remote = rasa_action.RemoteAction
    if getattr(remote.run, "_amif_fallback", False):
        return
    original_run = remote.run

    async def run_with_fallback(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        if not is_answer_action(self.name()):
            return await original_run(self, output_channel, nlg, tracker, domain)
        timeout = action_timeout_s()
        try:
            return await wait_excluding_loop_lag(original_run(self, output_channel, nlg, tracker, domain), timeout)
        except rasa_action.ActionExecutionRejection:
            raise
        except asyncio.TimeoutError:
            logger.error(
                f"Custom action '{self.name()}' took longer than {timeout} s "
                f"(AMIF_ACTION_TIMEOUT_S); answering with the fallback message."
            )
        except Exception as error:  # connection refused, 5xx, invalid response, ...
            logger.error(
                f"Custom action '{self.name()}' failed ({error}); "
                f"answering with the fallback message. Is the action server running?"
            )
        return await fallback_events(self.name(), nlg, tracker, output_channel)

    run_with_fallback._amif_fallback = True  # type: ignore[attr-defined]
    remote.run = run_with_fallback  # type: ignore[assignment]
    logger.info(
        f"Custom actions: {action_timeout_s()} s timeout, Dutch fallback message on failure "
        "(rasa_extensions/action_timeout.py)."
    )
