"""Measure what the bot answers to messages it never trained on, and fail below the targets.

Four sets, each written apart from the training data (tests/python/test_heldout_independent.py
keeps near-copies out of data/):
- in scope (tests/nlu_heldout.yml): questions the bot has an answer for;
- out of scope (tests/heldout/out_of_scope.yml): questions outside AMIF, in kinds;
- unknown (tests/heldout/amif_unknown.yml): AMIF questions no answer covers;
- several (tests/heldout/several_questions.yml): messages with two or three questions.

Each message is parsed by the trained model; what the bot then answers follows from the
parse the way the running bot decides it (the rules map intents to answers; an FAQ answer
goes through actions/answering.py, which says "I don't know" when the answer selector is
unsure; a message with several questions is split by channels/several_questions.py).
"Same answer" treats intents that lead to the same action as one (start_project,
ask_authority and inform all route the project).

Targets (issue "knows what it does not know"): in scope >= 95 %, out of scope rejected
>= 95 %, unknown answered honestly >= 90 %, several questions >= 90 %, confidently wrong
(another topic's answer) <= 3 %. This script fails below --min-accuracy (in scope) and
--min-rejection (out of scope). It also writes the curves of in-scope accuracy against
out-of-scope rejection as the two thresholds move (for the benchmark report; thresholds
are chosen on a validation split by scripts/choose_thresholds.py, never on these sets).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import yaml

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from actions import answering
from actions.calls.match import named_calls
from actions.calls.store import DEFAULT_PATH as CALLS_PATH
from actions.calls.store import load_calls_file
from channels.several_questions import split_questions

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_MIN_ACCURACY = 0.90
DEFAULT_MIN_REJECTION = 0.90
FALLBACK = "nlu_fallback"


def _fallback_config() -> Dict[str, float]:
    """The FallbackClassifier's thresholds in config.yml (the curves move them)."""
    for component in yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]:
        if component["name"] == "FallbackClassifier":
            return component
    raise SystemExit("config.yml has no FallbackClassifier")


FALLBACK_THRESHOLD = float(_fallback_config()["threshold"])
AMBIGUITY_THRESHOLD = float(_fallback_config().get("ambiguity_threshold", 0.1))

HELDOUT = ROOT / "tests/nlu_heldout.yml"
SETS_DIR = ROOT / "tests/heldout"

# Intents whose answer is the same action: one "answer" for a visitor.
SAME_ANSWER = {
    "start_project": "route",
    "ask_authority": "route",
    "inform": "route",
    "ask_contact": "contact",
    "ask_contact_website": "contact",
    "ask_contact_email": "contact",
    "ask_contact_phone": "contact",
    "faq/contact": "contact",
    "ask_open_calls": "calls_list",
    "ask_upcoming_calls": "calls_list",
    "out_of_scope": "out_of_scope",
    "out_of_scope_dienst": "out_of_scope",
    "out_of_scope_subsidie": "out_of_scope",
    "amif_onbekend": "unknown",
}
# Answers that are no answer about a topic: saying no, asking back, small talk.
NOT_A_TOPIC = {
    "out_of_scope",
    "unknown",
    "fallback",
    "taal_frans",
    "taal_engels",
    "greet",
    "goodbye",
    "thank",
    "bot_challenge",
    "help",
    "affirm",
    "deny",
    "stop",
    "dont_know",
}
REJECTED = {"out_of_scope", "fallback", "taal_frans", "taal_engels"}
SMALL_TALK_OK = {"greet", "goodbye", "thank", "bot_challenge", "help"}
HONEST = {"unknown", "fallback"}
NAMED_SKIP = {"unknown", "fallback", "out_of_scope"}


def answer_of(label: str) -> str:
    return SAME_ANSWER.get(label, label)


def ranking_without_fallback(parse: Dict[str, Any]) -> List[Tuple[str, float]]:
    return [
        (r["name"], float(r.get("confidence") or 0.0))
        for r in parse.get("intent_ranking") or []
        if r["name"] != FALLBACK
    ]


def bot_answer(
    parse: Dict[str, Any],
    calls: Sequence,
    fallback_threshold: float = FALLBACK_THRESHOLD,
    faq_threshold: float = answering.FAQ_MIN_CONFIDENCE,
) -> str:
    """What the bot answers to one message without context, as an answer label."""
    ranking = ranking_without_fallback(parse)
    if not ranking:
        return "fallback"
    (intent, confidence), second = ranking[0], (ranking[1][1] if len(ranking) > 1 else 0.0)
    text = parse.get("text") or ""
    checks_titles = intent in ("faq", "amif_onbekend", "taal_frans", "taal_engels", *answering.OUT_OF_SCOPE_INTENTS)
    if confidence < fallback_threshold or confidence - second < AMBIGUITY_THRESHOLD:
        intent, checks_titles = FALLBACK, True
    if checks_titles and named_calls(calls, text, in_calls_question=False)[0]:
        return "ask_call_detail"  # the actions answer about a call named by its title
    if intent == FALLBACK:
        return "fallback"
    if intent == "faq":
        themes = tuple(e.get("value") for e in parse.get("entities") or [] if e.get("entity") == "theme")
        choice = answering.choose(parse, themes=themes, min_confidence=faq_threshold)
        if choice.kind == "faq":
            return f"faq/{choice.key}"
        return {"unknown": "unknown", "route": "route"}.get(choice.kind, choice.kind)
    return answer_of(intent)


# ------------------------------------------------------------------------------ the sets


def nlu_blocks(path: Path) -> List[Tuple[str, str, str]]:
    """(text, intent, kind) of a Rasa-style NLU file, entity markup removed."""
    from rasa.shared.nlu.training_data.loading import load_data

    if path.name == "nlu_heldout.yml":
        return [(e.get("text"), e.get_full_intent(), "") for e in load_data(str(path)).intent_examples]
    items = []
    for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
        kind = (block.get("metadata") or {}).get("kind", "")
        for line in (block.get("examples") or "").splitlines():
            if line.strip().startswith("- "):
                items.append((line.strip()[2:], block["intent"], kind))
    return items


def several_messages(path: Path) -> List[Dict[str, Any]]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("messages", [])


async def parse_all(model: str, texts: List[str]) -> Dict[str, Dict[str, Any]]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    import rasa_extensions

    configure_structlog(logging.WARNING)  # else Rasa logs every parse at debug level
    rasa_extensions.install()  # as the server: answer-only model load (same predictions, ~50 s less)
    agent = Agent.load(model)
    parses = {}
    for text in dict.fromkeys(texts):
        parses[text] = await agent.parse_message(text)
    return parses


# ------------------------------------------------------------------------------ scoring


def score_single(items, parses, calls, expected_ok, **thresholds) -> Dict[str, Any]:
    """Share of items whose answer passes `expected_ok(answer, expected, kind)`."""
    results = []
    for text, expected, kind in items:
        answer = bot_answer(parses[text], calls, **thresholds)
        results.append(
            {
                "text": text,
                "expected": expected,
                "kind": kind,
                "answer": answer,
                "ok": expected_ok(answer, expected, kind),
                "wrong_topic": answer not in NOT_A_TOPIC and answer_of(answer) != answer_of(expected),
            }
        )
    n = len(results) or 1
    return {
        "n": len(results),
        "share": sum(r["ok"] for r in results) / n,
        "wrong_topic": sum(r["wrong_topic"] for r in results),
        "results": results,
    }


def in_scope_ok(answer, expected, kind):
    return answer_of(answer) == answer_of(expected)


def rejected_ok(answer, expected, kind):
    return answer in REJECTED or (kind == "smalltalk" and answer in SMALL_TALK_OK)


def honest_ok(answer, expected, kind):
    return answer in HONEST


def score_several(messages, parses, calls, **thresholds) -> Dict[str, Any]:
    results = []
    for message in messages:
        parts = split_questions(message["text"])
        expected = list(message["parts"])
        answers = [bot_answer(parses[part], calls, **thresholds) for part in parts]
        same_count = len(parts) == len(expected)
        each = [same_count and (answer_of(a) == answer_of(e) or a in NAMED_SKIP) for a, e in zip(answers, expected)]
        wrong = sum(1 for a, e in zip(answers, expected) if a not in NOT_A_TOPIC and answer_of(a) != answer_of(e))
        results.append(
            {
                "text": message["text"],
                "expected": expected,
                "parts": parts,
                "answers": answers,
                "ok": same_count and all(each),
                "all_answered": same_count and all(answer_of(a) == answer_of(e) for a, e in zip(answers, expected)),
                "wrong_parts": wrong,
            }
        )
    n = len(results) or 1
    return {
        "n": len(results),
        "share": sum(r["ok"] for r in results) / n,
        "all_answered": sum(r["all_answered"] for r in results) / n,
        "split_right": sum(len(r["parts"]) == len(r["expected"]) for r in results) / n,
        "wrong_topic": sum(r["wrong_parts"] for r in results),
        "parts": sum(len(r["expected"]) for r in results),
        "results": results,
    }


def evaluate(sets, parses, calls, **thresholds) -> Dict[str, Any]:
    scores = {
        "in_scope": score_single(sets["in_scope"], parses, calls, in_scope_ok, **thresholds),
        "out_of_scope": score_single(sets["out_of_scope"], parses, calls, rejected_ok, **thresholds),
        "unknown": score_single(sets["unknown"], parses, calls, honest_ok, **thresholds),
        "several": score_several(sets["several"], parses, calls, **thresholds),
    }
    questions = sum(scores[k]["n"] for k in ("in_scope", "out_of_scope", "unknown")) + scores["several"]["parts"]
    wrong = sum(scores[k]["wrong_topic"] for k in scores)
    scores["confidently_wrong"] = {"n": questions, "wrong": wrong, "share": wrong / (questions or 1)}
    return scores


def curves(sets, parses, calls) -> Dict[str, List[Dict[str, float]]]:
    """In-scope accuracy, out-of-scope rejection and honesty as each threshold moves."""
    grid = [round(0.05 * i, 2) for i in range(0, 20)]
    out = {"fallback_threshold": [], "faq_threshold": []}
    for name in out:
        for value in grid:
            scores = evaluate(sets, parses, calls, **{name: value})
            out[name].append(
                {
                    "threshold": value,
                    "in_scope": round(scores["in_scope"]["share"], 4),
                    "out_of_scope": round(scores["out_of_scope"]["share"], 4),
                    "unknown": round(scores["unknown"]["share"], 4),
                    "confidently_wrong": round(scores["confidently_wrong"]["share"], 4),
                }
            )
    return out


def macro_and_entity_f1(path: Path, results, parses) -> Dict[str, float]:
    """Macro F1 over the answers, entity F1 (entity type and value), fallback share."""
    from rasa.shared.nlu.training_data.loading import load_data
    from sklearn.metrics import f1_score

    expected = [answer_of(r["expected"]) for r in results]
    answers = [answer_of(r["answer"]) for r in results]
    labels = sorted(set(expected))
    tp = fp = fn = 0
    for example in load_data(str(path)).intent_examples:
        gold = {(e["entity"], str(e.get("value", "")).lower()) for e in example.get("entities") or []}
        got = {
            (e["entity"], str(e.get("value", "")).lower()) for e in parses[example.get("text")].get("entities") or []
        }
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    return {
        "macro_f1": round(f1_score(expected, answers, labels=labels, average="macro", zero_division=0), 4),
        "entity_f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0,
        "fallback_share": round(sum(a == "fallback" for a in answers) / (len(answers) or 1), 4),
    }


def worst(scores, limit=12) -> Dict[str, List[Dict[str, Any]]]:
    return {
        name: [r for r in scores[name]["results"] if not r["ok"]][:limit]
        for name in ("in_scope", "out_of_scope", "unknown", "several")
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--data", default=str(HELDOUT), help="in-scope held-out set")
    parser.add_argument("--sets", default=str(SETS_DIR), help="folder with the other held-out sets")
    parser.add_argument("--out", default="results/nlu")
    parser.add_argument("--min-accuracy", type=float, default=DEFAULT_MIN_ACCURACY)
    parser.add_argument("--min-rejection", type=float, default=DEFAULT_MIN_REJECTION)
    parser.add_argument("--no-curves", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    folder = Path(args.sets)
    sets = {
        "in_scope": nlu_blocks(Path(args.data)),
        "out_of_scope": nlu_blocks(folder / "out_of_scope.yml"),
        "unknown": nlu_blocks(folder / "amif_unknown.yml"),
        "several": several_messages(folder / "several_questions.yml"),
    }
    texts = [t for key in ("in_scope", "out_of_scope", "unknown") for t, _, _ in sets[key]]
    texts += [part for message in sets["several"] for part in split_questions(message["text"])]
    parses = asyncio.run(parse_all(args.model, texts))
    calls = load_calls_file(CALLS_PATH)

    scores = evaluate(sets, parses, calls)
    kinds = defaultdict(lambda: [0, 0])
    for r in scores["out_of_scope"]["results"]:
        kinds[r["kind"]][0] += r["ok"]
        kinds[r["kind"]][1] += 1
    confused = Counter((r["expected"], r["answer"]) for r in scores["in_scope"]["results"] if not r["ok"])
    in_scope_quality = macro_and_entity_f1(Path(args.data), scores["in_scope"]["results"], parses)
    summary = {
        "model": args.model,
        "spacy_pipeline": (ROOT / ".spacy/selected-model").read_text().strip()
        if (ROOT / ".spacy/selected-model").exists()
        else None,
        "thresholds": {"fallback": FALLBACK_THRESHOLD, "faq_answer": answering.FAQ_MIN_CONFIDENCE},
        "in_scope": {
            "n": scores["in_scope"]["n"],
            "same_answer": round(scores["in_scope"]["share"], 4),
            "honest_instead": sum(r["answer"] in HONEST for r in scores["in_scope"]["results"]),
            "rejected_instead": sum(r["answer"] == "out_of_scope" for r in scores["in_scope"]["results"]),
            **in_scope_quality,
        },
        "out_of_scope": {
            "n": scores["out_of_scope"]["n"],
            "rejected": round(scores["out_of_scope"]["share"], 4),
            "kinds": len(kinds),
            "per_kind": {k: round(ok / n, 3) for k, (ok, n) in sorted(kinds.items())},
        },
        "out_of_scope_answered_unknown": sum(r["answer"] == "unknown" for r in scores["out_of_scope"]["results"]),
        "unknown": {
            "n": scores["unknown"]["n"],
            "honest": round(scores["unknown"]["share"], 4),
            "rejected_as_out_of_scope": sum(r["answer"] == "out_of_scope" for r in scores["unknown"]["results"]),
        },
        "several": {
            "n": scores["several"]["n"],
            "answered_or_named": round(scores["several"]["share"], 4),
            "all_answered": round(scores["several"]["all_answered"], 4),
            "split_right": round(scores["several"]["split_right"], 4),
        },
        "confidently_wrong": {
            k: round(v, 4) if isinstance(v, float) else v for k, v in scores["confidently_wrong"].items()
        },
        "min_accuracy": args.min_accuracy,
        "min_rejection": args.min_rejection,
        "confused_pairs": [{"expected": e, "answer": a, "count": c} for (e, a), c in confused.most_common(10)],
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "understanding_summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    (out / "understanding_worst.json").write_text(json.dumps(worst(scores), indent=2, ensure_ascii=False))
    if not args.no_curves:
        (out / "threshold_curves.json").write_text(json.dumps(curves(sets, parses, calls), indent=2))
    print(json.dumps(summary, indent=2, ensure_ascii=False))

    failures = []
    if scores["in_scope"]["share"] < args.min_accuracy:
        failures.append(f"in-scope accuracy {scores['in_scope']['share']:.3f} < {args.min_accuracy}")
    if scores["out_of_scope"]["share"] < args.min_rejection:
        failures.append(f"out-of-scope rejection {scores['out_of_scope']['share']:.3f} < {args.min_rejection}")
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    if not failures:
        print(
            f"OK: in scope {scores['in_scope']['share']:.3f} >= {args.min_accuracy}, "
            f"out of scope rejected {scores['out_of_scope']['share']:.3f} >= {args.min_rejection}"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
