"""The Dutch spaCy fallback and the record of which pipeline a model was trained with."""

import importlib.util
import io
import json
import sys
import tarfile
from pathlib import Path

import pytest
import spacy

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def load_script(name):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


setup_spacy = load_script("setup_spacy")
model_pipeline = load_script("model_pipeline")


def test_fallback_is_blank_dutch_with_lookup_lemmas_and_its_own_name(tmp_path, monkeypatch):
    monkeypatch.setattr(setup_spacy, "FALLBACK_DIR", tmp_path / "nl_blank_lookup")
    setup_spacy.build_fallback()
    nlp = spacy.load(tmp_path / "nl_blank_lookup")
    assert nlp.lang == "nl"
    assert nlp.meta["name"] == "blank_nl_lookup" != "nl_core_news_sm"
    assert [t.lemma_ for t in nlp("wie beheert de oproepen")][1] == "beheren"


def fake_model(path: Path, spacy_model: str) -> Path:
    metadata = {
        "train_schema": {
            "nodes": {
                "provide_SpacyNLP0": {"uses": "rasa.nlu.utils.spacy_utils.SpacyNLP", "config": {"model": spacy_model}},
                "train_DIETClassifier1": {"uses": "rasa.nlu.classifiers.diet_classifier.DIETClassifier", "config": {}},
            }
        }
    }
    # A component file whose name also ends in metadata.json comes first, as in real models.
    files = {
        "components/train_DIETClassifier1/DIETClassifier.data_example_metadata.json": b"[]",
        "metadata.json": json.dumps(metadata).encode(),
    }
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize(
    "trained, selected, code",
    [
        (".spacy/nl_blank_lookup", ".spacy/nl_blank_lookup", 0),
        ("nl_core_news_sm", "nl_core_news_sm", 0),
        ("nl_core_news_sm", ".spacy/nl_blank_lookup", 3),  # never serve with the other pipeline
        (".spacy/nl_blank_lookup", "nl_core_news_sm", 3),
    ],
)
def test_model_is_served_only_with_the_pipeline_it_was_trained_with(
    tmp_path, monkeypatch, capsys, trained, selected, code
):
    model = fake_model(tmp_path / "model.tar.gz", trained)
    selection = tmp_path / "selected-model"
    selection.write_text(selected + "\n")
    monkeypatch.setattr(sys, "argv", ["model_pipeline.py", str(model), "--selected", str(selection)])
    assert model_pipeline.main() == code
    out = capsys.readouterr().out
    assert ("FALLBACK" in out) == (trained != "nl_core_news_sm")


def test_unreadable_model_is_reported(tmp_path, monkeypatch):
    broken = tmp_path / "model.tar.gz"
    broken.write_bytes(b"not a tar")
    monkeypatch.setattr(sys, "argv", ["model_pipeline.py", str(broken)])
    assert model_pipeline.main() == 2
