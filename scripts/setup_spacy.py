"""Choose the Dutch spaCy pipeline for Rasa and record the choice in .spacy/selected-model.

Order:
1. `nl_core_news_sm` 3.4.x if it is already installed;
2. a local wheel named by NL_CORE_NEWS_SM_WHEEL (path to nl_core_news_sm-3.4.*.whl);
3. `spacy download nl_core_news_sm` (GitHub releases; unreachable on machines without internet);
4. otherwise the FALLBACK: spacy.blank("nl") + lookup lemmatizer (spacy-lookups-data), saved
   to .spacy/nl_blank_lookup under its own name. It is announced loudly and never named
   nl_core_news_sm.

config.yml reads the selection through ${AMIF_SPACY_MODEL} (set by scripts/rasa), so the
trained model's metadata records which pipeline it was trained with.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from pathlib import Path

from amif.settings import settings

ROOT = Path(__file__).resolve().parent.parent
SPACY_DIR = ROOT / ".spacy"
SELECTION_FILE = SPACY_DIR / "selected-model"
FALLBACK_DIR = SPACY_DIR / "nl_blank_lookup"
# Relative so the recorded path in a trained model works from any clone location.
FALLBACK_REF = ".spacy/nl_blank_lookup"
OFFICIAL = "nl_core_news_sm"
OFFICIAL_VERSION_PREFIX = "3.4."
FALLBACK_NAME = "blank_nl_lookup"  # spaCy meta name of the fallback; deliberately not the official one
DOWNLOAD_TIMEOUT_S = 120


def official_installed() -> bool:
    if importlib.util.find_spec(OFFICIAL) is None:
        return False
    from importlib.metadata import version

    installed = version(OFFICIAL)
    if not installed.startswith(OFFICIAL_VERSION_PREFIX):
        print(f"{OFFICIAL} {installed} is installed but spaCy 3.4 needs {OFFICIAL_VERSION_PREFIX}x; ignoring it.")
        return False
    return True


def pip_install(target: str) -> bool:
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", target])
    return result.returncode == 0


def try_download() -> bool:
    print(f"Trying `spacy download {OFFICIAL}` (needs GitHub; up to {DOWNLOAD_TIMEOUT_S} s)...")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "spacy", "download", OFFICIAL],
            timeout=DOWNLOAD_TIMEOUT_S,
            capture_output=True,
            text=True,
        )
    except subprocess.TimeoutExpired:
        print("  download timed out.")
        return False
    if result.returncode != 0:
        last_line = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["(no output)"]
        print(f"  download failed: {last_line[0][:200]}")
        return False
    return True


def build_fallback() -> None:
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the Dutch lookup table from spacy-lookups-data
    nlp.meta["name"] = FALLBACK_NAME
    nlp.meta["description"] = (
        "FALLBACK for nl_core_news_sm: blank Dutch tokenizer + lookup lemmas "
        "(spacy-lookups-data). No POS tags, no vectors."
    )
    nlp.to_disk(FALLBACK_DIR)


def announce_fallback() -> None:
    bar = "=" * 78
    print(
        f"\n{bar}\nLET OP / WARNING: {OFFICIAL} is NOT available on this machine.\n"
        f"Using the fallback Dutch pipeline '{FALLBACK_NAME}' ({FALLBACK_REF}):\n"
        "spacy.blank('nl') with lookup lemmas from spacy-lookups-data (no POS, no vectors).\n"
        f"To use the official model: NL_CORE_NEWS_SM_WHEEL=/path/to/{OFFICIAL}-3.4.0-py3-none-any.whl "
        "make spacy-model\n"
        f"{bar}\n"
    )


def select() -> str:
    if official_installed():
        return OFFICIAL
    wheel = settings().nl_core_news_sm_wheel
    if wheel:
        if not Path(wheel).is_file():
            sys.exit(f"NL_CORE_NEWS_SM_WHEEL={wheel} is not a file.")
        print(f"Installing {OFFICIAL} from {wheel}")
        if pip_install(wheel) and official_installed():
            return OFFICIAL
        sys.exit(f"Could not install a usable {OFFICIAL} 3.4.x from {wheel}.")
    if settings().amif_skip_spacy_download != "1" and try_download() and official_installed():
        return OFFICIAL
    if not (FALLBACK_DIR / "meta.json").is_file():
        build_fallback()
    announce_fallback()
    return FALLBACK_REF


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    SPACY_DIR.mkdir(exist_ok=True)
    choice = select()
    # Rewrite only on a change: the file's time tells make whether the model must be retrained.
    if not SELECTION_FILE.is_file() or SELECTION_FILE.read_text().strip() != choice:
        SELECTION_FILE.write_text(choice + "\n")
    print(f"Dutch spaCy pipeline for Rasa: {choice} (recorded in {SELECTION_FILE.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
