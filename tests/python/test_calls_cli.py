import subprocess
import sys
from pathlib import Path

from actions.calls.cli import main

REPO = Path(__file__).resolve().parents[2]

GOOD = """calls:
  - id: vl-open
    title: "Open oproep"
    authority: europa-wse
    themes: [integratie]
    audience: [vzw]
    opens: 2026-01-15
    deadline: 2026-03-31
    url: https://example.org/a
  - id: ec-later
    title: "Latere oproep"
    authority: europese-commissie
    themes: [integratie]
    audience: [vzw]
    opens: 2026-04-01
    deadline: 2026-06-30 17:00
    url: https://example.org/b
  - id: vl-old
    title: "Oude oproep"
    authority: europa-wse
    themes: [opvang]
    audience: [gemeente]
    opens: 2025-01-01
    deadline: 2025-02-01
    url: https://example.org/c
"""


def rows(output: str):
    return {line.split()[0]: line.split() for line in output.splitlines()[2:]}


def test_lists_calls_with_status(tmp_path, capsys):
    path = tmp_path / "calls.yml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["--file", str(path), "--today", "2026-03-01"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"OK: 3 calls in {path} are valid (status on 2026-03-01)"
    assert out.splitlines()[1].split() == ["id", "status", "opens", "deadline", "authority", "title"]
    table = rows(out)
    assert table["vl-open"][:5] == ["vl-open", "open", "2026-01-15", "2026-03-31", "europa-wse"]
    assert table["ec-later"][:6] == ["ec-later", "upcoming", "2026-04-01", "2026-06-30", "17:00", "europese-commissie"]
    assert table["vl-old"][1] == "closed"
    assert list(table) == ["vl-old", "vl-open", "ec-later"]  # by deadline


def test_bad_file_exits_1_with_error(tmp_path, capsys):
    path = tmp_path / "calls.yml"
    path.write_text(GOOD.replace("2026-06-30 17:00", "2026-03-01"), encoding="utf-8")
    assert main(["--file", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "ERROR:" in captured.err
    assert "oproep 'ec-later': deadline: 2026-03-01 ligt vóór opens (2026-04-01)" in captured.err


def test_bad_amif_today_is_an_error(tmp_path, capsys, monkeypatch):
    path = tmp_path / "calls.yml"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("AMIF_TODAY", "morgen")
    assert main(["--file", str(path)]) == 1
    assert "AMIF_TODAY='morgen'" in capsys.readouterr().err


def test_module_runs_on_shipped_file_all_closed():
    result = subprocess.run(
        [sys.executable, "-m", "actions.calls.cli", "--today", "2026-01-01"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    table = rows(result.stdout)
    assert "vl-2023-579-coordinatie-opvang-oekrainers" in table
    assert {row[1] for row in table.values()} == {"closed"}
