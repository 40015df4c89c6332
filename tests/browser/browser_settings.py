"""Ports, paths and browser options shared by the browser tests (env-overridable ports)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RASA_PORT = int(os.environ.get("BROWSER_RASA_PORT", "5205"))
ACTION_PORT = int(os.environ.get("BROWSER_ACTION_PORT", "5255"))
DEMO_PORT = int(os.environ.get("BROWSER_DEMO_PORT", "8280"))
FOREIGN_PORT = int(os.environ.get("BROWSER_FOREIGN_PORT", "8281"))  # a site that is not allowed
# A second demo site (allowed origin too) whose widget reaches the bot through a proxy that
# the test can cut, to play "server unreachable".
PROXY_PORT = int(os.environ.get("BROWSER_PROXY_PORT", "5206"))
PROXIED_DEMO_PORT = int(os.environ.get("BROWSER_PROXIED_DEMO_PORT", "8282"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"

DEMO_URL = f"http://localhost:{DEMO_PORT}/"
BOT_URL = f"http://localhost:{RASA_PORT}"
FOREIGN_URL = f"http://localhost:{FOREIGN_PORT}/"
