"""Several questions in one message: each gets its own answer.

"Wat is AMIF? En welke oproepen zijn er nu open?" or "Wat is AMIF en wie beheert het Waalse
luik?" are two questions; Rasa understands one intent per message, so it would answer one
and drop the other without a word. The channels (REST and socket.io) hand each question to
Rasa as a message of its own, in order, in the same conversation: a later question can refer
to an earlier answer ("Wie beheert het Waalse luik? En wat is hun website?"). Each part
carries metadata ``{"question_part": {"index": i, "count": n}}``, so an answer that cannot
be given names the question it is about (actions/answer_actions.py).

The split is careful: a sentence that is not a question ("Wij zijn een OCMW in Gent.") stays
with the question after it, and "en"/"of" only splits when a new question clause follows
("… en wie beheert …", "… of moet ik …"). Button payloads ("/intent") are never split.
"""

from __future__ import annotations

import re
from typing import Any, Awaitable, Callable, List, Tuple

from rasa.core.channels.channel import UserMessage

QUESTION_PART_KEY = "question_part"  # read by actions/conversation.py
MAX_PARTS = 5  # more questions than this in one message are rare; the rest stays with the last

_WH = (
    "wie",
    "wat",
    "waar",
    "wanneer",
    "hoe",
    "hoeveel",
    "welke",
    "welk",
    "waarom",
    "waarvoor",
    "waarmee",
    "waarover",
    "waarop",
)
# "met hoeveel partners …", "tot wanneer …", "bij wie …": a preposition before a question word
_PREPOSITIONS = {"met", "voor", "bij", "in", "aan", "op", "van", "tot", "vanaf", "sinds", "naar", "uit", "over"}
_AUX = (
    "kan",
    "kun",
    "kunt",
    "kunnen",
    "mag",
    "mogen",
    "moet",
    "moeten",
    "is",
    "zijn",
    "ben",
    "bent",
    "heeft",
    "hebben",
    "heb",
    "hebt",
    "zal",
    "zullen",
    "wordt",
    "worden",
    "bestaat",
    "bestaan",
    "krijg",
    "krijgt",
    "krijgen",
    "geldt",
    "gelden",
    "loopt",
    "lopen",
    "staat",
    "staan",
    "komt",
    "komen",
    "gaat",
    "gaan",
    "zit",
    "zitten",
    "doe",
    "doet",
    "doen",
    "vind",
    "vindt",
    "dien",
    "dient",
    "valt",
    "vallen",
)
_SUBJECTS = (
    "ik",
    "we",
    "wij",
    "je",
    "jij",
    "u",
    "ge",
    "gij",
    "jullie",
    "ze",
    "zij",
    "hij",
    "het",
    "er",
    "een",
    "de",
    "dat",
    "dit",
    "die",
    "deze",
    "mijn",
    "onze",
    "ons",
    "amif",
    "europa",
)
_PRONOUNS = {"ik", "we", "wij", "je", "jij", "u", "ge", "gij", "jullie", "ze", "zij", "hij"}
# Finite verbs that follow a question word within a few words ("wie beheert", "welke oproepen zijn").
_FINITE = set(_AUX) | {
    "beheert",
    "beheren",
    "betekent",
    "kost",
    "kosten",
    "werkt",
    "werken",
    "bedraagt",
    "sluit",
    "opent",
    "start",
    "begint",
    "hoort",
    "financiert",
    "betaalt",
    "steunt",
    "organiseert",
    "regelt",
    "bereik",
    "contacteer",
    "was",
    "waren",
    "zou",
    "zouden",
    "heet",
    "lanceert",
    "verloopt",
    "duurt",
}
_REQUESTS = ("vertel", "geef", "toon", "leg", "zeg", "uitleg", "info", "graag", "stuur", "noem")
# Words before a question that do not change it: "en ook", "ten tweede", "ik vraag me af".
_LEADING = [
    lead.split()
    for lead in (
        "ik zou graag weten",
        "ik wil graag weten",
        "ik wil weten",
        "graag wil ik weten",
        "ik vraag me af",
        "ik vroeg me af",
        "kan je me zeggen",
        "kun je me zeggen",
        "kunt u me zeggen",
        "kunt u mij zeggen",
        "kunnen jullie me zeggen",
        "weet je",
        "weet jij",
        "ten eerste",
        "ten tweede",
        "ten derde",
        "tot slot",
        "nog een vraag",
        "andere vraag",
        "en ook nog",
        "en ook",
        "ook nog",
        "en dan",
        "eerst",
        "dan",
        "daarna",
        "verder",
        "daarnaast",
        "tenslotte",
        "bovendien",
        "tweede",
        "derde",
        "vraag",
        "ook",
        "nog",
        "en",
    )
]

# A full stop after these is no sentence end ("oproep nr. 579", "bv. personeel").
_ABBREVIATIONS = {"nr", "bv", "bvb", "vb", "ca", "dhr", "mevr", "st", "enz", "oa", "o.a", "m.a.w", "i.p.v"}
_BREAK = re.compile(r"\?+|[.!;:]+(?=\s)|\n")


def _sentences(text: str) -> List[str]:
    """Split after "?", after ". " / "! " / "; " (not after an abbreviation, nor before a
    number), after ": " when a question follows, and at line breaks."""
    sentences, start = [], 0
    for match in _BREAK.finditer(text):
        mark, end = match.group(), match.end()
        if mark[0] in ".!;:":
            before = text[start : match.start()].split()
            after = text[end:].lstrip()
            if (before and before[-1].lower().rstrip(".") in _ABBREVIATIONS) or after[:1].isdigit():
                continue
            # "Twee vragen: wat is …" ends there; "wie doet wat: federaal, Vlaanderen?" does not
            if mark[0] == ":" and not _starts_question(_strip_lead(_words(after))):
                continue
        sentences.append(text[start:end])
        start = end
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


_LIST_MARKER = re.compile(r"^\s*(?:\d+[.)]|[a-e]\)|[-*•])\s+")
# Between two questions in one sentence: "en", "of", "maar", a comma or a semicolon.
_JOIN = re.compile(r",?\s+(?:en|of|maar)\s+|[;,]\s*", re.IGNORECASE)


def _words(text: str) -> List[str]:
    return re.findall(r"[a-zà-ÿ0-9']+", text.lower())


# "ik zou graag weten …", "kan je me uitleggen …": the questions after these are indirect,
# with the verb at the end ("… wie het luik beheert en wanneer er een oproep komt").
_INDIRECT = [
    lead.split()
    for lead in (
        "ik zou graag weten",
        "ik wil graag weten",
        "ik wil weten",
        "graag wil ik weten",
        "ik vraag me af",
        "ik vroeg me af",
        "ik vraag mij af",
        "kan je me zeggen",
        "kun je me zeggen",
        "kunt u me zeggen",
        "kunt u mij zeggen",
        "kan je me uitleggen",
        "kun je me uitleggen",
        "kunt u me uitleggen",
        "kunnen jullie me zeggen",
        "kunnen jullie me uitleggen",
        "weet je",
        "weet jij",
        "weet u",
    )
]
_LEADING = _INDIRECT + _LEADING
_NOT_A_VERB = {
    "en",
    "maar",
    "dus",
    "want",
    "omdat",
    "als",
    "toen",
    "dan",
    "nu",
    "of",
    "ook",
    "zo",
    # greetings: "Goedemorgen, ik …" is no verb-first question
    "hallo",
    "dag",
    "hoi",
    "beste",
    "geachte",
    "goedemorgen",
    "goeiemorgen",
    "goedemiddag",
    "goeiemiddag",
    "goedenavond",
    "goeienavond",
    "bedankt",
    "merci",
    "sorry",
}
_AFTER_VERB = {"ook", "nog", "al", "enkel", "alleen", "zelfs"}  # "mogen ook Belgen …"


def _strip_lead(words: List[str]) -> List[str]:
    stripped = True
    while words and stripped:
        stripped = False
        for lead in _LEADING:
            if words[: len(lead)] == lead and len(words) > len(lead):
                words, stripped = words[len(lead) :], True
                break
    return words


def _indirect(words: List[str]) -> bool:
    return any(words[: len(lead)] == lead for lead in _INDIRECT)


def _finite(word: str) -> bool:
    """A finite verb, as far as a word list and Dutch endings tell ("beheert", "legt")."""
    return word in _FINITE or (len(word) >= 4 and word.endswith("t") and not word.endswith(("ent", "ant", "heit")))


def _verb_like(word: str) -> bool:
    """Could start a verb-first question: "kan", "dienen", "heb", "weet" (not "hallo", "beste")."""
    return (
        word in _AUX
        or word in _FINITE
        or word in ("wil", "wilt", "willen", "klopt")
        or (len(word) >= 3 and word.endswith(("en", "t")) and word not in _NOT_A_VERB)
    )


def is_question(text: str) -> bool:
    """A question or request: ends with "?", or starts like one ("wie beheert", "kan ik")."""
    if text.rstrip().endswith("?"):
        return True
    if re.match(r"\s*zeg\s*,", text, re.IGNORECASE):
        return False  # "Zeg, …" is a way to start talking, not a request
    words = _words(text)
    return _starts_question(_strip_lead(words), indirect=_indirect(words))


def _starts_question(words: List[str], indirect: bool = False) -> bool:
    if not words:
        return False
    if indirect and words[0] in _WH + ("of",):
        return True  # "(ik vraag me af) of we kunnen indienen", "(…) wie het luik beheert"
    if len(words) > 1 and words[0] in _PREPOSITIONS and words[1] in _WH + ("wanneer",):
        if words[1] == "wanneer" or len(words) == 2:
            return True  # "tot wanneer?" is a question of its own
        words = words[1:]
    if words[0] in _WH:  # "wie beheert", "welke oproepen zijn", "hoe bereid ik"
        return any(_finite(w) for w in words[1:4]) or any(w in _PRONOUNS for w in words[1:4])
    if (
        len(words) > 1
        and _verb_like(words[0])
        and (
            words[1] in _PRONOUNS  # verb first: "dienen we", "heb je", "weet u"
            or (
                (words[0] in _AUX or _finite(words[0]) or words[0] == "klopt")
                and (words[1] in _SUBJECTS or words[1] in _AFTER_VERB)
            )
        )
    ):  # "kan een vzw", "mogen ook"
        return True
    return words[0] in _REQUESTS


def _split_clauses(sentence: str) -> List[Tuple[str, bool]]:
    """The clauses of a sentence, each with whether it is a question: "Wat is AMIF en wie
    beheert het Waalse luik?" -> two questions; "Hoe en waar dien ik in?" and "Kan ik alleen
    indienen of moet ik een partner hebben?" -> one."""
    pieces, start = [], 0
    indirect = _indirect(_words(sentence))
    for match in _JOIN.finditer(sentence):
        left, right = sentence[start : match.start()], sentence[match.end() :]
        right_words = _strip_lead(_words(right)) if not indirect else _words(right)
        first = (right_words[:1] or [""])[0]
        # "… of is die al afgesloten?", "… of mag het een uitbreiding zijn": options within one question
        options = "of" in match.group().lower().split() and first not in _WH and not (indirect and first == "of")
        # after a bare comma, a question word, a verb-first question or a request starts a new question
        comma = match.group().strip() == "," and not (
            first in _WH or first in _REQUESTS or (first in _AUX and _starts_question(right_words))
        )
        left_words = _words(left)
        # "Hoe zit het met X, mogen wij …": the first part only names the topic of the question
        topic = match.group().strip() == "," and left_words[:2] == ["hoe", "zit"]
        # "Zijn Union Actions ook voor gemeenten en met hoeveel partners …?": verb first, noun subject
        yes_no = sentence.rstrip().endswith("?") and (left_words[:1] or [""])[0] in _AUX
        left_is_question = start > 0 or yes_no or _starts_question(_strip_lead(left_words), indirect=indirect)
        if (
            not options
            and not comma
            and not topic
            and len(left_words) >= (2 if start else 3)
            and left_is_question
            and _starts_question(right_words, indirect=indirect)
        ):
            pieces.append(left.strip())
            start = match.end()
    last = sentence[start:].strip()
    if not pieces:
        return [(sentence, is_question(sentence))] if sentence else []
    return [(piece, True) for piece in pieces] + [(last, True)]


# "Drie vragen: 1) … 2) …", "a) … b) …" inside a line
_NUMBERED_INSIDE = re.compile(r"(?:^|\s)(?:1[.)]|a\))\s.*\s(?:2[.)]|b\))\s", re.DOTALL)


def split_questions(text: str, max_parts: int = MAX_PARTS) -> List[str]:
    """The questions of a message, each with the statements that lead up to it."""
    if not text or text.lstrip().startswith("/") or len(text) < 12:
        return [text]
    if _NUMBERED_INSIDE.search(text):
        text = re.sub(r"\s+(?=(?:[1-9][.)]|[a-e]\))\s)", "\n", text)
    sentences = []  # (sentence, whether it was an item of a list)
    for raw in _sentences(text):
        item = bool(_LIST_MARKER.match(raw or ""))
        raw = _LIST_MARKER.sub("", raw or "").strip()
        if raw:
            sentences.extend((clause, question, item) for clause, question in _split_clauses(raw))
    parts: List[str] = []
    context: List[str] = []  # statements waiting for the question they lead up to
    for number, (sentence, question, item) in enumerate(sentences):
        # a lone word with a question mark ("hallo?", "sorry?") leads up to the next question,
        # unless it is an item of a list ("- budget?")
        if question and (len(_words(sentence)) > 1 or item or number == len(sentences) - 1):
            parts.append(" ".join(context + [sentence]))
            context = []
        else:
            context.append(sentence)
    if context:  # statements after the last question belong to it
        if not parts:
            return [text]
        parts[-1] = " ".join([parts[-1]] + context)
    if len(parts) > max_parts:
        parts = parts[: max_parts - 1] + [" ".join(parts[max_parts - 1 :])]
    return parts if len(parts) > 1 else [text]


def answering_each_question(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
) -> Callable[[UserMessage], Awaitable[Any]]:
    """Wraps a channel's ``on_new_message``: a message with several questions becomes
    several messages, handled one after the other, answered on the same output channel."""

    async def handle(message: UserMessage) -> Any:
        parts = split_questions(message.text or "")
        if len(parts) == 1:
            return await on_new_message(message)
        result = None
        for index, part in enumerate(parts, start=1):
            marker = {"index": index, "count": len(parts)}
            if index == 1:
                marker["message"] = message.text  # the visitor's whole message, for the record
            result = await on_new_message(
                UserMessage(
                    part,
                    message.output_channel,
                    message.sender_id,
                    input_channel=message.input_channel,
                    metadata={**(message.metadata or {}), QUESTION_PART_KEY: marker},
                )
            )
        return result

    return handle
