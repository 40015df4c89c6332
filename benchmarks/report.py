"""reports/benchmark.md and its plots from the results of `make bench` (reports/benchmark.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

# Targets of issue 7 for this 2-core machine.
TARGETS = {
    "accuracy": 0.95,
    "turn_p95_ms_at_20": 60,
    "turn_to_parse_ratio_at_20": 2.0,
    "first_answer_s": 20,
    "rasa_rss_mb": 1024,
    "train_scratch_s": 180,
}


def plot_latency(results: Dict[str, Any], path: Path) -> Optional[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = results.get("serving", {}).get("latency", {}).get("rows")
    if not rows:
        return None
    concurrency = [row["concurrency"] for row in rows]
    fig, ax = plt.subplots(figsize=(6.4, 4))
    for kind, label, style, colour in (
        ("turn", "REST turn", "o-", "C0"),
        ("parse", "/model/parse (NLU only)", "s--", "C2"),
    ):
        ax.plot(concurrency, [row[kind]["p50_ms"] for row in rows], style, color=colour, label=f"{label} p50")
        ax.plot(
            concurrency, [row[kind]["p95_ms"] for row in rows], style, color=colour, alpha=0.45, label=f"{label} p95"
        )
    ax.axhline(TARGETS["turn_p95_ms_at_20"], color="red", linewidth=0.8, linestyle=":", label="target turn p95")
    ax.set_xlabel("parallel conversations")
    ax.set_ylabel("latency (ms)")
    ax.set_xticks(concurrency)
    ax.set_title(f"Latency vs concurrency ({results['machine']['cores']} cores)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path.name


def plot_nlu(results: Dict[str, Any], path: Path) -> Optional[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pipelines = results.get("quality", {}).get("comparison", {}).get("pipelines")
    if not pipelines:
        return None
    names = list(pipelines)
    metrics = (
        ("accuracy", "held-out accuracy"),
        ("macro_f1", "held-out macro F1"),
        ("entity_f1", "held-out entity F1"),
    )
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    width = 0.8 / len(names)
    for i, name in enumerate(names):
        values = [pipelines[name]["heldout"][key] for key, _ in metrics]
        ax.bar([m + i * width for m in range(len(metrics))], values, width, label=name)
    ax.set_xticks([m + width * (len(names) - 1) / 2 for m in range(len(metrics))])
    ax.set_xticklabels([label for _, label in metrics])
    ax.set_ylim(0, 1)
    ax.axhline(TARGETS["accuracy"], color="red", linewidth=0.8, linestyle=":")
    ax.set_title("Pipelines trained on the same 80 % split, scored on the held-out set")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path.name


def _bench_minutes(results: Dict[str, Any]) -> str:
    sections = results.get("section_seconds")
    return f"{sum(sections.values()) / 60:.1f}" if sections else str(results.get("bench_minutes", "?"))


def _status(value: Optional[float], target: float, higher_is_better: bool = False) -> str:
    if value is None:
        return "not measured"
    met = value >= target if higher_is_better else value <= target
    return "met" if met else "NOT met"


def _get(data: Dict[str, Any], *keys: Any) -> Any:
    for key in keys:
        if data is None:
            return None
        data = data[key] if isinstance(data, list) else data.get(key)
    return data


def target_rows(results: Dict[str, Any]) -> List[List[str]]:
    rows20 = [row for row in _get(results, "serving", "latency", "rows") or [] if row["concurrency"] == 20]
    row20 = rows20[0] if rows20 else {}
    measured = [
        (
            "Held-out intent accuracy",
            _get(results, "quality", "heldout", "accuracy"),
            TARGETS["accuracy"],
            True,
            "{:.3f}",
            "≥ {:.2f}",
        ),
        (
            "Turn p95 at 20 parallel (ms)",
            _get(row20, "turn", "p95_ms"),
            TARGETS["turn_p95_ms_at_20"],
            False,
            "{:.0f}",
            "≤ {:.0f}",
        ),
        (
            "Turn p95 / parse p95 at 20 parallel",
            row20.get("p95_ratio_turn_to_parse"),
            TARGETS["turn_to_parse_ratio_at_20"],
            False,
            "{:.2f}",
            "≤ {:.1f}",
        ),
        (
            "First answer after `make run` (s)",
            _get(results, "serving", "startup", "median_s"),
            TARGETS["first_answer_s"],
            False,
            "{:.1f}",
            "≤ {:.0f}",
        ),
        (
            "Rasa server peak RSS (MB)",
            _get(results, "serving", "memory_mb", "peak_after_load", "rasa_server"),
            TARGETS["rasa_rss_mb"],
            False,
            "{:.0f}",
            "≤ {:.0f}",
        ),
        (
            "`rasa train` from scratch (s)",
            _get(results, "training", "scratch_s"),
            TARGETS["train_scratch_s"],
            False,
            "{:.0f}",
            "≤ {:.0f}",
        ),
    ]
    return [
        [name, "—" if value is None else fmt.format(value), target_fmt.format(target), _status(value, target, higher)]
        for name, value, target, higher, fmt, target_fmt in measured
    ]


def table(header: List[str], rows: List[List[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def render(results: Dict[str, Any], reports: Path, history: str = "") -> str:
    machine = results["machine"]
    latency_png = plot_latency(results, reports / "latency_vs_concurrency.png")
    nlu_png = plot_nlu(results, reports / "nlu_pipelines.png")
    out = [
        "# AMIF-assistent — benchmark report",
        "",
        f"Written by `make bench` on {machine['date']}: {machine['cores']} cores ({machine['cpu']}), "
        f"{machine['memory_gb']} GiB, Python {machine['python']}, Rasa {machine['rasa']}, rasa-sdk "
        f"{machine['rasa_sdk']}, TensorFlow {machine['tensorflow']}, spaCy {machine['spacy']}.",
        f"spaCy pipeline: `{machine['spacy_pipeline']}`"
        + (
            " — the announced FALLBACK (blank Dutch + lookup lemmas), not nl_core_news_sm."
            if machine["spacy_pipeline_is_fallback"]
            else "."
        ),
        f"`make bench` takes {_bench_minutes(results)} minutes (its parts: "
        + ", ".join(f"{name} {seconds / 60:.1f}" for name, seconds in results.get("section_seconds", {}).items())
        + "). Timings are medians of "
        "several runs unless a row says otherwise; nothing here is asserted by a test.",
        "",
        "## Against the targets",
        "",
        table(["Measure", "Measured", "Target", ""], target_rows(results)),
        "",
    ]
    quality = results.get("quality", {})
    if quality:
        heldout = quality["heldout"]
        out += [
            "## 1. NLU quality (held-out set)",
            "",
            f"The trained model (`models/amif-assistent.tar.gz`) on `tests/nlu_heldout.yml` "
            f"({heldout['examples']} examples, {heldout['intents']} intents; an FAQ question counts "
            "as right only with the right answer, a fallback counts as wrong):",
            "",
            table(
                ["accuracy", "accuracy without fallback threshold", "macro F1", "entity F1", "fallback share"],
                [
                    [
                        heldout["accuracy"],
                        heldout["accuracy_without_fallback_threshold"],
                        heldout["macro_f1"],
                        heldout["entity_f1"],
                        heldout["fallback_share"],
                    ]
                ],
            ),
            "",
            "Worst intents (F1): " + ", ".join(f"`{w['intent']}` {w['f1']:.2f}" for w in heldout["worst_intents"][:6]),
            "",
            "Most confused pairs (expected → predicted): "
            + "; ".join(f"`{c['expected']}` → `{c['predicted']}` ×{c['count']}" for c in heldout["confused_pairs"][:6]),
            "",
        ]
        comparison = quality.get("comparison")
        if comparison:
            rows = [
                [
                    name,
                    p["spacy"],
                    p["split_f1"],
                    p["heldout"]["accuracy"],
                    p["heldout"]["macro_f1"],
                    p["heldout"]["entity_f1"],
                    p["heldout"]["fallback_share"],
                ]
                for name, p in comparison["pipelines"].items()
            ]
            out += [
                "Pipelines side by side: `rasa test nlu --config current.yml sparse_whitespace.yml "
                "--runs 1 --percentages 0` trains each on the same 80 % of `data/` and scores the other "
                "20 % (split F1); the same two models are then scored on the held-out set. "
                "`current` is config.yml; `sparse_whitespace` is config.yml without spaCy (whitespace "
                f"tokens, no lemmas); both train their classifiers for {comparison.get('epochs', 20)} "
                f"epochs instead of 60 to keep `make bench` short. ({comparison['seconds']} s)",
                "",
                table(
                    [
                        "pipeline",
                        "spaCy",
                        "split F1 (Rasa)",
                        "held-out accuracy",
                        "held-out macro F1",
                        "held-out entity F1",
                        "fallback share",
                    ],
                    rows,
                ),
                "",
            ]
            if nlu_png:
                out += [f"![NLU pipelines]({nlu_png})", ""]
        out += [
            "Rasa's own plots on the held-out set: [confusion matrix](intent_confusion_matrix.png), "
            "[confidence histogram](intent_histogram.png).",
            "",
        ]
        stories = quality.get("stories")
        if stories:
            out += [
                "## 2. Conversation quality",
                "",
                f"Conversation tests (`tests/test_stories.yml`, end-to-end: the user text goes through NLU): "
                f"{stories['stories_passed']}/{stories['stories']} stories passed, action accuracy "
                f"{stories['action_accuracy']}. Held-out questions that end in the fallback: "
                f"{heldout['fallback_share'] * 100:.1f} %.",
                "",
            ]
    serving = results.get("serving", {})
    if serving.get("latency"):
        rows = [
            [
                r["concurrency"],
                r["turn"]["p50_ms"],
                r["turn"]["p95_ms"],
                r["turn"]["throughput_per_s"],
                r["parse"]["p50_ms"],
                r["parse"]["p95_ms"],
                r["parse"]["throughput_per_s"],
                r.get("p95_ratio_turn_to_parse", "—"),
                r["turn"]["failed"] + r["parse"]["failed"],
            ]
            for r in serving["latency"]["rows"]
        ]
        out += [
            "## 3. Speed",
            "",
            f"`scripts/run.sh` on loopback, SQLite conversation store. Per concurrency c: max(10, 2c) "
            f"scripted visitors × {serving['latency']['turns_per_visitor']} turns over REST (FAQ, calls, "
            "routing with follow-ups), then as many bare `/model/parse` requests (NLU only); "
            f"medians of {serving['latency']['repeats']} repeats. Throughput at saturation = the highest "
            "row (both cores busy).",
            "",
            table(
                [
                    "parallel",
                    "turn p50 ms",
                    "turn p95 ms",
                    "turns/s",
                    "parse p50 ms",
                    "parse p95 ms",
                    "parses/s",
                    "turn/parse p95",
                    "failed",
                ],
                rows,
            ),
            "",
        ]
        if latency_png:
            out += [f"![Latency against concurrency]({latency_png})", ""]
    if serving.get("startup") or results.get("training"):
        out += ["## 4. Start-up and training", ""]
        if serving.get("startup"):
            s = serving["startup"]
            out += [
                f"`make run` (model trained, set-up done) until the first answer: median {s['median_s']} s "
                f"(runs: {', '.join(map(str, s['runs_s']))} s).",
                "",
            ]
        training = results.get("training")
        if training:
            out += [
                f"`rasa train` from scratch (empty cache, one run): {training['scratch_s']} s. "
                f"After changing the wording of one answer (`utter_greet`, with Rasa's cache): "
                f"{training['answer_changed_s']} s.",
                "",
            ]
    if serving.get("memory_mb"):
        memory = serving["memory_mb"]
        out += [
            "## 5. Memory",
            "",
            table(
                ["process", "peak RSS after start (MB)", "peak RSS after the load runs (MB)"],
                [
                    [name, round(memory["after_start"].get(name, 0)), round(memory["peak_after_load"].get(name, 0))]
                    for name in ("rasa_server", "action_server")
                ],
            ),
            "",
        ]
    if history:
        out += [history.strip(), ""]
    return "\n".join(out)
