"""Spelling of every Dutch text the bot says (domain.yml: responses and button titles), checked
with Hunspell and the Dutch OpenTaal dictionary from Debian (`hunspell`, `hunspell-nl`,
installed by the Makefile like Chromium). Names the dictionary lacks are in
tests/spelling/allowed_words.txt; {placeholders}, links, addresses and numbers are skipped."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_FILE = ROOT / "tests/spelling/allowed_words.txt"
HUNSPELL_DICTIONARY = "nl"  # /usr/share/hunspell/nl.dic from hunspell-nl

_PLACEHOLDER = re.compile(r"{[^{}\n]*}")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_ADDRESS = re.compile(r"(https?://|mailto:|tel:|www\.)\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|\b[\w-]+\.(be|eu|com|org)\b")
# A word: letters (with accents), inner apostrophes (OCMW's) and hyphens (AMIF-oproep).
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")


def allowed():
    words, skipped_responses = set(), set()
    for line in ALLOWED_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("@response "):
            skipped_responses.add(line.split(None, 1)[1])
        elif line and not line.startswith("#"):
            words.add(line)
    return words, skipped_responses


def bot_texts(skipped_responses):
    responses = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    for name, variations in responses.items():
        if name in skipped_responses:
            continue
        for variation in variations:
            yield name, variation.get("text") or ""
            for button in variation.get("buttons") or []:
                yield name, button.get("title") or ""


def words_of(text):
    text = _ADDRESS.sub(" ", _LINK_TARGET.sub("] ", _PLACEHOLDER.sub(" ", text)))
    for word in _WORD.findall(text):
        # A hyphenated compound is right when each part is (AMIF-oproep, Wallonië-Brussel).
        yield from (part for part in word.split("-") if part)


def misspelled(words):
    """The words Hunspell with the Dutch dictionary does not accept."""
    found = subprocess.run(
        ["hunspell", "-d", HUNSPELL_DICTIONARY, "-i", "utf-8", "-l"],
        input="\n".join(words),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return set(found)


def test_hunspell_with_the_dutch_dictionary_is_installed():
    assert shutil.which("hunspell"), "hunspell is missing: `make test-python` installs it (apt)"
    assert misspelled(["gemeente", "oproepen", "subsidie"]) == set()
    assert misspelled(["gemeentte", "opropen"]) == {"gemeentte", "opropen"}


def test_every_bot_text_is_spelled_right():
    allowed_words, skipped_responses = allowed()
    where = {}
    for name, text in bot_texts(skipped_responses):
        for word in words_of(text):
            if word not in allowed_words:
                where.setdefault(word, name)
    wrong = {word: where[word] for word in sorted(misspelled(where))}
    assert not wrong, f"spelling (word: response); right names go in {ALLOWED_FILE.relative_to(ROOT)}: {wrong}"


# "u"/"uw" addressing the visitor; the bot says "je", "jij", "jouw" everywhere.
_FORMAL = re.compile(r"\b(u|uw|U|Uw)\b")


def test_one_register_je_everywhere():
    _, skipped_responses = allowed()
    formal = {name: text[:60] for name, text in bot_texts(skipped_responses) if _FORMAL.search(_ADDRESS.sub(" ", text))}
    assert not formal
