"""Which call a visitor means, in their own words, against the list that is loaded now.

- By title: "de oproep kansen voor nieuwkomers op de arbeidsmarkt", "en over de
  opvangcapaciteit 2026?", "taalcoaching" — the words of the message against the words of
  every title (rapidfuzz for typos), so a call staff add to calls/calls.yml is found at once,
  without retraining. Words that many titles share weigh less than rare ones.
- By number: "oproep 579", "AMIF 24": a number in the message identifies a call; an EU topic
  code ("AMIF-2025-TF2-AG-INTE-02") only as a whole (all its topics when the topic is left off).
- By position in the list just shown: "de eerste", "de tweede", "die laatste", "nummer 3".
- By authority within that list: "die van de Europese Commissie".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz

from actions.calls.schema import Call
from actions.vocabulary import fold

# Words that say nothing about which call is meant: question words, filler, what is asked.
STOPWORDS = frozenset(
    """
    de het een der den des van voor op in aan met en of over rond bij naar tot te om door uit
    is zijn was waren wordt worden kan kunnen mag mogen moet moeten zal zou heeft hebben heb hebt
    wat wie waar wanneer hoe hoeveel welke welk waarom wanneer tegen sinds vanaf
    ik we wij je jij u ge gij mij me ons onze jullie hun hen zij ze er nog nu al ook eens even
    die dat deze dit daar daarvan hiervan daarover erover ervan zo toch wel niet geen graag aub
    oproep oproepen projectoproep projectoproepen subsidieoproep call calls amif nr nummer
    deadline einddatum sluit sluiten sluitingsdatum uiterste datum budget bedrag geld euro middelen
    link url website webpagina pagina info informatie meer details vertel geef toon zeg leg uit
    open opent openen start begint lopen loopt indienen dien vind vinden staat krijg krijgen
    en eh euh ok oke allez hallo dag
""".split()
)
ORDINALS = {
    "eerste": 1,
    "1e": 1,
    "1ste": 1,
    "bovenste": 1,
    "tweede": 2,
    "2e": 2,
    "2de": 2,
    "derde": 3,
    "3e": 3,
    "3de": 3,
    "vierde": 4,
    "4e": 4,
    "4de": 4,
    "vijfde": 5,
    "5e": 5,
    "5de": 5,
    "laatste": -1,
    "onderste": -1,
    "voorlaatste": -2,
}
NUMBER_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5}
_NUMBER_HINTS = {"oproep", "nr", "nummer", "amif", "call"}
_YEARS = range(1900, 2101)

# A title match must reach this score (0-1: how much of the title and of the message's own
# words agree). In a question about a call a partial title will do; elsewhere (the visitor
# did not say "oproep") only a clear match counts.
SCORE_IN_CALLS_QUESTION = 0.45
SCORE_ELSEWHERE = 0.6


def words(text: str) -> List[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def _is_number(word: str) -> bool:
    return word.isdigit() and int(word) not in _YEARS


def _same(message_word: str, title_word: str) -> bool:
    if message_word == title_word:
        return True
    if message_word.isdigit() or title_word.isdigit():
        return False
    if min(len(message_word), len(title_word)) >= 5 and fuzz.ratio(message_word, title_word) >= 85:
        return True
    # "opvang" for "opvangcapaciteit", "integratieprojecten" for "integratie"
    shorter, longer = sorted((message_word, title_word), key=len)
    return len(shorter) >= 6 and longer.startswith(shorter)


@dataclass(frozen=True)
class TitleMatch:
    call: Call
    score: float
    matched: FrozenSet[str]  # the message's words that matched this call
    by_number: bool = False
    distinctive: bool = False  # a word of the message that matches this call's title only
    precision: float = 0.0  # share of the message's own words that belong to this title


def _numbers_in_message(message: List[str]) -> set:
    found = set()
    for before, word in zip([""] + message, message):
        if _is_number(word) and (len(word) >= 3 or before in _NUMBER_HINTS):
            found.add(word)
    return found


# An EU topic code, "AMIF-2025-TF2-AG-INTE-02": it names calls only as a whole (its "02" is
# no call number, or it would name every call with a 02 in it).
_TOPIC_CODE = re.compile(r"\b[a-z]{2,}-(?:19|20)\d\d(?:-[a-z0-9]+)+", re.IGNORECASE)


def _contains_run(haystack: List[str], run: List[str]) -> bool:
    return any(haystack[i : i + len(run)] == run for i in range(len(haystack) - len(run) + 1))


def _code_matches(calls: Sequence[Call], text: str) -> List[TitleMatch]:
    """The calls whose title or id holds a topic code of the message, word for word."""
    codes = [words(code) for code in _TOPIC_CODE.findall(text)]
    found = []
    for call in calls:
        for code in codes:
            if _contains_run(words(call.title), code) or _contains_run(words(call.id), code):
                found.append(TitleMatch(call, 1.0, frozenset(code), by_number=True, distinctive=True, precision=1.0))
                break
    return found


def title_matches(calls: Sequence[Call], text: str) -> List[TitleMatch]:
    """Every call whose title (or number) the text names at all, best first."""
    by_code = _code_matches(calls, text)
    if by_code:
        return by_code
    message = words(text)
    numbers = _numbers_in_message(message)
    # Years count as words ("opvangcapaciteit 2026"); other numbers only as call numbers.
    content = [
        w
        for w in dict.fromkeys(message)
        if w not in STOPWORDS and (not w.isdigit() or int(w) in _YEARS or w in numbers)
    ]
    if not content:
        return []
    title_words = {call.id: [w for w in dict.fromkeys(words(call.title)) if w not in STOPWORDS] for call in calls}
    document_frequency = Counter(w for ws in title_words.values() for w in set(ws))
    weight = {w: math.log(1 + len(calls) / n) for w, n in document_frequency.items()}

    # In how many titles each word of the message turns up (with typos and word forms).
    spread = Counter(m for call in calls for m in content if any(_same(m, t) for t in title_words[call.id]))
    found: List[TitleMatch] = []
    for call in calls:
        own = title_words[call.id]
        own_numbers = {w for w in own + words(call.id) if _is_number(w)}
        if numbers:
            if numbers & own_numbers:
                found.append(
                    TitleMatch(
                        call, 1.0, frozenset(numbers & own_numbers), by_number=True, distinctive=True, precision=1.0
                    )
                )
            continue  # a number names one call: "oproep 579" never means call 369
        if not own:
            continue
        matched_title = [t for t in own if any(_same(m, t) for m in content)]
        matched_message = frozenset(m for m in content if any(_same(m, t) for t in own))
        if not matched_message:
            continue
        recall = sum(weight[t] for t in matched_title) / sum(weight[t] for t in own)
        precision = len(matched_message) / len(content)
        distinctive = any(spread[m] == 1 for m in matched_message)
        found.append(
            TitleMatch(
                call,
                2 * precision * recall / (precision + recall),
                matched_message,
                distinctive=distinctive,
                precision=precision,
            )
        )
    return sorted(found, key=lambda match: -match.score)


def named_calls(calls: Sequence[Call], text: str, in_calls_question: bool = True) -> Tuple[List[Call], bool]:
    """The call(s) the text names, and whether it is ambiguous (then: ask which one).

    Ambiguous means two or more calls fit equally well: the same words of the message match
    each of them ("taalcoaching" for "Taalcoaching op de werkvloer" and "… op school").
    """
    if in_calls_question:
        # a partial title, or one long word only this call's title has ("kleuterparticipatie")
        good = [
            m
            for m in title_matches(calls, text)
            if m.score >= SCORE_IN_CALLS_QUESTION
            or (m.distinctive and m.precision >= 0.5 and any(len(w) >= 8 for w in m.matched))
        ]
    else:
        # only a clear match that includes a word of this title alone ("uitbreiding")
        good = [m for m in title_matches(calls, text) if m.score >= SCORE_ELSEWHERE and m.distinctive]
    if not good:
        return [], False
    best = good[0]
    tied = [m for m in good if m.matched == best.matched and m.score >= 0.8 * best.score]
    if len(tied) > 1:
        return [m.call for m in tied], True
    return [best.call], False


def ordinal(text: str) -> Optional[int]:
    """1 for "de eerste", 2 for "nummer twee", -1 for "die laatste", -2 for "de voorlaatste";
    None without a position."""
    message = words(fold(text))
    for before, word in zip([""] + message, message):
        if word in ORDINALS:
            return ORDINALS[word]
        if before in {"nummer", "nr"} and word in NUMBER_WORDS:
            return NUMBER_WORDS[word]
        if word.isdigit() and len(word) == 1 and before in {"nummer", "nr", "de", "die", "kies"}:
            return int(word)
    return None


def pick_from_shown(
    shown: Sequence[Call],
    text: str,
    authority: Optional[str] = None,
    theme: Optional[str] = None,
    audience: Optional[str] = None,
) -> List[Call]:
    """From the calls just shown: the one at a position, else those of an authority, on a
    theme or for an audience ("die van de FOD", "die rond opvang"), else all of them."""
    position = ordinal(text)
    if position is not None:
        index = position - 1 if position > 0 else len(shown) + position
        return [shown[index]] if 0 <= index < len(shown) else []
    return [
        call
        for call in shown
        if (not authority or call.authority == authority)
        and (not theme or theme in call.themes)
        and (not audience or call.matches_audience(audience))
    ]


def by_id(calls: Sequence[Call]) -> Dict[str, Call]:
    return {call.id: call for call in calls}
