"""Browser tests of the website widget: the whole bot (scripts/run.sh: action server, Rasa,
demo site) on spare ports, driven through Debian's headless Chromium with Playwright.

Set-up (`make test-browser` does it): /usr/bin/chromium (apt), widget/node_modules (npm ci:
socket.io-client, axe-core) and widget/static/socket.io.min.js (`make widget`).
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_settings import (
    ACTION_PORT,
    ARTIFACTS,
    AXE_JS,
    BOT_URL,
    CHROMIUM,
    CHROMIUM_ARGS,
    DEMO_PORT,
    DEMO_URL,
    FOREIGN_PORT,
    FOREIGN_URL,
    PROXIED_DEMO_PORT,
    PROXY_PORT,
    RASA_PORT,
    ROOT,
)
from playwright.sync_api import sync_playwright

from harness.bot_process import BotProcess


def _health(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()
    except OSError:
        return b""


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """scripts/run.sh on spare ports; socket.io allows only the demo sites' origins."""
    for needed in (CHROMIUM, ROOT / "widget/static/socket.io.min.js", AXE_JS):
        if not Path(needed).is_file():
            pytest.fail(f"{needed} is missing: run `make test-browser` (it sets it up)")
    db = tmp_path_factory.mktemp("db") / "conversations.db"
    bot = BotProcess(
        RASA_PORT,
        ACTION_PORT,
        DEMO_PORT,
        f"sqlite:///{db}",
        "browser-run.log",
        extra_env={"ALLOWED_ORIGINS": f"http://localhost:{DEMO_PORT}," f"http://localhost:{PROXIED_DEMO_PORT}"},
    )
    try:
        bot.start()
        deadline = time.monotonic() + 60
        while b"ok" not in _health(DEMO_URL + "health"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"demo site not ready in time; see {bot.log_path}")
            time.sleep(1)
    except RuntimeError as error:
        bot.stop()
        pytest.fail(str(error))
    try:
        yield
    finally:
        bot.stop()


@pytest.fixture(scope="session")
def foreign_site():
    """A page on another origin (not in ALLOWED_ORIGINS) that embeds the widget like a
    webmaster would: config object plus the one script tag from the demo site."""
    page = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Andere site</title>'
        "</head><body><main><h1>Een site die niet op de lijst staat</h1></main>"
        f'<script>window.AmifAssistentConfig = {{botUrl: "{BOT_URL}"}};</script>'
        f'<script src="{DEMO_URL}widget/widget.js"></script></body></html>'
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args) -> None:  # keep the pytest output readable
            pass

    server = ThreadingHTTPServer(("127.0.0.1", FOREIGN_PORT), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield FOREIGN_URL
    server.shutdown()
    server.server_close()


class TcpProxy:
    """localhost:listen_port -> localhost:target_port. cut() drops every connection and
    refuses new ones, as when the bot's server goes away; restore() lets them through again."""

    def __init__(self, listen_port: int, target_port: int) -> None:
        self.listen_port, self.target_port = listen_port, target_port
        self.server = None
        self.sockets = []
        self.lock = threading.Lock()

    def restore(self) -> None:
        self.server = socket.create_server(("127.0.0.1", self.listen_port))
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def cut(self) -> None:
        with self.lock:
            sockets, self.sockets = [self.server] + self.sockets, []
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # also wakes the thread blocked in accept()
            except OSError:
                pass
            sock.close()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                return
            with self.lock:
                self.sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        try:
            target.shutdown(socket.SHUT_WR)
        except OSError:
            pass


@pytest.fixture
def proxied_site(stack):
    """(URL of a demo site whose widget talks to the bot via a proxy, the proxy)."""
    proxy = TcpProxy(PROXY_PORT, RASA_PORT)
    proxy.restore()
    site = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/python"),
            "demo_site/app.py",
            "--host",
            "127.0.0.1",
            "--port",
            str(PROXIED_DEMO_PORT),
            "--bot-url",
            f"http://localhost:{PROXY_PORT}",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://localhost:{PROXIED_DEMO_PORT}/"
    deadline = time.monotonic() + 30
    while True:
        if _health(url + "health"):
            break
        if site.poll() is not None or time.monotonic() > deadline:
            pytest.fail("the proxied demo site did not start")
        time.sleep(0.3)
    yield url, proxy
    site.terminate()
    site.wait(timeout=10)
    proxy.cut()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile per test: empty sessionStorage, so a new conversation."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-BE")
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
