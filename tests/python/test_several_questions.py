"""A message with several questions is split into its questions, each with the statements
that lead up to it; one question (also with "of" between two options) stays whole."""

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.several_questions import answering_each_question, split_questions


@pytest.mark.parametrize(
    "text, parts",
    [
        ("Wat is AMIF? En welke oproepen zijn er nu open?", ["Wat is AMIF?", "En welke oproepen zijn er nu open?"]),
        ("Wat is AMIF en wie beheert het Waalse luik?", ["Wat is AMIF", "wie beheert het Waalse luik?"]),
        (
            "Wij zijn een OCMW in Gent. Welke oproepen zijn er en hoe dien ik in?",
            ["Wij zijn een OCMW in Gent. Welke oproepen zijn er", "hoe dien ik in?"],
        ),
        (
            "Wie beheert het Waalse luik? En wat is hun website?",
            ["Wie beheert het Waalse luik?", "En wat is hun website?"],
        ),
        (
            "Wij zijn een vzw uit Brugge.\n1) wie kan er indienen\n2) hoe bereid ik me voor op een oproep",
            ["Wij zijn een vzw uit Brugge. wie kan er indienen", "hoe bereid ik me voor op een oproep"],
        ),
        (
            "1) Wat is Europa WSE 2) wie is daar de contactpersoon 3) kan ik iemand aan de lijn krijgen",
            ["Wat is Europa WSE", "wie is daar de contactpersoon", "kan ik iemand aan de lijn krijgen"],
        ),
        (
            "Hoeveel budget is er en tot wanneer kan ik indienen?",
            ["Hoeveel budget is er", "tot wanneer kan ik indienen?"],
        ),
        (
            "Ik wil weten wie het Waalse luik beheert en wat het budget is",  # indirect: the verb comes last
            ["Ik wil weten wie het Waalse luik beheert", "wat het budget is"],
        ),
        (
            "Welke kosten zijn er, bv. personeel? En wie betaalt?",
            ["Welke kosten zijn er, bv. personeel?", "En wie betaalt?"],
        ),
    ],
)
def test_several_questions_are_split(text, parts):
    assert split_questions(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        "Hoe en waar dien ik in?",
        "Kan ik alleen indienen of moet ik een partner hebben?",
        "Wat is de deadline van oproep nr. 579?",
        "Hallo. Wat is AMIF?",
        "Is dat voor vzw's of voor gemeenten?",
        "Wie beheert en financiert het Vlaamse luik?",
        "Dank je. Tot ziens",
        '/inform{"region":"wallonie"}',
    ],
)
def test_one_question_stays_whole(text):
    assert split_questions(text) == [text]


def test_each_question_reaches_rasa_in_order_with_its_place_in_the_message():
    seen = []

    async def on_new_message(message: UserMessage):
        seen.append((message.text, message.metadata))
        await message.output_channel.send_text_message(message.sender_id, f"antwoord op {message.text}")

    collector = CollectingOutputChannel()
    handle = answering_each_question(on_new_message)
    asyncio.run(
        handle(UserMessage("Wat is AMIF? En wie beheert het Waalse luik?", collector, "v1", metadata={"widget": "1"}))
    )
    assert [text for text, _ in seen] == ["Wat is AMIF?", "En wie beheert het Waalse luik?"]
    assert seen[0][1] == {
        "widget": "1",
        "question_part": {"index": 1, "count": 2, "message": "Wat is AMIF? En wie beheert het Waalse luik?"},
    }
    assert seen[1][1]["question_part"] == {"index": 2, "count": 2}
    assert [m["text"] for m in collector.messages] == [
        "antwoord op Wat is AMIF?",
        "antwoord op En wie beheert het Waalse luik?",
    ]


def test_a_single_question_passes_unchanged():
    seen = []

    async def on_new_message(message):
        seen.append(message)

    message = UserMessage("Wat is AMIF?", CollectingOutputChannel(), "v1")
    asyncio.run(answering_each_question(on_new_message)(message))
    assert seen == [message]


@pytest.mark.parametrize(
    "text, count",
    [
        ("Twee vragen: wat is de doelgroep en hoeveel cofinanciering krijgen we?", 2),
        ("Ik heb een paar vragen. Ten eerste: wat is AMIF? Ten tweede: wie beheert het Vlaamse luik?", 2),
        ("hoe dien ik in, welke documenten heb ik nodig en wie helpt me daarbij?", 3),
        ("wat is amif. wie beheert het vlaamse luik", 2),
        ("Is er een oproep open voor vzw's en wat is de deadline?", 2),
        ("Hoeveel geld krijg ik en hoe lang mag het project duren?", 2),
        ("Ik zou graag weten wat AMIF is en wie er kan indienen.", 2),
        ("Kunnen jullie me uitleggen wat de doelgroep is en hoe ik een partner vind?", 2),
        ("a) wat is amif b) wie beheert het waalse luik", 2),
        ("- wat is amif\n- wie beheert het waalse luik\n- hoe blijf ik op de hoogte", 3),
        ("Welke oproepen lopen er, en tot wanneer?", 2),
        ("Wat zijn de prioriteiten? En de doelgroep?", 2),
        ("Eerst dit: hoeveel budget heeft AMIF. Dan: wie beslist over de projecten", 2),
        ("wat is de deadline en het budget van oproep 579?", 1),
        ("Wie beheert het Vlaamse luik en het Waalse luik?", 1),
        ("Hoe, wanneer en waar dien ik een project in?", 1),
        ("Wij zijn een kleine gemeente, kunnen wij ook indienen?", 1),
        ("Als OCMW, wat kunnen wij met AMIF doen?", 1),
    ],
)
def test_more_ways_visitors_join_questions(text, count):
    assert len(split_questions(text)) == count, split_questions(text)


def test_the_development_set_is_split_as_a_careful_reader_would():
    """several_questions_dev.yml: 162 messages with their number of questions, written to
    develop the splitter (the held-out set in tests/heldout/ measures it)."""
    from pathlib import Path

    import yaml

    messages = yaml.safe_load(Path(__file__).with_name("several_questions_dev.yml").read_text())["messages"]
    wrong = [
        (m["questions"], split_questions(m["text"]))
        for m in messages
        if len(split_questions(m["text"])) != m["questions"]
    ]
    assert len(wrong) <= 0.05 * len(messages), wrong
