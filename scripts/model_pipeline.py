"""Print the spaCy pipeline a trained Rasa model was trained with, read from the
model's own metadata, and check it against the pipeline selected on this machine.

Exit 0 when they match, 3 when they differ (the model must be retrained before it is
served), 2 when the model cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
from pathlib import Path

OFFICIAL = "nl_core_news_sm"


def trained_spacy_model(model_path: Path) -> str | None:
    with tarfile.open(model_path, "r:gz") as archive:
        # Exactly the model's metadata.json: components store files like
        # "DIETClassifier.data_example_metadata.json", and the archive order varies.
        member = next(m for m in archive.getmembers() if Path(m.name).name == "metadata.json")
        metadata = json.load(archive.extractfile(member))
    for node in metadata["train_schema"]["nodes"].values():
        if node.get("uses", "").endswith("SpacyNLP"):
            return node["config"].get("model")
    return None


def describe(model: str | None) -> str:
    if model == OFFICIAL:
        return f"{OFFICIAL} (official spaCy Dutch pipeline)"
    return f"{model} (FALLBACK: blank Dutch + lookup lemmas, not {OFFICIAL})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--selected", type=Path, default=Path(".spacy/selected-model"))
    args = parser.parse_args()
    try:
        trained = trained_spacy_model(args.model)
    except (OSError, tarfile.TarError, StopIteration, KeyError, ValueError) as error:
        print(f"Cannot read the spaCy pipeline from {args.model}: {error}", file=sys.stderr)
        return 2
    selected = args.selected.read_text().strip() if args.selected.is_file() else None
    print(f"Model {args.model.name} was trained with spaCy pipeline: {describe(trained)}")
    if trained != OFFICIAL:
        print(f"LET OP: serving a model trained with the FALLBACK pipeline, not {OFFICIAL}.")
    if selected != trained:
        print(
            f"ERROR: this machine has selected '{selected}', but the model needs '{trained}'. "
            "Retrain with `make train`.",
            file=sys.stderr,
        )
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
