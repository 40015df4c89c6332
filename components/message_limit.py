"""First step of the NLU pipeline: understand at most the first N characters of a message.

A 50 kB message took 8 s of CPU to parse (spaCy + DIET over ~10,000 tokens) and held up
every other visitor meanwhile. A question is never that long, so the NLU reads only its
beginning; the tracker still stores the full text, so nothing is lost.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


# Registered as a message preprocessor so Rasa runs it in pipeline order, before spaCy.
@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class MessageLengthLimit(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"max_characters": 1000}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MessageLengthLimit":
        return cls(config)

    def __init__(self, config: Dict[str, Any]) -> None:
        self.max_characters = int(config["max_characters"])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and len(text) > self.max_characters:
                message.set(TEXT, text[: self.max_characters])
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # training examples are short; nothing to cut
