"""The responses of domain.yml that the custom actions utter or fill (one name per line).

`rasa data validate` warns about every response no story or rule names, also those a custom
action utters ("dispatcher.utter_message(response=...)", RasaHQ/rasa#4200); scripts/validate.sh
accepts that warning only for the names printed here: the string literals "utter_…" in
actions/ and rasa_extensions/, and utter_faq, whose answers utter_faq/<key> action_answer_faq utters.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def responses_of_actions() -> set:
    names = {"utter_faq"}
    for path in [*(ROOT / "actions").rglob("*.py"), *(ROOT / "rasa_extensions").rglob("*.py")]:
        names.update(re.findall(r"[\"'](utter_[a-z0-9_]+)[\"']", path.read_text(encoding="utf-8")))
    return names


if __name__ == "__main__":
    print("\n".join(sorted(responses_of_actions())))
    sys.exit(0)
