"""Simulated visitors for the AMIF-assistent: talk to a running bot like many visitors at
once, over REST or socket.io, and measure. Used by `make loadtest` (benchmarks/loadtest.py),
the short load test in `make test` (tests/e2e/test_load.py) and the benchmark.

Each visitor follows one of the scripted conversations in SCRIPTS (visitor i gets script
i mod len(SCRIPTS)) and sends its next message only after the reply to the previous one has
arrived. Every turn has a check that identifies its own answer; follow-ups depend on the
conversation so far ("En wat is hun website?" after the Walloon strand gives Agence FSE,
after "In Vlaanderen" Europa WSE), and at the same turn the scripts expect different
answers, so a reply that ends up in another conversation is caught. A turn is counted as

  ok          the expected number of bot messages arrived and the check matches;
  lost        no reply, or fewer messages than expected, within the timeout (30 s);
  crossed     a reply that is not this conversation's answer: the check fails, or (REST)
              a message is addressed to another recipient_id;
  fallback    the bot's Dutch "technical problem" message instead of the answer: a custom
              action failed or took longer than AMIF_ACTION_TIMEOUT_S (rasa_extensions/action_timeout.py;
              the time counts inside Rasa, so an overloaded Rasa produces these too). It is the
              conversation's own reply, but not the answer: counted apart from crossed;
  duplicated  more bot messages than expected; on socket.io also messages that arrive after
              the turn was complete (before the next turn or in a grace period at the end);
  error       HTTP status other than 200, a connection or protocol error, a reply that is
              not a list of messages.

After a turn that is lost, crossed, a fallback or an error the visitor stops (its later turns depend on
a conversation state that is no longer known, and would only repeat the failure); its
remaining turns are counted as skipped. After a duplicated turn it goes on.

The answers, and so the checks, assume what tests/python/bot_process.py gives a bot: the
demo calls list (AMIF_CALLS_FILE=tests/python/demo_calls.yml) and AMIF_TODAY=2026-03-01.

socket.io uses HTTP long-polling (python-engineio's websocket client needs a newer aiohttp
than Rasa pins). Python clients send no Origin header, so the channel's ALLOWED_ORIGINS
check (channels/socketio_channel.py) does not apply to them. Rasa's socket.io output splits
a text on blank lines into several bot_uttered events; Turn.socketio_messages counts those.
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import aiohttp

from actions import sources

TURN_TIMEOUT_S = 30.0  # no reply within this time: the turn is lost
SOCKETIO_GRACE_S = 1.0  # after a visitor's last turn: wait this long for extra messages

OK, LOST, CROSSED, DUPLICATED, FALLBACK, ERROR = "ok", "lost", "crossed", "duplicated", "fallback", "error"
GOES_ON = (OK, DUPLICATED)  # outcomes after which a visitor sends its next message


# -- the scripted visitors -----------------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    """One visitor message and how to recognise the bot's answer to it."""

    message: str
    expect: str  # regex, searched (re.S) in the reply's texts joined by blank lines
    messages: int = 1  # bot messages in the reply over REST
    socketio_messages: int = 0  # bot_uttered events over socket.io; 0 = same as `messages`

    def expected(self, channel: str) -> int:
        if channel == "socketio" and self.socketio_messages:
            return self.socketio_messages
        return self.messages

    def matches(self, text: str) -> bool:
        return re.search(self.expect, text, re.S) is not None


@dataclass(frozen=True)
class Script:
    name: str
    turns: Tuple[Turn, ...]


THEME = r"Over welk thema gaat je project\?"  # routing: the first question
REGION = r"Integratie wordt per regio beheerd"  # routing: the region question

# Measured against the bot (model of this repository, demo calls list, today 2026-03-01).
# At every turn index the six scripts expect six different answers.
SCRIPTS: Tuple[Script, ...] = (
    Script(
        "waals-luik",
        (
            Turn("Dag", r"Ik ben de AMIF-assistent van Europa WSE"),
            Turn("Wie beheert het Waalse luik?", r"Agence FSE beheert het Franstalige integratieluik"),
            Turn("En wat is hun website?", r"\*\*Agence FSE\*\*: de website is"),
            Turn("En hun e-mailadres?", r"\*\*Agence FSE\*\*: een openbaar e-mailadres heb ik niet"),
            Turn("Wat is AMIF?", r"AMIF is het Asiel-, Migratie- en Integratiefonds"),
            Turn(
                "Welke oproepen zijn er nu open?",
                r"Er zijn nu 6 open oproepen.*Je ziet oproep 1 tot en met 5 van de 7",
                socketio_messages=2,
            ),
            Turn(
                "Wat is de deadline daarvan?",
                r"De deadline van \[Warm onthaal in de gemeente\].*De deadline van \[Kansen voor nieuwkomers",
            ),
            Turn("Hoe is AMIF in België georganiseerd?", r"volgt AMIF de bevoegdheidsverdeling"),
            Turn("Bedankt", r"Graag gedaan"),
            Turn("Nee dat was het", r"Tot ziens!"),
        ),
    ),
    Script(
        "route-vlaanderen",
        (
            Turn("Ik wil een AMIF-project indienen", THEME),
            Turn("Het gaat over integratie van nieuwkomers", REGION),
            Turn(
                "In Vlaanderen",
                r"integratie in Vlaanderen kan je terecht bij \*\*Europa WSE\*\*"
                r".*Er loopt nu een oproep: \[Warm onthaal in de gemeente\]",
                messages=2,
            ),
            Turn("En wat is hun website?", r"\*\*Europa WSE\*\*: de website is"),
            Turn("Hebben zij nu een oproep?", r"Er zijn nu 3 open oproepen bij Europa WSE"),
            Turn("Wie is de doelgroep?", r"richten zich op derdelanders"),
            Turn("Welke ondersteuning krijg ik?", r"coachingbezoeken bij nieuw gestarte projecten"),
            Turn("Hoe dien ik een project in?", r"dien je in via Platos"),
            Turn("Hoeveel budget heeft oproep 579?", r"6\.500\.000.*afgesloten sinds 30 november 2023"),
            Turn("Wat is Subsidiemanager?", r"abonnement van Vanden Broele"),
        ),
    ),
    Script(
        "route-terugkeer",
        (
            Turn(
                "Wanneer komen er nieuwe oproepen?",
                r"Aangekondigde en lopende oproepen.*\n1\. \[Jonge nieuwkomers en onderwijs\]",
                socketio_messages=2,
            ),
            Turn("Ik heb een projectidee", THEME),
            Turn(
                "het gaat over terugkeer",
                # the open reception call is no help for a return project: not mentioned
                r"terugkeer kan je terecht bij de \*\*FOD Binnenlandse Zaken(?!.*Kleinschalige opvang)",
                messages=2,
            ),
            Turn("en hun e-mailadres?", r"\*\*FOD Binnenlandse Zaken[^*]*\*\*: het e-mailadres is"),
            Turn("kan ik ze ook bellen", r"\*\*FOD Binnenlandse Zaken[^*]*\*\*: een openbaar telefoonnummer"),
            Turn("hebben zij nu een oproep", r"Er is nu 1 open oproep bij de FOD Binnenlandse Zaken"),
            Turn("Wat zijn de doelstellingen van AMIF?", r"vier specifieke doelstellingen"),
            Turn("Hoeveel cofinanciering is er?", r"hoogstens 75% van de subsidiabele kosten"),
            Turn("Wat zijn Union Actions?", r"eigen oproepen: de Union Actions"),
            Turn("Dank je", r"Graag gedaan"),
        ),
    ),
    Script(
        "route-wallonie",
        (
            Turn("Hoe blijf ik op de hoogte?", r"de nieuwsbrief en sociale media"),
            Turn("Heb je een voorbeeldproject?", r"'De mensen maken de stad' in Mechelen"),
            Turn("Ik wil een AMIF-project indienen", THEME),
            Turn("integratie", REGION),
            Turn(
                "Wallonië",
                r"integratie in Wallonië kan je terecht bij \*\*Agence FSE\*\*"
                r".*Er loopt nu een oproep: \[Appel FAMI intégration 2026\]",
                messages=2,
            ),
            Turn("En wat is hun website?", r"\*\*Agence FSE\*\*: de website is"),
            Turn(
                "Zijn er oproepen rond integratie voor lokale besturen?",
                r"Er zijn nu 3 open oproepen rond integratie voor lokale besturen",
            ),
            Turn("Wij zijn een kleine gemeente: kan dat?", r"intergemeentelijk samenwerkingsverband"),
            Turn("Ben jij een robot?", r"Ik ben een chatbot, geen mens"),
            Turn("Wat is het nationaal programma?", r"Het Belgische nationale programma wordt gecoördineerd"),
        ),
    ),
    Script(
        "oproepen-brussel",
        (
            Turn(
                "Welke oproepen zijn er nu open?",
                r"Er zijn nu 6 open oproepen.*Je ziet oproep 1 tot en met 5 van de 7",
                socketio_messages=2,
            ),
            Turn("Toon er nog meer", r"\[Taal op de werkvloer\].*Je ziet oproep 6 tot en met 7 van de 7\.", messages=2),
            Turn(
                "Wat is de deadline daarvan?",  # only the calls shown last, not the first five
                r"\ADe deadline van \[Taal op de werkvloer\]\([^)]*\) is 15 juli 2026\.\n\n"
                r"\[Jonge nieuwkomers en onderwijs\]\([^)]*\) opent op 15 april 2026",
                messages=2,
            ),
            Turn(
                "wie is bevoegd voor integratie in Brussel",
                r"integratie in Brussel kan je terecht bij \*\*Europa WSE\*\*.* of bij \*\*Agence FSE\*\*",
                messages=2,
            ),
            Turn("En hun e-mailadres?", r"\*\*Europa WSE\*\*: een algemeen e-mailadres heb ik niet"),
            Turn("Hoe zit het voor Brussel?", r"Brussel heeft geen eigen AMIF-autoriteit"),
            Turn("Wat doet de POD Maatschappelijke Integratie?", r"De POD Maatschappelijke Integratie beheert"),
            Turn("Hoeveel geld heeft AMIF?", r"9,88 miljard euro"),
            Turn("Wie kan een project indienen?", r"publieke of private rechtspersoon"),
            Turn("Wat kan je?", r"Ik beantwoord vragen over AMIF voor organisaties"),
        ),
    ),
    Script(
        "idee-zonder-thema",
        (
            Turn("Wat brengt het nieuwe programma?", r"Voor de periode 2028-2034 stelde de Europese Commissie"),
            Turn("Hoe bereid ik een oproep voor?", r"Neem al in de voorbereidende fase contact op"),
            Turn("Zijn er projecten voor vrouwen of jongeren?", r"laaggeletterde moeders"),
            Turn("ik heb een idee voor een project", THEME),
            Turn("geen flauw idee", r"Bij AMIF hangt het loket af van het thema", messages=2),
            Turn("laat maar zitten", r"Oké, we laten dat even"),
            Turn("Waarom gebeurt integratie lokaal?", r"dat integratie vooral lokaal gebeurt"),
            Turn("Welke projecten zoekt AMIF?", r"in 2021 vooral vernieuwende projecten"),
            Turn("Hoe verloopt de opvolging van een project?", r"15 kalenderdagen"),
            Turn("Contact", r"Aanspreekpunt in het interview van 2021 was Lisa Van Hecke"),
        ),
    ),
)

MAX_TURNS = min(len(script.turns) for script in SCRIPTS)


def all_messages(turns: int = MAX_TURNS, scripts: Sequence[Script] = SCRIPTS) -> List[str]:
    """Every visitor message of the scripts (first `turns` turns), e.g. for run_parse."""
    return [turn.message for script in scripts for turn in script.turns[:turns]]


# -- results -------------------------------------------------------------------------------


def percentile(values: Iterable[float], q: float) -> Optional[float]:
    """The q-th percentile (0..100), linear between the closest ranks (numpy's default);
    None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class TurnRecord:
    visitor: str
    script: str
    index: int
    message: str
    outcome: str
    latency: Optional[float]  # seconds from sending to the (last expected) reply message
    ended_at: float  # time.perf_counter() when the turn ended
    detail: str = ""


@dataclass
class LoadResult:
    channel: str  # "rest", "socketio" or "parse"
    visitors: int
    turns: int  # turns per visitor (parse: requests)
    concurrency: int
    records: List[TurnRecord] = field(default_factory=list)
    skipped: int = 0  # turns not sent because the visitor stopped after a failure
    wall_time: float = 0.0  # first message sent .. last turn ended, seconds

    def count(self, outcome: str) -> int:
        return sum(1 for record in self.records if record.outcome == outcome)

    @property
    def sent(self) -> int:
        return len(self.records)

    @property
    def ok(self) -> int:
        return self.count(OK)

    @property
    def lost(self) -> int:
        return self.count(LOST)

    @property
    def duplicated(self) -> int:
        return self.count(DUPLICATED)

    @property
    def crossed(self) -> int:
        return self.count(CROSSED)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def fallbacks(self) -> int:
        return self.count(FALLBACK)

    @property
    def latencies(self) -> List[float]:
        """Seconds per answered turn (ok, crossed, duplicated or fallback)."""
        return [
            r.latency
            for r in self.records
            if r.latency is not None and r.outcome in (OK, CROSSED, DUPLICATED, FALLBACK)
        ]

    @property
    def answered(self) -> int:
        return len(self.latencies)

    @property
    def p50(self) -> Optional[float]:
        return percentile(self.latencies, 50)

    @property
    def p95(self) -> Optional[float]:
        return percentile(self.latencies, 95)

    @property
    def max(self) -> Optional[float]:
        return max(self.latencies, default=None)

    @property
    def throughput(self) -> float:
        """Answered turns per second of wall time."""
        return self.answered / self.wall_time if self.wall_time > 0 else 0.0

    @property
    def passed(self) -> bool:
        return self.sent > 0 and self.ok == self.sent and self.skipped == 0

    @property
    def problems(self) -> List[str]:
        """One line per turn that was not ok."""
        return [
            f"{r.outcome}: {r.visitor} ({r.script}) turn {r.index + 1} {r.message!r}: {r.detail}"
            for r in self.records
            if r.outcome != OK
        ]

    def problem_groups(self) -> List[Tuple[int, str]]:
        """(count, "outcome: script turn n 'message'"), most frequent first."""
        groups: Dict[str, int] = {}
        for r in self.records:
            if r.outcome != OK:
                key = f"{r.outcome}: {r.script} turn {r.index + 1} {r.message!r}"
                groups[key] = groups.get(key, 0) + 1
        return sorted(((n, key) for key, n in groups.items()), key=lambda item: (-item[0], item[1]))

    def summary(self) -> str:
        def ms(value: Optional[float]) -> str:
            return "-" if value is None else f"{value * 1000:.0f} ms"

        who = f"{self.turns} requests" if self.channel == "parse" else f"{self.visitors} visitors x {self.turns} turns"
        return (
            f"{self.channel}: {who}, {self.concurrency} at a time: "
            f"{self.sent} turns in {self.wall_time:.1f} s, p50 {ms(self.p50)}, p95 {ms(self.p95)}, "
            f"max {ms(self.max)}, {self.throughput:.1f} turns/s; lost {self.lost}, duplicated "
            f"{self.duplicated}, crossed {self.crossed}, fallback {self.fallbacks}, "
            f"errors {self.errors}, "
            f"skipped {self.skipped}"
        )

    def to_dict(self, with_latencies: bool = True) -> Dict[str, Any]:
        data: Dict[str, Any] = {
            "channel": self.channel,
            "visitors": self.visitors,
            "turns": self.turns,
            "concurrency": self.concurrency,
            "sent": self.sent,
            "ok": self.ok,
            "lost": self.lost,
            "duplicated": self.duplicated,
            "crossed": self.crossed,
            "errors": self.errors,
            "skipped": self.skipped,
            "fallbacks": self.fallbacks,
            "wall_time_s": round(self.wall_time, 4),
            "throughput_turns_per_s": round(self.throughput, 3),
            "p50_s": self.p50,
            "p95_s": self.p95,
            "max_s": self.max,
            "passed": self.passed,
            "problems": self.problems,
        }
        if with_latencies:
            data["latencies_s"] = [round(value, 5) for value in self.latencies]
        return data


# In the Dutch messages (utter_technical_problem*, domain.yml) the bot sends when a custom action
# fails or is slow (rasa_extensions/action_timeout.py).
ACTION_FALLBACK = "door een technisch probleem"


def classify(
    turn: Turn,
    texts: Sequence[Optional[str]],
    expected: int,
    *,
    recipients: Sequence[Any] = (),
    sender: Optional[str] = None,
) -> Tuple[str, str]:
    """(outcome, detail) of one turn's reply: its messages' texts (None for a message
    without text) and, over REST, their recipient_id."""
    joined = "\n\n".join(text for text in texts if text)
    got = f"got {len(texts)} message(s): {joined[:160]!r}"
    if not texts:
        return LOST, "no bot message"
    if sender is not None and any(recipient != sender for recipient in recipients):
        others = sorted({str(r) for r in recipients if r != sender})
        return CROSSED, f"reply addressed to {', '.join(others)}; {got}"
    if len(texts) > expected and turn.matches("\n\n".join(t for t in texts[:expected] if t)):
        return DUPLICATED, f"expected {expected} message(s), {got}"
    if not turn.matches(joined):
        if ACTION_FALLBACK in joined:
            return FALLBACK, f"a custom action failed or took longer than AMIF_ACTION_TIMEOUT_S; {got}"
        return CROSSED, f"expected /{turn.expect}/, {got}"
    if len(texts) < expected:
        return LOST, f"expected {expected} message(s), {got}"
    if len(texts) > expected:
        return DUPLICATED, f"expected {expected} message(s), {got}"
    return OK, ""


@dataclass
class Visitor:
    id: str
    script: Script


def make_visitors(prefix: str, visitors: int, scripts: Sequence[Script] = SCRIPTS) -> List[Visitor]:
    run = uuid.uuid4().hex[:8]
    return [Visitor(f"{prefix}-{run}-{i:04d}", scripts[i % len(scripts)]) for i in range(visitors)]


def _check_args(visitors: int, turns: int, concurrency: int, scripts: Sequence[Script]) -> None:
    if visitors < 1 or concurrency < 1:
        raise ValueError("visitors and concurrency must be at least 1")
    longest = min(len(script.turns) for script in scripts)
    if not 1 <= turns <= longest:
        raise ValueError(f"turns must be between 1 and {longest} (the scripts' length)")


async def think_pause(think: float) -> None:
    if think > 0:
        await asyncio.sleep(random.uniform(0.5, 1.5) * think)


def _finish(result: LoadResult, started: float, turns: int, visitors: int) -> LoadResult:
    result.skipped = visitors * turns - len(result.records)
    if result.records:
        result.wall_time = max(record.ended_at for record in result.records) - started
    return result


# -- REST ----------------------------------------------------------------------------------


async def run_rest(
    base_url: str,
    visitors: int,
    turns: int,
    concurrency: int,
    *,
    scripts: Sequence[Script] = SCRIPTS,
    timeout: float = TURN_TIMEOUT_S,
    think: float = 0.0,
    prefix: str = "lt-rest",
) -> LoadResult:
    """`visitors` scripted conversations of `turns` turns over POST /webhooks/rest/webhook,
    at most `concurrency` conversations at a time. `think`: seconds a visitor takes before
    each message, on average (0.5-1.5 times; also before the first, so visitors do not all
    start in the same instant); 0 = send at once, the next message as soon as the reply is in."""
    _check_args(visitors, turns, concurrency, scripts)
    url = base_url.rstrip("/") + "/webhooks/rest/webhook"
    result = LoadResult("rest", visitors, turns, concurrency)
    slots = asyncio.Semaphore(concurrency)

    async def visitor_run(visitor: Visitor) -> None:
        async with slots, aiohttp.ClientSession() as http:  # one "browser" per visitor
            for index, turn in enumerate(visitor.script.turns[:turns]):
                await think_pause(think)
                record = await _rest_turn(http, url, visitor, index, turn, timeout)
                result.records.append(record)
                if record.outcome not in GOES_ON:
                    return

    started = time.perf_counter()
    await asyncio.gather(*(visitor_run(v) for v in make_visitors(prefix, visitors, scripts)))
    return _finish(result, started, turns, visitors)


async def _rest_turn(
    http: aiohttp.ClientSession, url: str, visitor: Visitor, index: int, turn: Turn, timeout: float
) -> TurnRecord:
    def record(outcome: str, detail: str, latency: Optional[float] = None) -> TurnRecord:
        return TurnRecord(
            visitor.id, visitor.script.name, index, turn.message, outcome, latency, time.perf_counter(), detail
        )

    sent = time.perf_counter()
    try:
        async with http.post(
            url, json={"sender": visitor.id, "message": turn.message}, timeout=aiohttp.ClientTimeout(total=timeout)
        ) as response:
            status, body = response.status, await response.read()
    except asyncio.TimeoutError:
        return record(LOST, f"no reply within {timeout:g} s")
    except aiohttp.ClientError as error:
        return record(ERROR, f"{type(error).__name__}: {error}")
    latency = time.perf_counter() - sent
    if status != 200:
        return record(ERROR, f"HTTP {status}: {body[:160]!r}")
    try:
        messages = json.loads(body)
        if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
            raise ValueError("not a list of messages")
    except ValueError as error:
        return record(ERROR, f"bad reply ({error}): {body[:160]!r}")
    messages = [m for m in messages if not is_source_line(m)]
    outcome, detail = classify(
        turn,
        [m.get("text") for m in messages],
        turn.expected("rest"),
        recipients=[m.get("recipient_id") for m in messages],
        sender=visitor.id,
    )
    return record(outcome, detail, latency)


# -- socket.io -----------------------------------------------------------------------------


class ReplyCollector:
    """The bot messages of one socket.io conversation, split into turns. A turn's reply is
    what arrives after its message was sent, until the expected number of messages is in
    (or the timeout); what arrives after that and before the next turn is extra ("late")."""

    def __init__(self) -> None:
        self.messages: List[dict] = []
        self.late: List[dict] = []
        self.expected = 0
        self.open = False
        self.completed_at: Optional[float] = None
        self.failure: Optional[str] = None
        self._complete = asyncio.Event()

    def begin(self, expected: int) -> None:
        self.messages, self.expected, self.open, self.completed_at = [], expected, True, None
        self._complete.clear()

    def add(self, message: Any, at: Optional[float] = None) -> None:
        if is_source_line(message):
            return
        if not self.open:
            self.late.append(message)
            return
        self.messages.append(message)
        if len(self.messages) >= self.expected:
            self.open, self.completed_at = False, at if at is not None else time.perf_counter()
            self._complete.set()

    def fail(self, reason: str) -> None:
        """The connection broke: end the waiting turn."""
        if self.failure is None:
            self.failure = reason
        self._complete.set()

    async def wait(self, timeout: float) -> None:
        try:
            await asyncio.wait_for(self._complete.wait(), timeout)
        except asyncio.TimeoutError:
            pass
        self.open = False  # anything later is late

    def take_late(self) -> List[dict]:
        late, self.late = self.late, []
        return late


def is_source_line(message: Any) -> bool:
    """The "Bron: …" line sent right after an FAQ answer (actions/sources.py): over REST a
    message with only `custom.source`, over socket.io an event with only `source`. It belongs
    to the answer before it, so the scripts do not count it as a message of its own."""
    return isinstance(message, dict) and not message.get("text") and sources.source_of(message) is not None


def texts_of(messages: Sequence[Any]) -> List[Optional[str]]:
    return [m.get("text") if isinstance(m, dict) else None for m in messages]


def count_late(record: Optional[TurnRecord], late: Sequence[Any]) -> None:
    """Messages that came after `record`'s turn was complete: an ok turn becomes duplicated."""
    if record is None or not late:
        return
    if record.outcome == OK:
        record.outcome = DUPLICATED
        extra = "|".join(map(str, texts_of(late)))
        record.detail = f"{len(late)} extra message(s) after the reply: {extra[:160]!r}"
    elif record.outcome == DUPLICATED:
        record.detail += f"; {len(late)} more after the reply"


async def run_socketio(
    base_url: str,
    visitors: int,
    turns: int,
    concurrency: int,
    *,
    scripts: Sequence[Script] = SCRIPTS,
    timeout: float = TURN_TIMEOUT_S,
    grace: float = SOCKETIO_GRACE_S,
    think: float = 0.0,
    prefix: str = "lt-sio",
) -> LoadResult:
    """`visitors` scripted conversations of `turns` turns over socket.io (polling), each with
    its own connection and session_id, at most `concurrency` conversations at a time;
    `think` as for run_rest."""
    _check_args(visitors, turns, concurrency, scripts)
    result = LoadResult("socketio", visitors, turns, concurrency)
    slots = asyncio.Semaphore(concurrency)
    started = time.perf_counter()
    await asyncio.gather(
        *(
            _socketio_visitor(base_url, v, turns, timeout, grace, think, slots, result)
            for v in make_visitors(prefix, visitors, scripts)
        )
    )
    return _finish(result, started, turns, visitors)


async def _socketio_visitor(
    base_url: str,
    visitor: Visitor,
    turns: int,
    timeout: float,
    grace: float,
    think: float,
    slots: asyncio.Semaphore,
    result: LoadResult,
) -> None:
    import socketio  # python-socketio, comes with Rasa

    def record(
        index: int, outcome: str, detail: str, latency: Optional[float] = None, at: Optional[float] = None
    ) -> TurnRecord:
        turn = visitor.script.turns[index]
        entry = TurnRecord(
            visitor.id,
            visitor.script.name,
            index,
            turn.message,
            outcome,
            latency,
            at if at is not None else time.perf_counter(),
            detail,
        )
        result.records.append(entry)
        return entry

    collector = ReplyCollector()
    confirmed: "asyncio.Future[Any]" = asyncio.get_running_loop().create_future()
    done = False
    # One aiohttp session (cookies, connections) per visitor, like one browser each.
    http = aiohttp.ClientSession()
    client = socketio.AsyncClient(reconnection=False, http_session=http, request_timeout=timeout, handle_sigint=False)

    @client.on("bot_uttered")
    async def on_bot_uttered(data: Any) -> None:
        collector.add(data, time.perf_counter())

    @client.on("session_confirm")
    async def on_session_confirm(data: Any) -> None:
        if not confirmed.done():
            confirmed.set_result(data)

    @client.on("disconnect")
    async def on_disconnect(*_: Any) -> None:
        if not done:
            collector.fail("disconnected by the server")

    last: Optional[TurnRecord] = None
    try:
        async with slots:
            try:
                await client.connect(
                    base_url.rstrip("/"), socketio_path="/socket.io", transports=["polling"], wait_timeout=timeout
                )
                await client.emit("session_request", {"session_id": visitor.id})
                session = await asyncio.wait_for(confirmed, timeout)
            except (asyncio.TimeoutError, socketio.exceptions.SocketIOError, aiohttp.ClientError, OSError) as error:
                record(0, ERROR, f"could not open a session: {type(error).__name__}: {error}")
                return
            if session != visitor.id:
                record(0, ERROR, f"session_confirm for {session!r}, not {visitor.id!r}")
                return
            for index, turn in enumerate(visitor.script.turns[:turns]):
                await think_pause(think)
                count_late(last, collector.take_late())
                collector.begin(turn.expected("socketio"))
                sent = time.perf_counter()
                try:
                    await client.emit("user_uttered", {"message": turn.message, "session_id": visitor.id})
                except socketio.exceptions.SocketIOError as error:
                    record(index, ERROR, f"emit failed: {type(error).__name__}: {error}")
                    return
                await collector.wait(timeout)
                if collector.completed_at is None:  # timed out or disconnected: stop here
                    if collector.failure:
                        record(index, ERROR, collector.failure)
                    else:
                        outcome, detail = classify(turn, texts_of(collector.messages), collector.expected)
                        record(
                            index,
                            outcome if outcome != OK else LOST,
                            f"not complete within {timeout:g} s: {detail or 'no bot message'}",
                        )
                    return
                outcome, detail = classify(turn, texts_of(collector.messages), collector.expected)
                last = record(index, outcome, detail, collector.completed_at - sent, collector.completed_at)
                if outcome not in GOES_ON:
                    return
        # The slot is free for the next visitor; this one still listens for extra messages.
        await asyncio.sleep(grace)
        count_late(last, collector.take_late())
    finally:
        done = True
        # A polling client's disconnect waits for its open long-poll (up to ~25 s): don't;
        # cancelling it also ends that request, and closing the session ends the rest.
        try:
            await asyncio.wait_for(client.disconnect(), 1)
        except Exception:  # noqa: BLE001 - clean-up only; the turns are already counted
            pass
        await http.close()


# -- NLU only ------------------------------------------------------------------------------


async def run_parse(
    base_url: str,
    messages: Optional[Sequence[str]] = None,
    concurrency: int = 1,
    token: Optional[str] = None,
    *,
    timeout: float = TURN_TIMEOUT_S,
) -> LoadResult:
    """POST /model/parse (NLU only, no dialogue, no actions) for each message, `concurrency`
    requests at a time. Needs Rasa's HTTP API: a bot started with RASA_AUTH_TOKEN, and that
    token here. Default messages: every message of the scripts."""
    messages = list(messages) if messages is not None else all_messages()
    if not messages or concurrency < 1:
        raise ValueError("need at least one message and a concurrency of at least 1")
    url = base_url.rstrip("/") + "/model/parse"
    params = {"token": token} if token else {}
    result = LoadResult("parse", 0, len(messages), concurrency)
    queue: "asyncio.Queue[Tuple[int, str]]" = asyncio.Queue()
    for item in enumerate(messages):
        queue.put_nowait(item)

    async def worker(http: aiohttp.ClientSession) -> None:
        while not queue.empty():
            index, text = queue.get_nowait()
            sent = time.perf_counter()

            def record(
                outcome: str, detail: str = "", latency: Optional[float] = None, index: int = index, text: str = text
            ) -> None:
                result.records.append(
                    TurnRecord("parse", "parse", index, text, outcome, latency, time.perf_counter(), detail)
                )

            try:
                async with http.post(
                    url, params=params, json={"text": text}, timeout=aiohttp.ClientTimeout(total=timeout)
                ) as response:
                    status, body = response.status, await response.read()
            except asyncio.TimeoutError:
                record(LOST, f"no reply within {timeout:g} s")
                continue
            except aiohttp.ClientError as error:
                record(ERROR, f"{type(error).__name__}: {error}")
                continue
            latency = time.perf_counter() - sent
            try:
                parsed = json.loads(body) if status == 200 else None
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict) or not isinstance(parsed.get("intent"), dict):
                record(ERROR, f"HTTP {status}: {body[:160]!r}")
            else:
                record(OK, "", latency)

    started = time.perf_counter()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:
        await asyncio.gather(*(worker(http) for _ in range(concurrency)))
    result.wall_time = max((r.ended_at for r in result.records), default=started) - started
    return result
