"""Loads the trained model with Rasa's own load ("rasa") or the server's faster one ("fast",
rasa_extensions/fast_model_load.py), answers a fixed set of messages and conversations, and writes the
predictions as JSON. Run in a fresh process per mode by test_fast_start.py."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

# FAQ answers, basics and follow-ups that depend on the history; the FAQ answers go through the
# custom action action_answer_faq, so the test runs a real action server beside the agent.
CONVERSATIONS = [
    ["hallo", "wat is amif", "wie kan er een project indienen?", "bedankt", "tot ziens"],
    ["Welke doelgroepen zijn er?", "Hoe is AMIF in België georganiseerd?", "en welke prioriteiten zijn er?"],
    [
        "Krijg ik hulp bij het schrijven van een aanvraag?",
        "Hoe bereid ik me voor op een oproep?",
        "hoe blijf ik op de hoogte?",
    ],
]


def heldout_messages(limit: int) -> list:
    data = yaml.safe_load((ROOT / "tests/nlu_heldout.yml").read_text())
    messages = [
        line.strip()[2:]
        for block in data["nlu"]
        for line in block["examples"].splitlines()
        if line.strip().startswith("- ")
    ]
    return messages[:limit]


async def predict(agent) -> dict:
    parses = []
    for message in heldout_messages(120):
        result = await agent.parse_message(message)
        selected = result.get("response_selector", {}).get("faq", {}).get("response", {})
        parses.append(
            {
                "text": message,
                "intent": result["intent"]["name"],
                "confidence": result["intent"]["confidence"],
                "faq": selected.get("intent_response_key"),
                "faq_confidence": selected.get("confidence", 0.0),
                "entities": sorted((e["entity"], str(e["value"])) for e in result["entities"]),
            }
        )
    replies = []
    for number, turns in enumerate(CONVERSATIONS):
        for turn in turns:
            answer = await agent.handle_text(turn, sender_id=f"load-check-{number}")
            replies.append([message.get("text", "") for message in answer or []])
    return {"parses": parses, "replies": replies}


def main(mode: str, out_path: str) -> None:
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    if mode == "fast":  # only the model load: the other changes are not what is compared here
        from rasa_extensions import fast_model_load

        fast_model_load.install()
    started = time.monotonic()
    actions = EndpointConfig(url=os.environ["AMIF_ACTION_ENDPOINT_URL"])
    agent = Agent.load(str(ROOT / "models/amif-assistent.tar.gz"), action_endpoint=actions)
    load_s = time.monotonic() - started
    result = asyncio.run(predict(agent))
    result["load_s"] = load_s
    from rasa_extensions import fast_model_load

    result["fast_loads"] = fast_model_load.models_loaded_for_answering
    Path(out_path).write_text(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
