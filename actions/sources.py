"""The source line under an FAQ answer ("Bron: europawse.be"), so a visitor can check it.

An FAQ answer's sources are its `metadata.source` in domain.yml: URLs, each optionally
followed by a note for colleagues ("https://… (interview 2021)"). The line is sent with the
answer as its `custom` payload ``{"data": {"source": {"text": …, "urls": […]}}}``: Rasa's
socket.io channel emits a custom payload's `data` as the bot message, so the widget gets
``{"source": …}`` right after the answer's text; over REST it is the answer's next message.
The widget and the staff shell show it under the answer; other clients still get the answer
as plain text.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional
from urllib.parse import urlsplit

from actions import wording


def source_urls(metadata: Dict[str, Any]) -> List[str]:
    """The http(s) URLs among an answer's sources, in their order, each once."""
    sources = metadata.get("source") or []
    if isinstance(sources, str):
        sources = [sources]
    urls: List[str] = []
    for entry in sources:
        url = str(entry).split()[0] if str(entry).strip() else ""
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc and url not in urls:
            urls.append(url)
    return urls


def site(url: str) -> str:
    """https://www.europawse.be/hoe-werken-wij -> europawse.be (the link's short text)."""
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def source_payload(metadata: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The `custom` payload with the answer's source line, or None when it has no URL."""
    urls = source_urls(metadata)
    if not urls:
        return None
    first_of_each_site: Dict[str, str] = {}
    for url in urls:  # one link per site keeps the line short; `urls` keeps them all
        first_of_each_site.setdefault(site(url), url)
    links = wording.text("utter_part_source_separator").join(
        f"[{name}]({url})" for name, url in first_of_each_site.items()
    )
    return {"data": {"source": {"text": wording.text("utter_part_source", links=links), "urls": urls}}}


def source_of(message: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The source line a bot message carries (over REST in `custom`, over socket.io as the
    event itself), or None."""
    payload = message.get("custom") if "custom" in message else message
    if isinstance(payload, dict) and isinstance(payload.get("data"), dict):
        payload = payload["data"]
    source = payload.get("source") if isinstance(payload, dict) else None
    return source if isinstance(source, dict) and isinstance(source.get("text"), str) else None
