from rasa.shared.nlu.training_data.message import Message

from components.message_limit import MessageLengthLimit


def test_long_messages_are_cut_for_nlu_short_ones_untouched():
    limit = MessageLengthLimit({"max_characters": 10})
    long, short = Message(data={"text": "amif " * 20}), Message(data={"text": "wat is amif"[:10]})
    limit.process([long, short])
    assert long.get("text") == ("amif " * 20)[:10]
    assert short.get("text") == "wat is ami"


def test_messages_without_text_pass():
    assert MessageLengthLimit({"max_characters": 10}).process([Message(data={})])[0].get("text") is None
