#!/usr/bin/env python3
"""Staff shell: chat with the running bot in the terminal, its answers as clean text.

`make shell` (scripts/run.sh --shell) starts the action server and the Rasa server and then
runs this in the foreground. It talks to Rasa's REST channel
(POST <url>/webhooks/rest/webhook {"sender", "message"}) with one conversation id, and prints
each bot message without markdown: **bold** as bold (ANSI only on a terminal), [text](url) as
"text (url)", lists kept, buttons as a numbered menu (typing the number sends that button).

Standard library only, and no Rasa import: no dependency warnings before the prompt.
    .venv/bin/python scripts/staff_shell.py --url http://localhost:5005
Quit with /stop, Ctrl-D or Ctrl-C.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import sys
import urllib.error
import urllib.request
import uuid
from typing import Any, Dict, List, Optional, Sequence, Tuple

from actions import sources

try:  # line editing and history at the prompt, where the platform has it
    import readline  # noqa: F401
except ImportError:  # pragma: no cover - e.g. Windows
    pass

STOP = "/stop"
PROMPT = "Jij: "
BOT = "Bot: "
BOLD, RESET = "\033[1m", "\033[0m"

# [text](url) and [text](url "title"); <https://…> autolinks; bare URLs (protected from the
# emphasis rules below, so an underscore or star in a URL stays as it is).
_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*<?([^\s()<>]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>]+)>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
_HEADING = re.compile(r"^(\s{0,3})#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[-*+]\s+", re.MULTILINE)
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EMPHASIS = re.compile(r"(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_CODE = re.compile(r"`([^`\n]+)`")
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")


def _domain_form(url: str) -> str:
    """https://www.amif-isf.be/ -> amif-isf.be (for comparing a link's text with its URL)."""
    form = re.sub(r"^[a-z][a-z0-9+.-]*:(//)?", "", url.strip().lower())
    form = re.sub(r"^www\.", "", form)
    return form.rstrip("/")


def _link(text: str, url: str, shown: Optional[str] = None) -> str:
    """A link as "text (url)"; just the url when `text` is the url or its domain form.

    `text` is the link's plain text (compared); `shown` the same rendered for display.
    """
    text = text.strip()
    shown = text if shown is None else shown.strip()
    if text == url or _domain_form(text) == _domain_form(url):
        # mailto:/tel: links show the address itself, web links their URL.
        return text if re.match(r"(mailto|tel):", url, re.IGNORECASE) else url
    return f"{shown} ({url})"


def render_text(text: str, ansi: bool = False) -> str:
    """A bot message's markdown as clean terminal text.

    **bold** / __bold__ -> bold (ANSI escape codes only when `ansi`), *italic* -> plain,
    [text](url) -> "text (url)" (just the url when the text is the url or its domain),
    "- item" / "* item" -> "• item", numbered lists and line breaks as they are.
    """
    if not text:
        return ""
    kept: List[str] = []

    def keep(value: str) -> str:
        kept.append(value)
        return f"\x00{len(kept) - 1}\x00"

    def strong(match: re.Match) -> str:
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        return f"{BOLD}{inner}{RESET}" if ansi else inner

    out = text.replace("\r\n", "\n")
    # Links first: their text may be bold, their URL must not be touched by the rules below.
    out = _LINK.sub(lambda m: keep(_link(render_text(m.group(1)), m.group(2), render_text(m.group(1), ansi))), out)
    out = _AUTOLINK.sub(lambda m: keep(_link(m.group(1), m.group(1))), out)
    out = _BARE_URL.sub(lambda m: keep(m.group(0)), out)
    out = _CODE.sub(lambda m: keep(m.group(1)), out)
    out = _HEADING.sub(lambda m: f"{m.group(1)}**{m.group(2)}**", out)
    out = _BULLET.sub(lambda m: f"{m.group(1)}• ", out)
    out = _STRONG.sub(strong, out)
    out = _EMPHASIS.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), out)
    out = _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], out)
    out = "\n".join(line.rstrip() for line in out.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", out).strip("\n")


def render_buttons(buttons: Sequence[Dict[str, Any]], start: int = 1) -> str:
    """Buttons as a numbered menu: "  1) Wat is AMIF?" per button, numbered from `start`."""
    lines = []
    for number, button in enumerate(buttons, start):
        title = render_text(str(button.get("title") or button.get("payload") or ""))
        lines.append(f"  {number}) {title}")
    return "\n".join(lines)


def choose_button(line: str, buttons: Sequence[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The button whose number `line` is ("2" -> the second button), else None."""
    choice = line.strip()
    if choice.isdigit() and 1 <= int(choice) <= len(buttons):
        return buttons[int(choice) - 1]
    return None


def render_reply(messages: Sequence[Dict[str, Any]], ansi: bool = False) -> Tuple[str, List[Dict[str, Any]]]:
    """One turn's bot messages as text, and its buttons (numbered 1.. across the turn)."""
    blocks: List[str] = []
    buttons: List[Dict[str, Any]] = []
    for message in messages:
        parts = []
        if message.get("text"):
            parts.append(render_text(str(message["text"]), ansi))
        if message.get("image"):
            parts.append(f"[afbeelding / image: {message['image']}]")
        if message.get("attachment"):
            parts.append(f"[bijlage / attachment: {message['attachment']}]")
        custom = message.get("custom")
        source = sources.source_of(message) if custom is not None else None
        if source:
            line = render_text(source["text"], ansi)  # an FAQ answer's "Bron: …" line
            if blocks and not parts:  # sent right after the answer: show it under the answer
                blocks[-1] += "\n" + " " * len(BOT) + line
                continue
            parts.append(line)
        elif custom is not None:
            parts.append(json.dumps(custom, ensure_ascii=False))
        own = [b for b in message.get("buttons") or [] if isinstance(b, dict)]
        if own:
            parts.append(render_buttons(own, start=len(buttons) + 1))
            buttons.extend(own)
        if parts:
            body = "\n".join(parts)
            blocks.append(BOT + body.replace("\n", "\n" + " " * len(BOT)))
    return "\n".join(blocks), buttons


class BotUnavailable(Exception):
    """The bot did not answer (usefully); the message is one line for staff."""


def send(url: str, sender: str, message: str, timeout: float) -> List[Dict[str, Any]]:
    """POST one message to Rasa's REST channel; the bot messages it answers with."""
    body = json.dumps({"sender": sender, "message": message}).encode("utf-8")
    request = urllib.request.Request(
        url.rstrip("/") + "/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        raise BotUnavailable(f"HTTP {error.code}") from error
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or isinstance(error, TimeoutError):
            reason = f"geen antwoord binnen {timeout:g} s / no answer within {timeout:g} s"
        raise BotUnavailable(str(reason) or type(reason).__name__) from error
    except ValueError as error:
        raise BotUnavailable("geen geldig antwoord / not a valid answer (JSON)") from error
    if not isinstance(answer, list):
        raise BotUnavailable("geen geldig antwoord / not a valid answer (no list)")
    return [m for m in answer if isinstance(m, dict)]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Chat with the running AMIF-assistent (staff).")
    parser.add_argument(
        "--url",
        default=f"http://localhost:{os.environ.get('RASA_PORT', '5005')}",
        help="the Rasa server (default: http://localhost:$RASA_PORT, else 5005)",
    )
    parser.add_argument("--sender", default=None, help="conversation id (default: a new uuid)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for an answer (60)")
    args = parser.parse_args(argv)

    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    ansi = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    echo_input = not sys.stdin.isatty()  # piped input: show it, so the output reads as a transcript
    sender = args.sender or str(uuid.uuid4())

    print(f"AMIF-assistent, staff shell ({args.url})")
    print(f"Gesprek / conversation: {sender}")
    print(f"Stoppen / quit: {STOP}, Ctrl-D of/or Ctrl-C. Een nummer kiest een knop / a number picks a button.")
    print()
    menu: List[Dict[str, Any]] = []
    try:
        while True:
            try:
                line = input(PROMPT)
            except EOFError:
                print()
                break
            if echo_input:
                print(line)
            line = line.strip()
            if not line:
                continue
            if line.lower() == STOP:
                break
            message = line
            button = choose_button(line, menu)
            if button is not None:
                message = str(button.get("payload") or button.get("title") or "")
                title = render_text(str(button.get("title") or message))
                print(f"  → {title}" + (f" ({message})" if message != title else ""))
            elif line.isdigit() and menu:
                print(f"  Geen knop {line}: kies 1-{len(menu)} / no button {line}: pick 1-{len(menu)}")
                continue
            try:
                messages = send(args.url, sender, message, args.timeout)
            except BotUnavailable as error:
                sys.stdout.flush()
                print(
                    f"Fout: de bot antwoordt niet / Error: the bot does not answer ({args.url}: {error}).",
                    file=sys.stderr,
                    flush=True,
                )
                continue
            text, menu = render_reply(messages, ansi)
            print(text if text else "(geen antwoord / no reply)")
            print()
    except KeyboardInterrupt:
        print()
    print("Tot ziens / bye.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
