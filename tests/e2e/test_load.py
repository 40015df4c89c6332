"""The short load test of `make test` (the long one is `make loadtest`): 10 simulated
visitors x 5 turns over REST and, at the same time, 10 over socket.io, against the e2e bot.
No reply may be lost, duplicated or crossed into another conversation, and nothing may
fail. Timings are printed (pytest -s), never asserted: they depend on the machine.

This test is about replies reaching the right conversation while many are open, not about
capacity, so the visitors take about a second before each message (THINK_S). For the same
reason the action-server fallback is printed but not asserted: the bot sends it when a
custom action takes longer than AMIF_ACTION_TIMEOUT_S (2 s) inside Rasa, which is a
matter of timing (a busy machine), and it is the conversation's own reply. Twenty
visitors firing back to back saturate one Rasa process on 2 cores; `make loadtest`
measures that, and fails on fallbacks."""

from __future__ import annotations

import asyncio
import os

from harness import loadgen

RASA_PORT = int(os.environ.get("E2E_RASA_PORT", "5105"))
VISITORS, TURNS = 10, 5
THINK_S = 1.0


def test_concurrent_visitors_over_rest_and_socketio_get_their_own_replies(bot):
    url = f"http://localhost:{RASA_PORT}"

    async def both():
        return await asyncio.gather(
            loadgen.run_rest(url, VISITORS, TURNS, VISITORS, think=THINK_S),
            loadgen.run_socketio(url, VISITORS, TURNS, VISITORS, think=THINK_S),
        )

    results = asyncio.run(both())
    for result in results:
        print("\n" + result.summary())
    for result in results:
        problems = "\n".join(result.problems[:10])
        assert (result.lost, result.duplicated, result.crossed, result.errors) == (0, 0, 0, 0), problems
        # every turn was sent, except after a fallback (the visitor stops there)
        assert result.ok + result.fallbacks == result.sent, problems
        assert result.sent + result.skipped == VISITORS * TURNS
        whole = {r.visitor for r in result.records if r.index == TURNS - 1 and r.outcome == loadgen.OK}
        assert whole, problems  # not only fallbacks: conversations did run to their end
