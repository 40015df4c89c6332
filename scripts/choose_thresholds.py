"""Choose the two thresholds of "knowing what it does not know" on a validation split of the
training data — never on the held-out sets, which only measure the result.

1. Split data/ 80/20 per intent (Rasa's own stratified split, fixed seed).
2. Train the NLU of config.yml on the 80 %, parse the 20 %.
3. For every pair (FallbackClassifier threshold, FAQ answer threshold of actions/answering.py)
   compute, on the validation 20 %: in-scope answers right, out-of-scope questions rejected,
   AMIF questions without an answer answered honestly (amif/understanding.py decides what
   the bot answers, the same way as for the held-out sets).
4. Choose the pair with the best mean of the three among those that keep in-scope >= 95 %
   (the target), preferring lower thresholds on ties. When no pair reaches the target, the
   in-scope answers still come first: choose among the pairs whose in-scope share is within
   5 points (the distance between the target and the 90 % floor of make test-nlu) of the
   best share any pair reaches.

Writes reports/threshold_choice.json; config.yml and actions/answering.py carry the chosen
values, and tests/python/test_threshold_choice.py checks they agree with this file.

    .venv/bin/python scripts/choose_thresholds.py [--reuse-model]     (about 10 minutes on 2 cores)
    .venv/bin/python scripts/choose_thresholds.py --from-report       (the choice again from the
                                                                      grid in the report, no training)
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from actions.calls.store import DEFAULT_PATH as CALLS_PATH
from actions.calls.store import load_calls_file
from amif import understanding as evaluate_nlu

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "reports/threshold_choice.json"
FALLBACK_GRID = [round(0.05 * i, 2) for i in range(2, 15)]
FAQ_GRID = [round(0.05 * i, 2) for i in range(0, 17)]
IN_SCOPE_TARGET = 0.95
IN_SCOPE_TOLERANCE = 0.05  # when no pair reaches the target: this close to the best reachable
SEED = 1


def split(folder: Path):
    from rasa.shared.nlu.training_data.loading import load_data

    files = [p for p in sorted((ROOT / "data").glob("*.yml")) if p.name not in ("rules.yml", "stories.yml")]
    data = load_data(str(files[0])).merge(*[load_data(str(p)) for p in files[1:]])
    train, validation = data.train_test_split(train_frac=0.8, random_seed=SEED)
    train_path, validation_path = folder / "train.yml", folder / "validation.yml"
    train_path.write_text(train.nlu_as_yaml(), encoding="utf-8")
    validation_path.write_text(validation.nlu_as_yaml(), encoding="utf-8")
    items = [(e.get("text"), e.get_full_intent(), "") for e in validation.intent_examples]
    return train_path, items


WORK = ROOT / "results/thresholds"  # the split and the validation model, kept for inspection


def choose(grid):
    """The pair of step 4 of the method (module docstring)."""
    eligible = [row for row in grid if row["in_scope"] >= IN_SCOPE_TARGET]
    if not eligible:
        best_reachable = max(row["in_scope"] for row in grid)
        eligible = [row for row in grid if row["in_scope"] >= best_reachable - IN_SCOPE_TOLERANCE - 1e-9]
    return max(eligible, key=lambda row: (row["mean"], -row["fallback"], -row["faq"]))


def write_report(validation_sizes, grid) -> dict:
    best = choose(grid)
    report = {
        "method": __doc__.split("\n\n")[1].strip(),
        "spacy_pipeline": (ROOT / ".spacy/selected-model").read_text().strip(),
        "validation": validation_sizes,
        "chosen": best,
        "grid": grid,
    }
    OUT.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"validation": report["validation"], "chosen": best}, indent=2))
    print(
        f"Set FallbackClassifier threshold: {best['fallback']} (config.yml) and "
        f"FAQ_MIN_CONFIDENCE = {best['faq']} (actions/answering.py)."
    )
    return best


def main() -> int:
    if "--from-report" in sys.argv:
        report = json.loads(OUT.read_text(encoding="utf-8"))
        write_report(report["validation"], report["grid"])
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    train_path, items = split(WORK)
    model = WORK / "validation.tar.gz"
    if "--reuse-model" not in sys.argv or not model.exists():
        subprocess.run(
            [
                str(ROOT / "scripts/rasa"),
                "train",
                "nlu",
                "--nlu",
                str(train_path),
                "--domain",
                str(ROOT / "domain.yml"),
                "--config",
                str(ROOT / "config.yml"),
                "--out",
                str(WORK),
                "--fixed-model-name",
                "validation",
            ],
            cwd=ROOT,
            check=True,
        )
    parses = asyncio.run(evaluate_nlu.parse_all(str(model), [t for t, _, _ in items]))
    (WORK / "parses.json").write_text(json.dumps(parses, ensure_ascii=False, indent=1, default=str))
    calls = load_calls_file(CALLS_PATH)
    oos_intents = set(evaluate_nlu.answering.OUT_OF_SCOPE_INTENTS)
    sets = {
        "in_scope": [i for i in items if i[1] not in oos_intents and i[1] != "amif_onbekend"],
        "out_of_scope": [i for i in items if i[1] in oos_intents],
        "unknown": [i for i in items if i[1] == "amif_onbekend"],
    }
    grid = []
    for fallback in FALLBACK_GRID:
        for faq in FAQ_GRID:
            thresholds = dict(fallback_threshold=fallback, faq_threshold=faq)
            scores = {
                "in_scope": evaluate_nlu.score_single(
                    sets["in_scope"], parses, calls, evaluate_nlu.in_scope_ok, **thresholds
                ),
                "out_of_scope": evaluate_nlu.score_single(
                    sets["out_of_scope"], parses, calls, evaluate_nlu.rejected_ok, **thresholds
                ),
                "unknown": evaluate_nlu.score_single(
                    sets["unknown"], parses, calls, evaluate_nlu.honest_ok, **thresholds
                ),
            }
            row = {"fallback": fallback, "faq": faq, **{k: round(v["share"], 4) for k, v in scores.items()}}
            row["mean"] = round((row["in_scope"] + row["out_of_scope"] + row["unknown"]) / 3, 4)
            grid.append(row)
    write_report({name: len(value) for name, value in sets.items()}, grid)
    return 0


if __name__ == "__main__":
    sys.exit(main())
