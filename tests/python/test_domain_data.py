"""Static checks that tie domain.yml to the training data: buttons that send text must
send a question the bot was trained on, so a click always lands on the right answer."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def training_examples():
    """{intent name (faq/<key> for FAQs): set of example texts without entity markup}."""
    import re

    examples = {}
    for path in (ROOT / "data").glob("nlu*.yml"):
        for item in yaml.safe_load(path.read_text()).get("nlu", []):
            if "intent" in item:
                texts = {
                    re.sub(r"\[([^\]]+)\][({][^)}]*[)}]", r"\1", line[2:].strip())
                    for line in item["examples"].splitlines()
                    if line.strip().startswith("- ")
                }
                examples.setdefault(item["intent"], set()).update(texts)
    return examples


def faq_titles():
    return {
        name.split("/", 1)[1]: variations[0]["metadata"]["title"]
        for name, variations in DOMAIN["responses"].items()
        if name.startswith("utter_faq/")
    }


def test_every_faq_title_is_a_training_example_of_its_own_answer():
    examples = training_examples()
    missing = {key: title for key, title in faq_titles().items() if title not in examples.get(f"faq/{key}", set())}
    assert not missing


def test_text_payloads_are_faq_titles_and_intent_payloads_exist():
    titles = set(faq_titles().values())
    intents = set(DOMAIN["intents"])
    for name, variations in DOMAIN["responses"].items():
        for variation in variations:
            for button in variation.get("buttons") or []:
                payload = button["payload"]
                if payload.startswith("/"):
                    assert payload[1:].split("{")[0] in intents, (name, payload)
                else:
                    assert payload in titles, (name, payload)


def test_every_faq_answer_is_short_and_has_a_link_or_contact():
    for name, variations in DOMAIN["responses"].items():
        if name.startswith("utter_faq/"):
            text = variations[0]["text"]
            sentences = [s for s in text.replace("...", "").split(". ") if s.strip()]
            assert 1 <= len(sentences) <= 5, name
            assert len(text) < 650, (name, len(text))
