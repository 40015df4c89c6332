"""The Rasa server loads its models for answering only (rasa_extensions/fast_model_load.py): it must
answer exactly as Rasa's own load does. Loads the trained model both ways in fresh
processes (~2 minutes), with a real action server beside them, and compares intents,
confidences, chosen FAQ answers, entities and the replies of whole conversations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.bot_process import free_port, port_open

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models/amif-assistent.tar.gz"


def predictions(mode: str, tmp_path: Path, action_port: int) -> dict:
    out = tmp_path / f"{mode}.json"
    env = dict(
        os.environ,
        AMIF_SPACY_MODEL=(ROOT / ".spacy/selected-model").read_text().strip(),
        AMIF_ACTION_ENDPOINT_URL=f"http://localhost:{action_port}/webhook",
        AMIF_DB_URL=f"sqlite:///{tmp_path / 'unused.db'}",
        TF_CPP_MIN_LOG_LEVEL="2",
        PYTHONWARNINGS="ignore",
    )
    subprocess.run(
        [sys.executable, str(Path(__file__).with_name("predict_with_load.py")), mode, str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=600,
    )
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def action_port(tmp_path_factory):
    port = free_port()
    log = open(tmp_path_factory.mktemp("actions") / "actions.log", "w")
    server = subprocess.Popen([str(ROOT / "scripts/action_server"), str(port)], cwd=ROOT, stdout=log, stderr=log)
    deadline = time.monotonic() + 120
    while not port_open(port):
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"the action server did not start; see {log.name}")
        time.sleep(0.5)
    yield port
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def both(tmp_path_factory, action_port):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train`")
    tmp = tmp_path_factory.mktemp("load")
    return predictions("rasa", tmp, action_port), predictions("fast", tmp, action_port)


def test_same_intents_answers_and_entities(both):
    rasa, fast = both
    assert len(fast["parses"]) == len(rasa["parses"]) == 120
    for mine, theirs in zip(fast["parses"], rasa["parses"]):
        assert (mine["intent"], mine["faq"], mine["entities"]) == (
            theirs["intent"],
            theirs["faq"],
            theirs["entities"],
        ), mine["text"]
        assert mine["confidence"] == pytest.approx(theirs["confidence"], abs=1e-5), mine["text"]
        assert mine["faq_confidence"] == pytest.approx(theirs["faq_confidence"], abs=1e-5)


def test_same_conversation_replies(both):
    rasa, fast = both
    assert fast["replies"] == rasa["replies"]
    assert all(fast["replies"]), "every turn of the check conversations gets a reply"


def test_fast_load_was_used(both):
    # DIET, ResponseSelector and TED: all three loaded without the training graph.
    rasa, fast = both
    print(f"model load: Rasa's own {rasa['load_s']:.1f} s, answer-only {fast['load_s']:.1f} s")
    assert (rasa["fast_loads"], fast["fast_loads"]) == (0, 3)
