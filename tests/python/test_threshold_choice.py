"""The two thresholds of "knowing what it does not know" are the ones scripts/choose_thresholds.py
chose on a validation split of the training data (reports/threshold_choice.json), not values
tried out on the held-out sets."""

import json
from pathlib import Path

import yaml

from actions import answering

ROOT = Path(__file__).resolve().parents[2]
CHOICE = json.loads((ROOT / "reports/threshold_choice.json").read_text())["chosen"]


def test_the_fallback_threshold_in_config_is_the_chosen_one():
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    fallback = next(c for c in pipeline if c["name"] == "FallbackClassifier")
    assert fallback["threshold"] == CHOICE["fallback"]


def test_the_faq_answer_threshold_is_the_chosen_one():
    assert answering.FAQ_MIN_CONFIDENCE == CHOICE["faq"]
