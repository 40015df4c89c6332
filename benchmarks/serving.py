"""Speed and memory of the running bot: start-up time of `make run`, REST turn latency and
bare NLU (/model/parse) latency at several concurrencies, peak memory of both servers."""

from __future__ import annotations

import asyncio
import statistics
from pathlib import Path
from typing import Any, Dict, List, Optional

from benchmarks.processes import ROOT, RunningBot
from harness import loadgen

TOKEN = "bench-only-token"
PORTS = {"RASA_PORT": 5805, "ACTION_PORT": 5855, "DEMO_PORT": 8880}
CONCURRENCIES = (1, 10, 20)
REPEATS = 2
TURNS = 10


def startup(work: Path, runs: int = 3) -> dict:
    """Seconds from `make run` (model trained, set-up done) until the first answer."""
    seconds: List[float] = []
    for run in range(runs):
        bot = RunningBot(["make", "--no-print-directory", "run"], PORTS, work / f"startup-{run}")
        try:
            seconds.append(bot.wait_for_first_answer())
        finally:
            bot.stop()
    return {"runs_s": [round(s, 1) for s in seconds], "median_s": round(statistics.median(seconds), 1)}


def _median(results: List[loadgen.LoadResult], attribute: str) -> Optional[float]:
    values = [getattr(result, attribute) for result in results]
    values = [value for value in values if value is not None]
    return statistics.median(values) if values else None


def _ms(seconds: Optional[float]) -> Optional[float]:
    return None if seconds is None else round(seconds * 1000, 1)


def _summarise(results: List[loadgen.LoadResult]) -> Dict[str, Any]:
    return {
        "p50_ms": _ms(_median(results, "p50")),
        "p95_ms": _ms(_median(results, "p95")),
        "throughput_per_s": round(_median(results, "throughput"), 1),
        "requests": sum(r.sent for r in results),
        "failed": sum(r.sent - r.ok + r.skipped for r in results),
        "problems": [problem for r in results for problem in r.problems][:5],
    }


async def _latency_runs(base_url: str) -> dict:
    rows = []
    messages = loadgen.all_messages()
    for concurrency in CONCURRENCIES:
        visitors = max(10, 2 * concurrency)
        turns, parses = [], []
        for repeat in range(REPEATS):
            turns.append(
                await loadgen.run_rest(base_url, visitors, TURNS, concurrency, prefix=f"bench-c{concurrency}-r{repeat}")
            )
            parses.append(await loadgen.run_parse(base_url, (messages * 4)[: visitors * TURNS], concurrency, TOKEN))
        row = {"concurrency": concurrency, "turn": _summarise(turns), "parse": _summarise(parses)}
        if row["turn"]["p95_ms"] and row["parse"]["p95_ms"]:
            row["p95_ratio_turn_to_parse"] = round(row["turn"]["p95_ms"] / row["parse"]["p95_ms"], 2)
        rows.append(row)
    return {"rows": rows, "repeats": REPEATS, "turns_per_visitor": TURNS}


def latency_and_memory(work: Path) -> dict:
    # The load scripts expect the answers for the demo calls list on a pinned date (as the e2e tests).
    bot = RunningBot(
        ["scripts/run.sh"],
        PORTS,
        work / "latency",
        {
            "RASA_AUTH_TOKEN": TOKEN,
            "AMIF_TODAY": "2026-03-01",
            "AMIF_CALLS_FILE": str(ROOT / "tests/python/demo_calls.yml"),
        },
    )
    try:
        bot.wait_for_first_answer()
        after_start = bot.peak_memory_mb()
        latency = asyncio.run(_latency_runs(f"http://localhost:{PORTS['RASA_PORT']}"))
        peak = bot.peak_memory_mb()
    finally:
        bot.stop()
    return {"latency": latency, "memory_mb": {"after_start": after_start, "peak_after_load": peak}}
