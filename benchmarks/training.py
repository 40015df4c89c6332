"""Training time: `rasa train` from scratch (empty cache) and after a change to answers only
(Rasa's cache reuses every component the change does not touch)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = str(ROOT / "scripts/rasa")


def _train(work: Path, cache: Path, domain: Path, name: str) -> float:
    env = dict(os.environ, RASA_CACHE_DIRECTORY=str(cache))
    started = time.monotonic()
    subprocess.run(
        [
            RASA,
            "train",
            "--config",
            "config.yml",
            "--data",
            "data",
            "--domain",
            str(domain),
            "--out",
            str(work / "models"),
            "--fixed-model-name",
            name,
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def _domain_with_changed_answer(source: Path, target: Path, response: str) -> None:
    """A copy of the domain where one answer's wording changed (what staff do most)."""
    domain = yaml.safe_load(source.read_text())
    variants = domain["responses"][response]
    variants[0]["text"] = variants[0]["text"] + " (gewijzigd)"
    target.write_text(yaml.safe_dump(domain, sort_keys=False, allow_unicode=True))


def measure(work: Path) -> dict:
    """One training from scratch (several minutes, so one run), then a change to one answer's
    wording (utter_greet): Rasa retrains nothing and only packs the new domain."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    cache = work / "cache"
    results = {"scratch_s": round(_train(work, cache, ROOT / "domain.yml", "scratch"), 1)}
    changed = work / "domain-answer-changed.yml"
    _domain_with_changed_answer(ROOT / "domain.yml", changed, "utter_greet")
    results["answer_changed_s"] = round(_train(work, cache, changed, "answer-changed"), 1)
    return results
