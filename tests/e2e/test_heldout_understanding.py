"""Does the bot understand what visitors refer to? Three held-out sets, written apart from
the training data, held as conversations over REST with a bot of its own that serves a calls
list it was never trained on (tests/heldout/calls_new.yml, today = 15 February 2027):

- places (tests/heldout/places.yml): the answer routes to the strand of the place named;
- calls by title (tests/heldout/calls_questions.yml): the answer is about the call named, with
  the detail asked for, or asks which one when two fit;
- references (tests/heldout/references.yml): "de tweede", "en hoeveel is dat?", "daar".

Targets: places >= 98 % (part-municipalities are reported apart: no maintained source lists
them), calls >= 95 %, references >= 90 %. Every result lands in results/understanding/, with
the gap to its target. The tests fail below a floor that guards what is reached now
(measured 2 Dec 2026 with the fallback spaCy pipeline: places 0.92, calls 0.97, references
0.93), so main stays green while the targets are not yet met; raise a floor when the bot
gets better, never lower it to let a change through.
"""

from __future__ import annotations

import json
import os
import re
from typing import Dict, List, Tuple

import pytest
import yaml

from actions.calls.format import format_date, format_eur
from actions.calls.query import status
from actions.calls.store import load_calls_file
from actions.routing import default_routing
from harness.bot_process import ROOT, BotProcess

SETS = ROOT / "tests/heldout"
CALLS_FILE = SETS / "calls_new.yml"
TODAY = "2027-02-15"
OUT = ROOT / "results/understanding"
TARGETS = {"places": 0.98, "calls_by_title": 0.95, "references": 0.90}
FLOORS = {"places": 0.87, "calls_by_title": 0.93, "references": 0.87}

RASA_PORT = int(os.environ.get("E2E_HELDOUT_RASA_PORT", "5107"))
ACTION_PORT = int(os.environ.get("E2E_HELDOUT_ACTION_PORT", "5157"))
DEMO_PORT = int(os.environ.get("E2E_HELDOUT_DEMO_PORT", "8182"))

CALLS = {call.id: call for call in load_calls_file(CALLS_FILE)}
DAY = __import__("datetime").date.fromisoformat(TODAY)
ROUTING = default_routing()
REGION_AUTHORITIES = {
    "vlaanderen": {"Europa WSE"},
    "wallonie": {"Agence FSE"},
    "brussel": {"Europa WSE", "Agence FSE"},
    "duitstalig": {"FOD Binnenlandse Zaken"},
}
ALL_NAMES = {
    "Europa WSE",
    "Agence FSE",
    "FOD Binnenlandse Zaken",
    "POD Maatschappelijke Integratie",
    "Europese Commissie",
}


@pytest.fixture(scope="module")
def heldout_bot(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "heldout.db"
    process = BotProcess(
        RASA_PORT,
        ACTION_PORT,
        DEMO_PORT,
        f"sqlite:///{db}",
        "e2e-heldout.log",
        extra_env={"AMIF_TODAY": TODAY, "AMIF_CALLS_FILE": str(CALLS_FILE)},
    )
    try:
        process.start()
    except RuntimeError as error:
        process.stop()
        pytest.fail(str(error))
    try:
        yield process
    finally:
        process.stop()


def converse(bot: BotProcess, turns: List[str]) -> Tuple[str, List[Dict]]:
    """Hold the turns in a new conversation; the text and buttons of the last answer."""
    visitor = bot.new_sender()
    messages: List[Dict] = []
    for turn in turns:
        messages = bot.say(visitor, turn)
    text = "\n".join(m.get("text") or "" for m in messages)
    return text, [b for m in messages for b in m.get("buttons") or []]


# ------------------------------------------------------------------------------ checks


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


def check_place(text: str, region: str) -> bool:
    decision = first_sentence(text)
    expected = REGION_AUTHORITIES[region]
    named = {name for name in ALL_NAMES if name in decision}
    return bool(named) and named <= expected and bool(named & expected)


def check_call(text: str, buttons: List[Dict], expect: Dict) -> bool:
    if "ambiguous" in expect:
        offered = " ".join(b.get("payload", "") + b.get("title", "") for b in buttons) + text
        return all(CALLS[i].id in offered or CALLS[i].title in offered for i in expect["ambiguous"])
    call = CALLS[expect["call"]]
    if str(call.url) not in text:
        return False
    if any(str(other.url) in text for other in CALLS.values() if other.id != call.id and other.url != call.url):
        return False
    field, state = expect.get("field", "any"), status(call, DAY)
    if field == "budget":
        return (format_eur(call.budget_eur) in text) if call.budget_eur is not None else "geen budget" in text
    if field == "deadline" or (field == "opens" and state == "closed"):
        return format_date(call.deadline) in text
    if field == "opens":
        return call.opens is not None and format_date(call.opens) in text
    return True  # link / any: the call's own page is in the answer


def _site(card) -> str:
    return card.website.split("://", 1)[1].removeprefix("www.").rstrip("/")


# An answer about the POD MI also names the FOD, which handles its finances (routes.yml: also).
ALSO_NAMED = {"pod-mi": {"fod-binnenlandse-zaken"}}


def check_authority(text: str, expect: Dict) -> bool:
    """About this authority (its name or website), and no other authority's website."""
    card = ROUTING.card(expect["authority"])
    if card.name.split(" (")[0] not in text and _site(card) not in text:
        return False
    if expect.get("what") == "calls":
        urls = [str(c.url) for c in CALLS.values() if str(c.url) in text]
        return all(CALLS_BY_URL[u].authority == card.id for u in urls)
    allowed = {card.id} | ALSO_NAMED.get(card.id, set())
    return not any(_site(ROUTING.card(other)) in text for other in ROUTING.authorities if other not in allowed)


CALLS_BY_URL = {str(call.url): call for call in CALLS.values()}


# ------------------------------------------------------------------------------ the sets


def load(name: str):
    return yaml.safe_load((SETS / name).read_text(encoding="utf-8"))


def run_set(bot, name: str, items, check) -> Dict:
    results = []
    for item in items:
        text, buttons, ok = check(item)
        results.append({**item, "answer": text, "buttons": buttons, "ok": ok})
    return results


def summarise(name: str, results: List[Dict], counted=lambda r: True) -> Dict:
    scored = [r for r in results if counted(r)]
    share = sum(r["ok"] for r in scored) / (len(scored) or 1)
    OUT.mkdir(parents=True, exist_ok=True)
    target, floor = TARGETS[name], FLOORS[name]
    (OUT / f"{name}.json").write_text(
        json.dumps(
            {"share": share, "n": len(scored), "target": target, "floor": floor, "results": results},
            indent=2,
            ensure_ascii=False,
        )
    )
    met = "target met" if share >= target else f"target {target:.2f} NOT met"
    print(f"\n{name}: {sum(r['ok'] for r in scored)}/{len(scored)} = {share:.3f} ({met}; floor {floor:.2f})")
    for r in scored:
        if not r["ok"]:
            print("  FAIL", json.dumps({k: r[k] for k in r if k not in ("buttons",)}, ensure_ascii=False)[:400])
    return {"share": share, "n": len(scored)}


def test_places_resolve_to_their_strand(heldout_bot):
    def check(item):
        text, buttons = converse(heldout_bot, item["turns"])
        return text, buttons, check_place(text, item["region"])

    results = run_set(heldout_bot, "places", load("places.yml")["places"], check)
    summary = summarise("places", results, counted=lambda r: r.get("kind") != "deelgemeente")
    part = [r for r in results if r.get("kind") == "deelgemeente"]
    print(f"part-municipalities (not counted): {sum(r['ok'] for r in part)}/{len(part)}")
    assert summary["share"] >= FLOORS["places"]


def test_calls_are_found_by_their_title(heldout_bot):
    def check(item):
        text, buttons = converse(heldout_bot, item["turns"])
        return text, buttons, check_call(text, buttons, item)

    summary = summarise(
        "calls_by_title", run_set(heldout_bot, "calls", load("calls_questions.yml")["questions"], check)
    )
    assert summary["share"] >= FLOORS["calls_by_title"]


def test_references_to_what_was_just_said(heldout_bot):
    def check(item):
        turns = [turn["say"] for turn in item["turns"]]
        expect = item["turns"][-1]["expect"]
        text, buttons = converse(heldout_bot, turns)
        ok = check_authority(text, expect) if "authority" in expect else check_call(text, buttons, expect)
        return text, buttons, ok

    summary = summarise(
        "references", run_set(heldout_bot, "references", load("references.yml")["conversations"], check)
    )
    assert summary["share"] >= FLOORS["references"]
