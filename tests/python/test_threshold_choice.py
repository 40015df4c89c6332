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


def _row(fallback, in_scope, out_of_scope, unknown):
    mean = round((in_scope + out_of_scope + unknown) / 3, 4)
    return dict(fallback=fallback, faq=0.1, in_scope=in_scope, out_of_scope=out_of_scope, unknown=unknown, mean=mean)


def test_the_in_scope_target_comes_first_and_then_the_best_mean():
    import importlib.util

    spec = importlib.util.spec_from_file_location("choose_thresholds", ROOT / "scripts/choose_thresholds.py")
    chooser = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(chooser)
    low, middle, high = _row(0.3, 0.96, 0.80, 0.80), _row(0.5, 0.95, 0.90, 0.85), _row(0.7, 0.80, 0.99, 0.95)
    assert chooser.choose([low, middle, high]) == middle  # the best mean that reaches 95 % in scope
    # No pair reaches the target: the best mean among those within 5 points of the best in scope.
    low, middle, high = _row(0.3, 0.74, 0.79, 0.77), _row(0.5, 0.70, 0.87, 0.85), _row(0.7, 0.61, 0.94, 0.89)
    assert chooser.choose([low, middle, high]) == middle
    assert high["mean"] > middle["mean"]  # what the mean alone would have chosen
