"""Answer quality: NLU on the held-out set (current pipeline and a spaCy-free one, compared
with Rasa's own `rasa test nlu --config a.yml b.yml`) and the conversation tests."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = str(ROOT / "scripts/rasa")
PYTHON = str(ROOT / ".venv/bin/python")
HELDOUT = "tests/nlu_heldout.yml"
MODEL = "models/amif-assistent.tar.gz"


# Both pipelines of the side-by-side comparison train their classifiers for this many epochs
# (config.yml: 60; DIET's training accuracy is 0.99 by epoch 10), which keeps `make bench`
# under 20 minutes; the full model's own numbers come from heldout() on the trained model.
COMPARISON_EPOCHS = 10


def comparison_configs(folder: Path) -> dict:
    """config.yml ("current") and the same classifiers without spaCy ("sparse_whitespace":
    whitespace tokens, no lemmas), derived from config.yml so the two never drift apart;
    both with COMPARISON_EPOCHS."""
    current = yaml.safe_load((ROOT / "config.yml").read_text())
    for component in current["pipeline"]:
        if "epochs" in component:
            component["epochs"] = COMPARISON_EPOCHS
    sparse = copy.deepcopy(current)
    pipeline = []
    for component in sparse["pipeline"]:
        name = component["name"]
        if name == "SpacyNLP":
            continue
        if name == "SpacyTokenizer":
            component = {"name": "WhitespaceTokenizer"}
        component.pop("use_lemma", None)
        pipeline.append(component)
    sparse["pipeline"] = pipeline
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, config in (("current", current), ("sparse_whitespace", sparse)):
        paths[name] = folder / f"{name}.yml"
        paths[name].write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    return paths


def heldout(model: str, out: Path) -> dict:
    subprocess.run(
        [
            PYTHON,
            "scripts/evaluate_nlu.py",
            "--model",
            model,
            "--data",
            HELDOUT,
            "--out",
            str(out),
            "--min-accuracy",
            "0",
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return json.loads((out / "heldout_summary.json").read_text())


def compare_pipelines(work: Path, reports: Path) -> dict:
    """`rasa test nlu` comparison mode: trains each pipeline on the same 80 % of data/ and
    tests on the other 20 %; then each of those models is also scored on the held-out set."""
    configs = comparison_configs(work / "configs")
    out = work / "compare"
    started = time.monotonic()
    subprocess.run(
        [
            RASA,
            "test",
            "nlu",
            "--nlu",
            "data",
            "--config",
            *map(str, configs.values()),
            "--runs",
            "1",
            "--percentages",
            "0",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    split_f1 = json.loads((out / "results.json").read_text())  # Rasa: model -> runs -> F1 per percentage
    results = {"seconds": round(time.monotonic() - started), "epochs": COMPARISON_EPOCHS, "pipelines": {}}
    for name in configs:
        model = out / "run_1" / "0%_exclusion" / f"{name}.tar.gz"
        if not model.exists():
            model = next((out / "run_1" / "0%_exclusion").glob(f"{name}*.tar.gz"))
        results["pipelines"][name] = {
            "split_f1": round(split_f1[name][0][0], 4),
            "heldout": heldout(str(model), work / f"heldout-{name}"),
            "spacy": _spacy_of(configs[name]),
        }
    graph = out / "nlu_model_comparison_graph.pdf"
    if graph.exists():
        shutil.copy(graph, reports / "nlu_model_comparison_graph.pdf")
    return results


def _spacy_of(config_path: Path) -> str:
    config = yaml.safe_load(config_path.read_text())
    for component in config["pipeline"]:
        if component["name"] == "SpacyNLP":
            return (ROOT / ".spacy/selected-model").read_text().strip()
    return "none (whitespace tokens)"


def rasa_nlu_report(work: Path, reports: Path) -> None:
    """Rasa's own report on the held-out set: confusion matrix and confidence histogram."""
    out = work / "rasa-nlu"
    subprocess.run(
        [RASA, "test", "nlu", "--model", MODEL, "--nlu", HELDOUT, "--out", str(out)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for image in ("intent_confusion_matrix.png", "intent_histogram.png"):
        if (out / image).exists():
            shutil.copy(out / image, reports / image)


def conversation_tests(work: Path) -> dict:
    out = work / "stories"
    run = subprocess.run(
        [RASA, "test", "core", "--model", MODEL, "--stories", "tests/test_stories.yml", "--e2e", "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stories = yaml.safe_load((ROOT / "tests/test_stories.yml").read_text())["stories"]
    failed_file = out / "failed_test_stories.yml"
    failed_text = failed_file.read_text() if failed_file.exists() else ""
    failed = len(re.findall(r"^- story:", failed_text, flags=re.M))
    report = json.loads((out / "story_report.json").read_text()) if (out / "story_report.json").exists() else {}
    actions = report.get("accuracy")
    return {
        "stories": len(stories),
        "stories_passed": len(stories) - failed,
        "action_accuracy": round(actions, 4) if actions is not None else None,
        "exit_code": run.returncode,
    }
