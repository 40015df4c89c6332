"""What the benchmark ran on: cores, CPU, versions, spaCy pipeline, date."""

from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def describe() -> dict:
    from importlib.metadata import version

    selection = ROOT / ".spacy/selected-model"
    spacy_pipeline = selection.read_text().strip() if selection.exists() else "not set up"
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "rasa_sdk": version("rasa-sdk"),
        "tensorflow": version("tensorflow"),
        "spacy": version("spacy"),
        "spacy_pipeline": spacy_pipeline,
        "spacy_pipeline_is_fallback": spacy_pipeline != "nl_core_news_sm",
    }
