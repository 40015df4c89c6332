"""`make bench`: measure answer quality, speed, start-up, training time and memory on this
machine and write reports/benchmark.md (+ PNG plots, + benchmark.json with every number).

    .venv/bin/python -m benchmarks.bench [--only serving,quality,training] [--render-only]

Needs a trained model (`make bench` trains first if needed) and free ports 5805/5855/8880.
Run it on a quiet machine: anything else running changes the timings.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from benchmarks import machine, quality, report, serving, training

ROOT = Path(__file__).resolve().parent.parent

SECTIONS = ("serving", "quality", "training")
WORK = ROOT / "results/bench"
REPORTS = ROOT / "reports"
BEFORE_AFTER = Path(__file__).with_name("before_after.md")


def run_section(name: str, results: dict) -> None:
    started = time.monotonic()
    print(f"== {name} ...", flush=True)
    if name == "serving":
        results["serving"] = {"startup": serving.startup(WORK / "startup")}
        results["serving"].update(serving.latency_and_memory(WORK / "serving"))
    elif name == "quality":
        results["quality"] = {
            "heldout": quality.heldout(quality.MODEL, WORK / "heldout"),
            "stories": quality.conversation_tests(WORK),
            "comparison": quality.compare_pipelines(WORK, REPORTS),
        }
        quality.rasa_nlu_report(WORK, REPORTS)
    elif name == "training":
        results["training"] = training.measure(WORK / "training")
    seconds = time.monotonic() - started
    results.setdefault("section_seconds", {})[name] = round(seconds)
    print(f"   {name} done in {seconds:.0f} s", flush=True)


def summary_lines(results: dict) -> list:
    return ["| " + " | ".join(row) + " |" for row in report.target_rows(results)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--render-only", action="store_true", help="rewrite the report from benchmark.json")
    args = parser.parse_args()
    REPORTS.mkdir(exist_ok=True)
    json_path = REPORTS / "benchmark.json"
    results = json.loads(json_path.read_text()) if json_path.exists() else {}
    started = time.monotonic()
    if not args.render_only:
        if WORK.exists():
            shutil.rmtree(WORK)
        WORK.mkdir(parents=True)
        results["machine"] = machine.describe()
        for name in [s.strip() for s in args.only.split(",") if s.strip()]:
            if name not in SECTIONS:
                parser.error(f"unknown section {name!r}; choose from {', '.join(SECTIONS)}")
            run_section(name, results)
            json_path.write_text(json.dumps(results, indent=2))  # keep what is done if a later part fails
        results["bench_minutes"] = round((time.monotonic() - started) / 60, 1)
        json_path.write_text(json.dumps(results, indent=2))
    history = BEFORE_AFTER.read_text() if BEFORE_AFTER.exists() else ""
    (REPORTS / "benchmark.md").write_text(report.render(results, REPORTS, history))
    print("\n".join(["", f"Report: {REPORTS / 'benchmark.md'}", *summary_lines(results)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
