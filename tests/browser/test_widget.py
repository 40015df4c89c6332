"""The website widget in headless Chromium against the running bot (see conftest.py):
a visitor's conversation with quick replies, reload and history, safe rendering, keyboard
use, accessibility (axe-core), reconnecting, and the Origin allow-list."""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from browser_settings import AXE_JS, BOT_URL, DEMO_PORT, DEMO_URL, FOREIGN_PORT, RASA_PORT
from playwright.sync_api import Page, expect

TITLE = "AMIF-assistent"
XSS = "<img src=x onerror=alert(1)>"
ANSWER_TIMEOUT_MS = 20_000


# ------------------------------------------------------------------------------ helpers


class Widget:
    """The widget as a visitor (and a screen reader) finds it: by roles and labels."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.launcher = page.get_by_role("button", name=f"Open de chat met de {TITLE}")
        self.panel = page.get_by_role("dialog", name=TITLE)
        self.log = page.get_by_role("log", name=f"Gesprek met de {TITLE}")
        self.input = page.get_by_role("textbox", name=f"Je vraag aan de {TITLE}")
        self.send_button = page.get_by_role("button", name="Verstuur")
        self.close_button = page.get_by_role("button", name="Chat sluiten")
        self.restart_button = page.get_by_role("button", name="Nieuw gesprek beginnen (wist dit gesprek)")
        self.status = self.panel.locator(".status")
        self.bot = self.log.locator(".message.bot")
        self.user = self.log.locator(".message.user .bubble")
        self.quick_replies = self.log.get_by_role("group", name="Antwoordopties").get_by_role("button")

    def ask(self, text: str) -> None:
        self.input.fill(text)
        self.input.press("Enter")

    def answer_to(self, question: str):
        """The bot messages after the visitor's message `question`."""
        return self.log.locator(f".message.user:has-text({json.dumps(question)}) ~ .message.bot")

    def session_id(self) -> str:
        return self.page.evaluate("window.AmifAssistent.sessionId()")

    def shadow_count(self, selector: str) -> int:
        return self.page.evaluate(
            "s => document.getElementById('amif-assistent').shadowRoot.querySelectorAll(s).length", selector
        )


def watch(page: Page) -> dict:
    """Everything the page does that a test should see: dialogs, console errors, requests."""
    seen = {"dialogs": [], "errors": [], "urls": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["urls"].append(r.url))
    page.on("websocket", lambda ws: seen["urls"].append(ws.url))
    return seen


def run_axe(page: Page) -> dict:
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate("""() => axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
        resultTypes: ['violations']
    })""")


def summary(violations: list) -> list:
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in violations
    ]


# A stand-in for socket.io.min.js: answers with the bot messages the test queues, so the
# renderer can be fed hostile markdown that the real bot never says.
FAKE_IO = """
window.__sent = []; window.__replies = window.__replies || [];
window.io = function () {
  var handlers = {}, socket = {
    on: function (event, fn) { handlers[event] = fn; return socket; },
    emit: function (event, data) {
      if (event === 'session_request') setTimeout(function () { handlers.session_confirm(data.session_id); });
      if (event === 'user_uttered') {
        window.__sent.push(data);
        setTimeout(function () { (window.__replies.shift() || []).forEach(function (m) { handlers.bot_uttered(m); }); });
      }
    },
    disconnect: function () { return socket; },
    connect: function () { setTimeout(function () { handlers.connect(); }); return socket; }
  };
  return socket.connect();
};
"""


# ------------------------------------------------------------------------------ tests


def test_visitor_asks_clicks_reloads_and_continues(stack, context, artifacts):
    page = context.new_page()
    seen = watch(page)
    widget = Widget(page)

    start = time.monotonic()
    page.goto(DEMO_URL)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    widget.launcher.click()
    expect(widget.input).to_be_focused()
    # The greeting with the starter buttons, as real buttons.
    expect(widget.bot.first).to_contain_text("Ik ben de AMIF-assistent van Europa WSE", timeout=ANSWER_TIMEOUT_MS)
    first_answer_s = time.monotonic() - start
    expect(widget.quick_replies).to_have_text(["Wat is AMIF?", "Open oproepen", "Bij wie moet ik zijn?", "Contact"])

    asked = time.monotonic()
    widget.ask("Wat is AMIF?")
    expect(widget.answer_to("Wat is AMIF?").filter(has_text="Asiel-, Migratie- en Integratiefonds")).to_have_count(
        1, timeout=ANSWER_TIMEOUT_MS
    )
    answer_s = time.monotonic() - asked
    # The bare URL in the answer is a link that opens in a new window.
    link = widget.answer_to("Wat is AMIF?").get_by_role("link", name="https://www.europawse.be")
    expect(link).to_have_attribute("href", "https://www.europawse.be/")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    # Its source, as a short link line under the answer (the answer's custom payload).
    source = widget.answer_to("Wat is AMIF?").locator(".source")
    expect(source).to_have_count(1)
    expect(source).to_contain_text("Bron:")
    expect(source.get_by_role("link").first).to_have_attribute("href", re.compile(r"^https://"))
    page.screenshot(path=str(artifacts / "widget-source.png"))  # an FAQ answer with its source line

    # A quick reply sends its payload and shows its title.
    widget.ask("Ik wil een AMIF-project indienen")
    expect(widget.answer_to("Ik wil een AMIF-project indienen")).to_contain_text(
        "Over welk thema gaat je project?", timeout=ANSWER_TIMEOUT_MS
    )
    widget.quick_replies.filter(has_text="Integratie (ook werk, taal, onderwijs)").click()
    expect(widget.input).to_be_focused()
    expect(widget.user.last).to_have_text("Integratie (ook werk, taal, onderwijs)")
    expect(widget.answer_to("Integratie (ook werk, taal, onderwijs)")).to_contain_text(
        "Waar is je organisatie actief?", timeout=ANSWER_TIMEOUT_MS
    )
    expect(widget.quick_replies.filter(has_text="Vlaanderen")).to_be_visible()
    assert "/inform" not in widget.log.inner_text()

    # Reload: same conversation, history shown again, the bot still knows the context.
    session = widget.session_id()
    bot_messages = widget.bot.count()
    page.reload()
    expect(widget.panel).to_be_visible()
    expect(widget.user).to_have_text(
        ["Wat is AMIF?", "Ik wil een AMIF-project indienen", "Integratie (ook werk, taal, onderwijs)"]
    )
    expect(widget.bot).to_have_count(bot_messages)
    assert widget.session_id() == session
    page.screenshot(path=str(artifacts / "widget.png"))  # history and quick replies after reload
    widget.quick_replies.filter(has_text="Vlaanderen").click()
    routed = widget.answer_to("Vlaanderen")
    expect(routed.filter(has_text="Europa WSE").first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    expect(routed.get_by_role("link").filter(has_text="europawse.be").first).to_be_visible()

    # HTML typed by a visitor is shown as text, never interpreted.
    widget.ask(XSS)
    expect(widget.user.last).to_have_text(XSS)
    expect(widget.answer_to(XSS).first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    assert page.locator("img").count() == 0 and widget.shadow_count("img") == 0
    page.reload()
    expect(widget.user.last).to_have_text(XSS)
    assert widget.shadow_count("img") == 0
    page.wait_for_timeout(300)
    assert seen["dialogs"] == []

    # Every request went to the demo site or the bot: no CDN, fonts or trackers.
    hosts = {urlsplit(url).netloc for url in seen["urls"]}
    assert hosts <= {f"localhost:{DEMO_PORT}", f"localhost:{RASA_PORT}"}, hosts
    assert seen["errors"] == []  # CSP violations and script errors show up here

    metrics = {"page_load_to_greeting_s": round(first_answer_s, 2), "question_to_answer_s": round(answer_s, 2)}
    (artifacts / "widget-metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print(f"\nwidget timings: {metrics}")


def test_keyboard_only(stack, context):
    page = context.new_page()
    widget = Widget(page)
    page.goto(DEMO_URL)
    widget.launcher.focus()
    page.keyboard.press("Enter")
    expect(widget.input).to_be_focused()
    expect(widget.bot.first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    page.keyboard.type("Wat is AMIF?")
    page.keyboard.press("Enter")
    expect(widget.answer_to("Wat is AMIF?").first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    page.keyboard.press("Tab")
    expect(widget.send_button).to_be_focused()
    # The focused control shows a visible focus ring.
    outline = page.evaluate("""() => {
        const el = document.getElementById('amif-assistent').shadowRoot.activeElement;
        const style = getComputedStyle(el);
        return [style.outlineStyle, style.outlineWidth];
    }""")
    assert outline == ["solid", "3px"]
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(widget.input).to_be_focused()
    expect(widget.user).to_have_text(["Wat is AMIF?"])  # reopened: conversation kept


def test_new_conversation(stack, context):
    page = context.new_page()
    widget = Widget(page)
    page.goto(DEMO_URL)
    widget.launcher.click()
    widget.ask("Wat is AMIF?")
    expect(widget.answer_to("Wat is AMIF?").first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    old_session = widget.session_id()
    widget.restart_button.click()
    expect(widget.input).to_be_focused()
    expect(widget.user).to_have_count(0)
    expect(widget.bot).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)  # a fresh greeting
    expect(widget.quick_replies.first).to_be_visible()
    assert widget.session_id() != old_session
    page.reload()
    expect(widget.user).to_have_count(0)


def test_accessibility_no_serious_violations(stack, browser, artifacts):
    # bypass_csp: the demo page's CSP (rightly) refuses the injected axe-core script.
    results = {}
    for name, viewport in [("desktop", {"width": 1280, "height": 800}), ("mobile", {"width": 375, "height": 740})]:
        context = browser.new_context(viewport=viewport, bypass_csp=True)
        page = context.new_page()
        widget = Widget(page)
        page.goto(DEMO_URL)
        expect(widget.launcher).to_be_visible()
        results[f"{name}-closed"] = run_axe(page)["violations"]
        widget.launcher.click()
        widget.ask("Ik wil een AMIF-project indienen")
        expect(widget.quick_replies.first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
        widget.ask("Wat is AMIF?")  # an answer with a link
        expect(widget.answer_to("Wat is AMIF?").first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
        results[f"{name}-open"] = run_axe(page)["violations"]
        context.close()
    report = {state: summary(violations) for state, violations in results.items()}
    (artifacts / "axe.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print("\naxe violations:", {state: [(v["id"], v["impact"]) for v in vs] for state, vs in report.items()})
    serious = {state: [v for v in vs if v["impact"] in ("serious", "critical")] for state, vs in report.items()}
    assert all(not vs for vs in serious.values()), serious


def test_mobile_layout_is_full_screen(stack, browser, artifacts):
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    widget = Widget(page)
    page.goto(DEMO_URL)
    widget.launcher.click()
    expect(widget.bot.first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    box = widget.panel.bounding_box()
    assert box == {"x": 0, "y": 0, "width": 375, "height": 740}
    page.screenshot(path=str(artifacts / "widget-mobile.png"))
    context.close()


def test_unreachable_server_is_announced_and_reconnects(proxied_site, context):
    url, bot_proxy = proxied_site
    page = context.new_page()
    widget = Widget(page)
    page.goto(url)
    widget.launcher.click()
    expect(widget.bot.first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    session = widget.session_id()

    bot_proxy.cut()
    expect(widget.status).to_contain_text("niet bereikbaar", timeout=10_000)
    expect(widget.status).to_have_attribute("role", "status")
    widget.ask("Wat is AMIF?")
    expect(widget.status).to_contain_text("niet verstuurd")
    expect(widget.input).to_have_value("Wat is AMIF?")  # nothing lost
    expect(widget.user).to_have_count(0)

    bot_proxy.restore()
    expect(widget.status).to_be_empty(timeout=20_000)  # socket.io reconnected by itself
    widget.input.press("Enter")
    expect(widget.answer_to("Wat is AMIF?").first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    assert widget.session_id() == session


def test_markdown_is_rendered_safely(stack, context):
    page = context.new_page()
    seen = watch(page)
    page.route("**/widget/socket.io.min.js", lambda route: route.fulfill(body=FAKE_IO, content_type="text/javascript"))
    page.add_init_script("""window.__replies = [[
        {text: "**Vet** en gewoon\\n- punt een met [een link](https://example.org/a)\\n- punt twee\\n"
             + "Zie https://www.europawse.be. of mail info@example.org"},
        {attachment: {type: "image", payload: {src: "https://tracker.example/pixel.png"}}},
        {text: "[klik](javascript:alert(1)) [data](data:text/html,hi) <img src=x onerror=alert(1)> "
             + "<script>alert(2)</script> **<b>vet</b>**",
         quick_replies: [{content_type: "text", title: "Ja <b>graag</b>", payload: "/affirm"}]}
    ]];""")
    widget = Widget(page)
    page.goto(DEMO_URL)
    widget.launcher.click()
    first, image, hostile = widget.bot.nth(0), widget.bot.nth(1), widget.bot.nth(2)
    expect(first.locator("strong")).to_have_text("Vet")
    expect(first.locator("ul > li")).to_have_count(2)
    expect(first.get_by_role("link", name="een link")).to_have_attribute("href", "https://example.org/a")
    expect(first.get_by_role("link", name="https://www.europawse.be")).to_have_attribute(
        "href", "https://www.europawse.be/"
    )
    expect(first.get_by_role("link", name="info@example.org")).to_have_attribute("href", "mailto:info@example.org")

    expect(hostile).to_contain_text("[klik](javascript:alert(1))")
    expect(hostile).to_contain_text("<img src=x onerror=alert(1)> <script>alert(2)</script>")
    expect(hostile.locator("strong")).to_have_text("<b>vet</b>")
    expect(hostile.get_by_role("link")).to_have_count(0)
    # An image from the bot becomes a link: showing it would be a third-party request.
    expect(image.get_by_role("link")).to_have_attribute("href", "https://tracker.example/pixel.png")
    assert widget.shadow_count("img, script, b") == 0

    widget.quick_replies.filter(has_text="Ja <b>graag</b>").click()
    expect(widget.user.last).to_have_text("Ja <b>graag</b>")
    assert page.evaluate("window.__sent.map(m => m.message)") == ["/greet", "/affirm"]
    assert seen["dialogs"] == []
    assert not any("tracker.example" in url for url in seen["urls"])


def _probe(page: Page) -> dict:
    """Try socket.io's websocket and polling transports from the page's own origin."""
    return page.evaluate(
        """async (bot) => {
        const websocket = await new Promise(resolve => {
            const ws = new WebSocket(bot.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket');
            ws.onopen = () => { ws.close(); resolve('open'); };
            ws.onerror = () => resolve('rejected');
            setTimeout(() => resolve('timeout'), 5000);
        });
        let polling;
        try {
            const response = await fetch(bot + '/socket.io/?EIO=4&transport=polling');
            polling = response.ok ? 'ok' : 'status ' + response.status;
        } catch (error) { polling = 'rejected'; }
        return {websocket, polling};
    }""",
        BOT_URL,
    )


def test_page_from_another_origin_cannot_talk_to_the_bot(stack, foreign_site, context):
    foreign = context.new_page()
    widget = Widget(foreign)
    foreign.goto(foreign_site)
    widget.launcher.click()
    expect(widget.status).to_contain_text("niet bereikbaar", timeout=10_000)
    widget.ask("Wat is AMIF?")
    expect(widget.status).to_contain_text("niet verstuurd")
    expect(widget.bot).to_have_count(0)
    assert _probe(foreign) == {"websocket": "rejected", "polling": "rejected"}

    allowed = context.new_page()  # control: the same probe from the allowed origin works
    allowed.goto(DEMO_URL)
    assert _probe(allowed) == {"websocket": "open", "polling": "ok"}


@pytest.mark.parametrize(
    "origin, allowed",
    [
        (f"http://localhost:{DEMO_PORT}", True),
        (f"http://localhost:{FOREIGN_PORT}", False),
        ("https://evil.example", False),
    ],
)
def test_server_checks_the_origin_on_both_transports(stack, origin, allowed):
    polling = f"{BOT_URL}/socket.io/?EIO=4&transport=polling"
    try:
        with urllib.request.urlopen(
            urllib.request.Request(polling, headers={"Origin": origin}), timeout=10
        ) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == (200 if allowed else 400)

    # A websocket handshake by hand: Playwright's sync API owns this thread's event loop.
    connection = http.client.HTTPConnection("localhost", RASA_PORT, timeout=10)
    connection.request(
        "GET",
        "/socket.io/?EIO=4&transport=websocket",
        headers={
            "Origin": origin,
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        },
    )
    status = connection.getresponse().status
    connection.close()
    assert status == (101 if allowed else 400)
