"""Which answer fits a question the NLU took for an FAQ question, given what the conversation
already says. Pure: the parse of the message and a little context in, a `Choice` out; the
glue (actions/answer_actions.py) utters it, and amif/understanding.py scores it.

- An FAQ answer only when the answer selector is sure enough: a specific question that no
  answer covers ("wat is de maximale looptijd van een project?") otherwise gets the nearest
  prepared answer. Below `FAQ_MIN_CONFIDENCE` the bot says honestly that it does not know,
  offers the nearest answers as buttons and says who knows.
- The topic under discussion holds: right after an answer about the POD MI, the FOD
  (reception) or the Union Actions, "kan een OCMW daar indienen?" is about that channel, not
  the general "lokale besturen bij Europa WSE" answer the word "OCMW" pulls towards.
- A federal theme in the question beats an audience answer: "wij zijn een lokaal
  opvanginitiatief en willen extra opvangplaatsen" is about reception (FOD), not about what
  local governments do at Europa WSE.
- A private person stays one: after "AMIF is not for individuals", "en wie kan dan wel
  indienen?" still gets the answer for private persons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

FAQ_INTENT = "faq"
UNKNOWN_INTENT = "amif_onbekend"
OUT_OF_SCOPE_INTENTS = ("out_of_scope", "out_of_scope_dienst", "out_of_scope_subsidie")

# Chosen on a validation split of the training data (scripts/choose_thresholds.py), never on
# the held-out sets: below it, the answer selector's best FAQ answer is not given as the answer.
FAQ_MIN_CONFIDENCE = 0.25
# An unsure answer may still be offered as a button next to "dat weet ik niet precies": the
# visitor chooses, the bot claims nothing. Below this share of the selector's softmax over
# all answers, an answer is no better than a random one and not offered.
NEARBY_MIN_CONFIDENCE = 0.04

# Answers driven by who asks (a local government, an organisation) rather than by a channel.
AUDIENCE_ANSWERS = frozenset({"lokale_besturen", "wie_kan_indienen", "drempels_kleine_besturen"})
# Channels whose own answer holds when such an audience answer comes up right after them.
TOPIC_AUTHORITIES = frozenset({"pod-mi", "fod-binnenlandse-zaken", "europese-commissie", "agence-fse"})
FEDERAL_THEMES = frozenset({"asiel", "opvang", "terugkeer", "legale_migratie"})
# Answers meant for organisations that a private person would misread as meant for them.
ORGANISATION_ANSWERS = AUDIENCE_ANSWERS | {"ondersteuning", "voorbereiding", "partnerschap", "platos"}


@dataclass(frozen=True)
class Choice:
    """kind: "faq" (key = the answer), "unknown", "audience_of_topic" (key = the authority
    under discussion), "route" (key = the federal theme), "individual"."""

    kind: str
    key: Optional[str] = None
    confidence: float = 0.0
    nearby: Tuple[str, ...] = ()  # FAQ keys to offer as buttons with an honest "I don't know"


def faq_ranking(parse: Dict[str, Any]) -> List[Tuple[str, float]]:
    """(key, confidence) of the FAQ answers, best first, from Rasa's response selector."""
    selector = (parse.get("response_selector") or {}).get(FAQ_INTENT) or {}
    ranking = []
    for item in selector.get("ranking") or []:
        key = str(item.get("intent_response_key", "")).split("/", 1)[-1]
        if key:
            ranking.append((key, float(item.get("confidence") or 0.0)))
    return ranking


def choose(
    parse: Dict[str, Any],
    *,
    topic_authority: Optional[str] = None,
    individual: bool = False,
    themes: Tuple[str, ...] = (),
    min_confidence: float = FAQ_MIN_CONFIDENCE,
) -> Choice:
    """The answer to an `faq` message. `topic_authority`: the authority the bot's previous
    answer was about; `individual`: the visitor said they ask for themselves; `themes`: the
    theme entities of the message (canonical ids); `min_confidence`: for measuring other
    thresholds (amif/understanding.py)."""
    ranking = faq_ranking(parse)
    if not ranking:
        return Choice("unknown")
    key, confidence = ranking[0]
    nearby = tuple(k for k, c in ranking[:2] if c >= NEARBY_MIN_CONFIDENCE)
    if confidence < min_confidence:
        return Choice("unknown", confidence=confidence, nearby=nearby)
    if individual and key in ORGANISATION_ANSWERS:
        return Choice("individual", confidence=confidence)
    if key in AUDIENCE_ANSWERS:
        federal = [theme for theme in themes if theme in FEDERAL_THEMES]
        if federal:
            return Choice("route", federal[0], confidence)
        if topic_authority in TOPIC_AUTHORITIES:
            return Choice("audience_of_topic", topic_authority, confidence)
    return Choice("faq", key, confidence)
