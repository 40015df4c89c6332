"""scripts/staff_shell.py (`make shell`): bot messages as clean text, buttons as a numbered
menu, and the shell itself against a stand-in for Rasa's REST webhook."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from harness.bot_process import free_port

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "staff_shell.py"
spec = importlib.util.spec_from_file_location("staff_shell", SCRIPT)
staff_shell = importlib.util.module_from_spec(spec)
spec.loader.exec_module(staff_shell)
render_text, render_buttons = staff_shell.render_text, staff_shell.render_buttons

BOLD, RESET = "\033[1m", "\033[0m"
MENU = [
    {"title": "Wat is AMIF?", "payload": "Wat is AMIF?"},
    {"title": "Open oproepen", "payload": "/ask_open_calls"},
    {"title": "Contact", "payload": "/ask_contact"},
]


# ------------------------------------------------------------------ rendering


def test_bold_loses_its_stars():
    text = "**FOD Binnenlandse Zaken**: beheert het federale luik."
    assert render_text(text) == "FOD Binnenlandse Zaken: beheert het federale luik."
    assert render_text(text, ansi=True) == f"{BOLD}FOD Binnenlandse Zaken{RESET}: beheert het federale luik."
    assert render_text("__vet__ en *schuin*") == "vet en schuin"


def test_link_shows_text_and_url():
    text = "Lees de [handleiding voor aanvragers](https://www.europawse.be/amif/handleiding)."
    assert render_text(text) == "Lees de handleiding voor aanvragers (https://www.europawse.be/amif/handleiding)."


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kijk op [amif-isf.be](https://www.amif-isf.be).", "Kijk op https://www.amif-isf.be."),
        ("Kijk op [www.europawse.be](https://www.europawse.be/).", "Kijk op https://www.europawse.be/."),
        ("Kijk op [https://www.amif-isf.be](https://www.amif-isf.be).", "Kijk op https://www.amif-isf.be."),
        ("Mail [info@europawse.be](mailto:info@europawse.be).", "Mail info@europawse.be."),
    ],
)
def test_link_whose_text_is_the_url_or_its_domain_shows_just_the_url(text, expected):
    assert render_text(text) == expected


def test_urls_are_not_mangled_by_emphasis_rules():
    text = "Zie https://example.be/a_b_c en [de_lijst](https://example.be/x_*y*_z)."
    assert render_text(text) == "Zie https://example.be/a_b_c en de_lijst (https://example.be/x_*y*_z)."


def test_bold_link_text():
    text = "1. [**Oproep integratie**](https://www.europawse.be/oproep) — deadline 1 mei"
    assert render_text(text) == "1. Oproep integratie (https://www.europawse.be/oproep) — deadline 1 mei"


def test_lists_are_kept():
    text = (
        "Er zijn nu 2 open oproepen:\n1. Oproep A — deadline 1 mei\n2. Oproep B — deadline 2 juni"
        "\n\nJe hebt nodig:\n- een **partner**\n* een budget\n  - met cofinanciering"
    )
    assert render_text(text).split("\n") == [
        "Er zijn nu 2 open oproepen:",
        "1. Oproep A — deadline 1 mei",
        "2. Oproep B — deadline 2 juni",
        "",
        "Je hebt nodig:",
        "• een partner",
        "• een budget",
        "  • met cofinanciering",
    ]


def test_buttons_as_numbered_menu():
    assert render_buttons(MENU).split("\n") == ["  1) Wat is AMIF?", "  2) Open oproepen", "  3) Contact"]
    assert render_buttons(MENU[:1], start=4) == "  4) Wat is AMIF?"


def test_choosing_a_button_by_number():
    assert staff_shell.choose_button("2", MENU)["payload"] == "/ask_open_calls"
    assert staff_shell.choose_button(" 1 ", MENU)["payload"] == "Wat is AMIF?"
    assert staff_shell.choose_button("4", MENU) is None
    assert staff_shell.choose_button("0", MENU) is None
    assert staff_shell.choose_button("Wat is AMIF?", MENU) is None
    assert staff_shell.choose_button("1", []) is None


def test_reply_numbers_buttons_across_messages():
    text, buttons = staff_shell.render_reply(
        [
            {"recipient_id": "x", "text": "**Dag!**", "buttons": MENU[:2]},
            {"recipient_id": "x", "text": "Of:", "buttons": MENU[2:]},
        ]
    )
    assert text.split("\n") == [
        "Bot: Dag!",
        "       1) Wat is AMIF?",
        "       2) Open oproepen",
        "Bot: Of:",
        "       3) Contact",
    ]
    assert [b["payload"] for b in buttons] == ["Wat is AMIF?", "/ask_open_calls", "/ask_contact"]


def test_an_answers_source_line_is_shown_under_it_and_other_custom_payloads_as_json():
    source = {"source": {"text": "Bron: [europawse.be](https://www.europawse.be/hoe-werken-wij)", "urls": []}}
    text, _ = staff_shell.render_reply(
        [{"text": "Europa WSE beheert het Vlaamse luik."}, {"custom": {"data": source}}, {"custom": {"kaart": 1}}]
    )
    assert text.split("\n") == [
        "Bot: Europa WSE beheert het Vlaamse luik.",
        "     Bron: europawse.be (https://www.europawse.be/hoe-werken-wij)",
        'Bot: {"kaart": 1}',
    ]


# ------------------------------------------------------------------ the shell as staff use it

REPLIES = {
    "hallo": [{"text": "Dag! Ik ben de **AMIF-assistent**.", "buttons": MENU}],
    "/ask_open_calls": [{"text": "Nieuwe oproepen verschijnen op [amif-isf.be](https://www.amif-isf.be)."}],
    "Wie beheert het federale luik?": [
        {"text": "**FOD Binnenlandse Zaken**: [de AMIF-pagina](https://www.amif-isf.be/nl)."},
        {"text": "Nog iets?"},
    ],
}


class FakeRasa(ThreadingHTTPServer):
    """Rasa's REST webhook as far as the shell uses it; records what it was sent."""

    daemon_threads = True

    def __init__(self, status: int = 200):
        self.received: list = []
        self.status = status
        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append((self.path, body))
        if self.server.status != 200:
            self.send_error(self.server.status)
            return
        reply = [dict(m, recipient_id=body["sender"]) for m in REPLIES.get(body["message"], [])]
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_rasa(request):
    server = FakeRasa(getattr(request, "param", 200))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def run_shell(url: str, lines: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--url", url, "--timeout", "10"],
        input=lines,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_shell_session(fake_rasa):
    done = run_shell(fake_rasa.url, "hallo\n\n   \n2\nWie beheert het federale luik?\n/stop\nnot sent\n")
    assert done.returncode == 0
    assert done.stderr == ""  # no warnings, no errors
    out = done.stdout

    # One conversation id, printed at the start with how to quit; empty lines not sent;
    # "2" sends the second button's payload; nothing after /stop.
    assert [(path, body["message"]) for path, body in fake_rasa.received] == [
        ("/webhooks/rest/webhook", "hallo"),
        ("/webhooks/rest/webhook", "/ask_open_calls"),
        ("/webhooks/rest/webhook", "Wie beheert het federale luik?"),
    ]
    senders = {body["sender"] for _, body in fake_rasa.received}
    assert len(senders) == 1
    sender = senders.pop()
    uuid.UUID(sender)
    assert f"Gesprek / conversation: {sender}" in out
    assert "/stop" in out.split("\n\n")[0] and "Ctrl-D" in out.split("\n\n")[0]

    assert "Bot: Dag! Ik ben de AMIF-assistent." in out
    assert "1) Wat is AMIF?\n" in out and "2) Open oproepen\n" in out and "3) Contact\n" in out
    assert "→ Open oproepen (/ask_open_calls)" in out
    assert "Bot: Nieuwe oproepen verschijnen op https://www.amif-isf.be." in out
    assert "Bot: FOD Binnenlandse Zaken: de AMIF-pagina (https://www.amif-isf.be/nl).\nBot: Nog iets?" in out
    assert "**" not in out and "](" not in out and "\033[" not in out  # no markdown; no ANSI on a pipe
    assert out.rstrip().endswith("Tot ziens / bye.")


def test_number_without_matching_button_is_not_sent(fake_rasa):
    done = run_shell(fake_rasa.url, "hallo\n7\n")  # then end of input (Ctrl-D)
    assert done.returncode == 0
    assert [body["message"] for _, body in fake_rasa.received] == ["hallo"]
    assert "Geen knop 7: kies 1-3" in done.stdout


def test_bot_not_answering_gives_one_line_and_the_shell_keeps_running():
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    done = run_shell(url, "hallo\nnog eens\n")
    assert done.returncode == 0
    errors = done.stderr.strip().split("\n")
    assert len(errors) == 2  # one line per message: the shell kept going after the first
    assert all(e.startswith("Fout: de bot antwoordt niet / Error: the bot does not answer") for e in errors)
    assert url in errors[0]
    assert "Traceback" not in done.stderr
    assert done.stdout.rstrip().endswith("Tot ziens / bye.")


@pytest.mark.parametrize("fake_rasa", [500], indirect=True)
def test_server_error_gives_one_line(fake_rasa):
    done = run_shell(fake_rasa.url, "hallo\n")
    assert done.returncode == 0
    assert done.stderr.strip().split("\n") == [
        f"Fout: de bot antwoordt niet / Error: the bot does not answer ({fake_rasa.url}: HTTP 500)."
    ]
