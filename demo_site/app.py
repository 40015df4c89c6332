"""Demo site: a page in the style of the Europa WSE website with the chat widget embedded by
one script tag, plus the widget's static files (widget/static/ at /widget/).

    .venv/bin/python demo_site/app.py [--port 8080] [--bot-url http://localhost:5005]

`make run` starts it beside Rasa. Every asset comes from this server; the page's
Content-Security-Policy allows no other host than the bot, so a third-party request would
fail loudly in the browser console.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

from sanic import Sanic, response
from sanic.request import Request

from amif.settings import settings

HERE = Path(__file__).resolve().parent
WIDGET_DIR = HERE.parent / "widget" / "static"
WIDGET_FILES = ("widget.js", "widget.css", "socket.io.min.js")  # socket.io.min.js: `make widget`


def bot_origins(bot_url: str) -> str:
    """http(s) and ws(s) forms of the bot's origin, for the CSP's connect-src."""
    parts = urlsplit(bot_url)
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc} {ws_scheme}://{parts.netloc}"


def create_app(bot_url: str) -> Sanic:
    app = Sanic("amif_demo_site")
    app.config.ACCESS_LOG = False

    # The optional config object a webmaster puts before the script tag; "<" escaped so the
    # URL cannot end the <script> element. The CSP allows exactly this inline script by hash.
    config_script = (
        "window.AmifAssistentConfig = "
        + json.dumps({"botUrl": bot_url, "title": "AMIF-assistent"}).replace("<", "\\u003c")
        + ";"
    )
    script_hash = base64.b64encode(hashlib.sha256(config_script.encode()).digest()).decode()
    page = (HERE / "index.html").read_text(encoding="utf-8").replace("{{config_script}}", config_script)
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src 'self' 'sha256-{script_hash}'",
            "style-src 'self'",
            "img-src 'self' data:",
            f"connect-src {bot_origins(bot_url)}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )

    @app.route("/", methods=["GET", "HEAD"])
    async def index(_: Request) -> response.HTTPResponse:
        return response.html(page, headers={"Content-Security-Policy": csp})

    @app.get("/health")
    async def health(_: Request) -> response.HTTPResponse:
        return response.json({"status": "ok", "widget_built": (WIDGET_DIR / "socket.io.min.js").is_file()})

    @app.middleware("response")
    async def headers(_: Request, resp: response.HTTPResponse) -> None:
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        resp.headers.setdefault("Cache-Control", "no-cache")

    # Exactly the files a page needs, nothing else from those folders.
    for name in WIDGET_FILES:
        app.static(f"/widget/{name}", str(WIDGET_DIR / name), name=f"widget_{name.replace('.', '_')}")
    app.static("/assets/site.css", str(HERE / "static" / "site.css"), name="site_css")
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    config = settings()
    parser.add_argument("--host", default=config.demo_host)
    parser.add_argument("--port", type=int, default=config.demo_port)
    parser.add_argument(
        "--bot-url", default=config.demo_bot_url, help="where the widget finds Rasa's socket.io channel"
    )
    args = parser.parse_args()
    if not (WIDGET_DIR / "socket.io.min.js").is_file():
        print("WARNING: widget/static/socket.io.min.js is missing; run `make widget`.", flush=True)
    create_app(args.bot_url).run(host=args.host, port=args.port, access_log=False, motd=False)


if __name__ == "__main__":
    main()
