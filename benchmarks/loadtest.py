"""`make loadtest`: many simulated visitors at once, over REST and then over socket.io.

    python benchmarks/loadtest.py --visitors 50 --turns 10 [--url http://localhost:5005]

Without --url it starts a bot of its own (scripts/run.sh via tests/python/bot_process.py:
Rasa on 5705, actions on 5755, demo site on 8780, a conversation database in a temporary
directory, the demo calls list and AMIF_TODAY=2026-03-01) and stops it afterwards. A bot
given with --url must run with that calls list and date too, or the answers differ from
the scripts (the check run says so). Other settings come from the environment as for
`make run`, e.g. AMIF_ACTION_TIMEOUT_S.

First one visitor per script, one at a time, over REST (the check run: the bot answers
as the scripts expect, and the model is warm); then VISITORS visitors x TURNS turns over
REST, then over socket.io (loadgen.py). Prints p50/p95/max turn latency, throughput and the
lost/duplicated/crossed/error counts; exits with 1 when any turn was not ok, 2 when the
check run failed or the bot did not start. --json PATH writes every number and latency.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import platform
import resource
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional

from harness import loadgen

ROOT = Path(__file__).resolve().parents[1]

RASA_PORT = int(os.environ.get("LOADTEST_RASA_PORT", "5705"))
ACTION_PORT = int(os.environ.get("LOADTEST_ACTION_PORT", "5755"))
DEMO_PORT = int(os.environ.get("LOADTEST_DEMO_PORT", "8780"))

COLUMNS = (
    "channel",
    "visitors",
    "at once",
    "sent",
    "p50 ms",
    "p95 ms",
    "max ms",
    "turns/s",
    "lost",
    "duplicated",
    "crossed",
    "fallback",
    "errors",
    "skipped",
)


def row(label: str, result: loadgen.LoadResult) -> List[str]:
    def ms(value: Optional[float]) -> str:
        return "-" if value is None else f"{value * 1000:.0f}"

    return [
        label,
        str(result.visitors or "-"),
        str(result.concurrency),
        str(result.sent),
        ms(result.p50),
        ms(result.p95),
        ms(result.max),
        f"{result.throughput:.1f}",
        str(result.lost),
        str(result.duplicated),
        str(result.crossed),
        str(result.fallbacks),
        str(result.errors),
        str(result.skipped),
    ]


def table(rows: List[List[str]]) -> str:
    widths = [max(len(r[i]) for r in [list(COLUMNS)] + rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.rjust(width) if i else cell.ljust(width) for i, (cell, width) in enumerate(zip(r, widths)))
        for r in [list(COLUMNS)] + rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def print_problems(result: loadgen.LoadResult, label: str, examples: int = 5) -> None:
    if result.passed:
        return
    print(
        f"\n{label}: {result.sent - result.ok} turn(s) not ok, then {result.skipped} turn(s) skipped "
        "(a visitor stops after a turn that is lost, crossed, a fallback or an error):"
    )
    for count, what in result.problem_groups()[:15]:
        print(f"  {count:4d} x {what}")
    print("  for example:")
    for problem in result.problems[:examples]:
        print(f"    {problem[:400]}")


async def measure(args: argparse.Namespace, url: str, token: Optional[str]) -> int:
    rows, results = [], []
    print(f"Check run: each of the {len(loadgen.SCRIPTS)} scripts once, one visitor at a time, over REST")
    check = await loadgen.run_rest(url, len(loadgen.SCRIPTS), args.turns, 1, timeout=args.timeout, prefix="lt-check")
    rows.append(row("rest (check)", check))
    if not check.passed:
        print(table(rows))
        print_problems(check, "check run")
        if check.errors and not check.answered:
            print(f"\nNo answer at all from {url}: is the bot running there?", file=sys.stderr)
        elif check.sent - check.ok == check.fallbacks:
            print(
                "\nEven one visitor at a time got the fallback message: is the action server "
                "running and answering within AMIF_ACTION_TIMEOUT_S?",
                file=sys.stderr,
            )
        else:
            print(
                "\nThe bot does not answer as the scripts in benchmarks/loadgen.py expect. Is it the "
                "model of this repository, started with AMIF_TODAY=2026-03-01 and "
                "AMIF_CALLS_FILE=tests/python/demo_calls.yml?",
                file=sys.stderr,
            )
        return 2
    results.append(check)

    runs = []
    if "rest" in args.channels:
        runs.append(("rest", loadgen.run_rest))
    if "socketio" in args.channels:
        runs.append(("socketio", loadgen.run_socketio))
    for name, run in runs:
        print(
            f"{name}: {args.visitors} visitors x {args.turns} turns, {args.concurrency} at a time"
            + (f", ~{args.think:g} s before each message" if args.think else "")
            + " ...",
            flush=True,
        )
        started = time.monotonic()
        result = await run(url, args.visitors, args.turns, args.concurrency, timeout=args.timeout, think=args.think)
        print(f"  {time.monotonic() - started:.1f} s", flush=True)
        rows.append(row(name, result))
        results.append(result)
    if args.parse:
        messages = loadgen.all_messages(args.turns) * max(1, args.visitors // len(loadgen.SCRIPTS))
        print(f"parse: {len(messages)} POST /model/parse, {args.concurrency} at a time ...", flush=True)
        result = await loadgen.run_parse(url, messages, args.concurrency, token, timeout=args.timeout)
        rows.append(row("parse (NLU only)", result))
        results.append(result)

    own = resource.getrusage(resource.RUSAGE_SELF)
    print()
    print(table(rows))
    print(f"(The load generator itself used {own.ru_utime + own.ru_stime:.1f} s of CPU on this machine.)")
    for label, result in zip([r[0] for r in rows], results):
        print_problems(result, label)
    failed = [r for r in results if not r.passed]
    if any(r.fallbacks for r in results):
        print(
            "\nfallback: the bot answered with its 'technical problem' message because a custom action "
            "failed or took longer than AMIF_ACTION_TIMEOUT_S (default 2 s). That time runs inside Rasa, "
            "so a Rasa process that is busy with other conversations produces these too."
        )
    if args.json:
        write_json(args, url, results)
    print(
        "\nOK: every turn got its own, expected answer."
        if not failed
        else f"\nFAILED: {', '.join(r.channel for r in failed)} had turns that were not ok."
    )
    return 1 if failed else 0


def write_json(args: argparse.Namespace, url: str, results: List[loadgen.LoadResult]) -> None:
    data = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "url": url,
        "own_bot": args.url is None,
        "settings": {
            "visitors": args.visitors,
            "turns": args.turns,
            "concurrency": args.concurrency,
            "think_s": args.think,
            "timeout_s": args.timeout,
        },
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average": list(os.getloadavg()),
            "load_generator_cpu_s": round(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]), 1),
        },
        "results": [r.to_dict() for r in results],
    }
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    print(f"\nResults written to {path}")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--visitors", type=int, default=50, help="simulated visitors (default 50)")
    parser.add_argument(
        "--turns",
        type=int,
        default=loadgen.MAX_TURNS,
        help=f"turns per visitor, 1..{loadgen.MAX_TURNS} (default {loadgen.MAX_TURNS})",
    )
    parser.add_argument("--concurrency", type=int, help="visitors active at once (default: all)")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="seconds a visitor takes before each message, on average (0.5-1.5x); "
        "default 0: all start at once and send each next message as soon as the "
        "reply is in",
    )
    parser.add_argument("--url", help="a running bot, e.g. http://localhost:5005 (default: start one)")
    parser.add_argument("--channels", default="rest,socketio", help="rest,socketio (default both)")
    parser.add_argument(
        "--parse", action="store_true", help="also measure POST /model/parse (needs the HTTP API: --token with --url)"
    )
    parser.add_argument(
        "--token",
        default=os.environ.get("RASA_AUTH_TOKEN") or None,
        help="RASA_AUTH_TOKEN of the bot at --url, for --parse",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=loadgen.TURN_TIMEOUT_S,
        help=f"seconds until a turn counts as lost (default {loadgen.TURN_TIMEOUT_S:g})",
    )
    parser.add_argument("--json", help="write the results (with every latency) to this file")
    args = parser.parse_args(argv)
    args.channels = {c.strip() for c in args.channels.split(",") if c.strip()}
    if not args.channels <= {"rest", "socketio"}:
        parser.error("--channels: rest and/or socketio")
    if not 1 <= args.turns <= loadgen.MAX_TURNS:
        parser.error(f"--turns must be between 1 and {loadgen.MAX_TURNS}")
    if args.visitors < 1:
        parser.error("--visitors must be at least 1")
    args.concurrency = args.concurrency or args.visitors
    if args.parse and args.url and not args.token:
        parser.error("--parse with --url needs --token (the bot's RASA_AUTH_TOKEN)")

    print(
        f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} "
        "(other work on the machine makes the numbers noisy)"
    )
    if args.url:
        print(f"Bot: {args.url}")
        return asyncio.run(measure(args, args.url, args.token))

    from harness.bot_process import BotProcess

    token = secrets.token_urlsafe(16) if args.parse else None
    with tempfile.TemporaryDirectory(prefix="amif-loadtest-") as tmp:
        bot = BotProcess(
            RASA_PORT,
            ACTION_PORT,
            DEMO_PORT,
            f"sqlite:///{tmp}/conversations.db",
            "loadtest-run.log",
            extra_env={"RASA_AUTH_TOKEN": token} if token else None,
        )
        print(f"Starting a bot of its own on port {RASA_PORT} (log: {bot.log_path}) ...", flush=True)
        started = time.monotonic()
        try:
            bot.start()
        except RuntimeError as error:
            bot.stop()
            print(f"ERROR: {error}", file=sys.stderr)
            return 2
        print(f"  ready after {time.monotonic() - started:.0f} s", flush=True)
        try:
            return asyncio.run(measure(args, f"http://localhost:{RASA_PORT}", token))
        finally:
            bot.stop()


if __name__ == "__main__":
    sys.exit(main())
