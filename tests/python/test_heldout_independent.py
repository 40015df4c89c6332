"""The held-out set (tests/nlu_heldout.yml) measures how the bot does on questions it never
saw: no training example may be a copy or a near-copy of a held-out one."""

import re
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[2]
NEAR_COPY = 90  # rapidfuzz ratio (0-100) on lower-cased text without entity markup


def examples(path: Path) -> list:
    data = yaml.safe_load(path.read_text()) or {}
    texts = []
    for block in data.get("nlu", []):
        for line in (block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                text = re.sub(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})", r"\1", line[2:])
                texts.append(" ".join(text.lower().split()).rstrip("?!. "))
    return texts


def test_no_training_example_is_a_near_copy_of_a_heldout_one():
    training = [t for path in sorted((ROOT / "data").glob("nlu*.yml")) for t in examples(path)]
    heldout = examples(ROOT / "tests/nlu_heldout.yml")
    assert len(heldout) > 200 and len(training) > 1000
    copies = []
    for text in heldout:
        match = process.extractOne(text, training, scorer=fuzz.ratio, score_cutoff=NEAR_COPY)
        if match:
            copies.append((text, match[0], round(match[1])))
    assert not copies, copies
