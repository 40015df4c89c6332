import logging
import os
from pathlib import Path

import pytest

from actions.calls.store import DEFAULT_PATH, CallsFileError, CallsStore, load_calls_file

GOOD = """calls:
  - id: {id}
    title: "Titel {id}"
    authority: europa-wse
    themes: [integratie]
    audience: [vzw]
    opens: 2026-01-15
    deadline: 2026-03-31
    url: https://example.org/{id}
"""


def write(path: Path, text: str, bump: int) -> None:
    path.write_text(text, encoding="utf-8")
    # Same-second rewrites can keep the mtime: set it explicitly so the store sees a change.
    stamp = 1_700_000_000 + bump
    os.utime(path, (stamp, stamp))


def test_default_path_is_repo_file_or_env(monkeypatch, tmp_path):
    monkeypatch.delenv("AMIF_CALLS_FILE", raising=False)
    assert CallsStore().path == DEFAULT_PATH
    assert DEFAULT_PATH == Path(__file__).resolve().parents[2] / "calls" / "calls.yml"
    monkeypatch.setenv("AMIF_CALLS_FILE", str(tmp_path / "other.yml"))
    assert CallsStore().path == tmp_path / "other.yml"


def test_shipped_file_loads_and_every_call_has_a_source():
    calls = load_calls_file(DEFAULT_PATH)
    assert len(calls) >= 5
    assert all(call.source is not None for call in calls)
    assert {c.authority for c in calls} == {"europa-wse", "fod-binnenlandse-zaken", "europese-commissie"}


def test_missing_file(tmp_path):
    with pytest.raises(CallsFileError, match="bestand niet gevonden"):
        load_calls_file(tmp_path / "nope.yml")
    store = CallsStore(tmp_path / "nope.yml")
    assert store.calls() == []
    assert "bestand niet gevonden" in store.last_error


def test_yaml_syntax_error_gives_line(tmp_path):
    path = tmp_path / "calls.yml"
    path.write_text('calls:\n  - id: a\n    title: "unclosed\n    authority: x\n', encoding="utf-8")
    with pytest.raises(CallsFileError, match=r"geen geldige YAML op regel \d+"):
        load_calls_file(path)


def test_file_without_calls_key(tmp_path):
    path = tmp_path / "calls.yml"
    path.write_text("- id: a\n", encoding="utf-8")
    with pytest.raises(CallsFileError, match="moet beginnen met 'calls:'"):
        load_calls_file(path)


def test_schema_errors_name_id_and_field(tmp_path):
    path = tmp_path / "calls.yml"
    path.write_text(GOOD.format(id="vl-a").replace("2026-03-31", "2025-12-31"), encoding="utf-8")
    with pytest.raises(CallsFileError) as info:
        load_calls_file(path)
    assert "oproep 'vl-a': deadline: 2025-12-31 ligt vóór opens (2026-01-15)" in str(info.value)


def test_broken_file_keeps_last_good_list_and_fix_is_picked_up(tmp_path, caplog):
    path = tmp_path / "calls.yml"
    write(path, GOOD.format(id="vl-a"), bump=0)
    store = CallsStore(path)
    assert [c.id for c in store.calls()] == ["vl-a"]
    assert store.last_error is None

    write(path, GOOD.format(id="vl-b").replace("europa-wse", "vdab"), bump=10)
    with caplog.at_level(logging.ERROR, logger="actions.calls.store"):
        assert [c.id for c in store.calls()] == ["vl-a"]
    assert "oproep 'vl-b': authority" in store.last_error
    assert "oproep 'vl-b': authority" in caplog.text
    assert "last good list (1 calls)" in caplog.text

    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="actions.calls.store"):
        store.calls()  # same broken file: not reloaded, not logged again
    assert caplog.text == ""

    write(path, GOOD.format(id="vl-c"), bump=20)
    assert [c.id for c in store.calls()] == ["vl-c"]
    assert store.last_error is None


def test_first_load_failure_then_file_appears(tmp_path):
    path = tmp_path / "calls.yml"
    write(path, "calls: [", bump=0)
    store = CallsStore(path)
    assert store.calls() == []
    assert "geen geldige YAML" in store.last_error
    write(path, GOOD.format(id="vl-a"), bump=5)
    assert [c.id for c in store.calls()] == ["vl-a"]
