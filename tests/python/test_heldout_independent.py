"""The held-out sets measure how the bot does on messages it never saw: no training example
may be a copy or a near-copy of a message a held-out set measures (tests/nlu_heldout.yml and
every set in tests/heldout/: out of scope, unknown, several questions, places, calls named by
title, references). Turns that only set the context of a held-out conversation are not
measured, so they may resemble training examples."""

import re
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from channels.several_questions import split_questions

ROOT = Path(__file__).resolve().parents[2]
NEAR_COPY = 90  # rapidfuzz ratio (0-100) on lower-cased text without entity markup


def normal(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})", r"\1", text)
    return " ".join(text.lower().split()).rstrip("?!. ")


def nlu_examples(data: dict) -> list:
    texts = []
    for block in data.get("nlu", []):
        for line in (block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                texts.append(normal(line[2:]))
    return texts


def measured_messages(path: Path) -> list:
    """The messages of a held-out file whose answer is scored."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    texts = nlu_examples(data)
    for message in data.get("messages", []):  # several questions: the message and each question
        texts += [normal(message["text"])] + [normal(part) for part in split_questions(message["text"])]
    for item in data.get("questions", []) + data.get("places", []):  # the last turn is scored
        texts.append(normal(item["turns"][-1]))
    for conversation in data.get("conversations", []):
        texts.append(normal(conversation["turns"][-1]["say"]))
    return [t for t in texts if t]


def heldout_files() -> list:
    return [ROOT / "tests/nlu_heldout.yml"] + sorted((ROOT / "tests/heldout").glob("*.yml"))


def test_the_heldout_sets_are_there_and_large_enough():
    counts = {path.name: len(measured_messages(path)) for path in heldout_files()}
    assert counts["nlu_heldout.yml"] > 200
    assert counts["out_of_scope.yml"] >= 150 and counts["amif_unknown.yml"] >= 60
    assert counts["several_questions.yml"] >= 30 * 3  # 30 messages, each also as its parts
    assert counts["places.yml"] >= 30 and counts["calls_questions.yml"] >= 40 and counts["references.yml"] >= 30


def faq_titles() -> set:
    """The FAQ answers' button titles: a click sends the title, so each must be trained."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return {
        normal(variations[0]["metadata"]["title"])
        for name, variations in domain["responses"].items()
        if name.startswith("utter_faq/")
    }


def test_no_training_example_is_a_near_copy_of_a_heldout_message():
    # The one exception: the FAQ button titles, which must be trained (a held-out question
    # that resembles one measures little, so the sets avoid them; see tests/heldout/).
    training = sorted(
        {
            t
            for path in sorted((ROOT / "data").glob("nlu*.yml"))
            for t in nlu_examples(yaml.safe_load(path.read_text(encoding="utf-8")))
        }
        - faq_titles()
    )
    assert len(training) > 1000
    copies = []
    for path in heldout_files():
        for text in measured_messages(path):
            match = process.extractOne(text, training, scorer=fuzz.ratio, score_cutoff=NEAR_COPY)
            if match:
                copies.append((path.name, text, match[0], round(match[1])))
    assert not copies, copies
