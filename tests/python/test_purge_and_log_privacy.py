"""`make purge` (scripts/purge_conversations.py) on a real Rasa SQL tracker store, and the
log masking of e-mail addresses and phone numbers (rasa_extensions/log_privacy.py)."""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_extensions import log_privacy

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("purge_conversations", ROOT / "scripts/purge_conversations.py")
purge_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(purge_module)

DAY = 86400


def store_conversation(store, sender, *ages_days):
    tracker = DialogueStateTracker(sender, [])
    for age in ages_days:
        tracker.update(UserUttered("hallo", timestamp=time.time() - age * DAY))
    store.save_sync(tracker) if hasattr(store, "save_sync") else __import__("asyncio").run(store.save(tracker))


def senders(db_url):
    import sqlalchemy as sa

    engine = sa.create_engine(db_url)
    with engine.connect() as c:
        found = {row[0] for row in c.execute(sa.text("SELECT DISTINCT sender_id FROM events"))}
    engine.dispose()
    return found


def test_purge_deletes_only_conversations_idle_longer_than_the_limit(tmp_path):
    url = f"sqlite:///{tmp_path}/t.db"
    store = SQLTrackerStore(Domain.empty(), host=url)
    store_conversation(store, "old", 90, 60)
    store_conversation(store, "recent", 2)
    store_conversation(store, "old-but-active", 45, 1)  # still going: kept whole
    assert senders(url) == {"old", "recent", "old-but-active"}

    assert purge_module.purge(url, 30, dry_run=True) == 1
    assert senders(url) == {"old", "recent", "old-but-active"}
    assert purge_module.purge(url, 30) == 1
    assert senders(url) == {"recent", "old-but-active"}
    assert purge_module.purge(url, 0) == 2
    assert senders(url) == set()


def test_a_visitor_who_comes_back_before_the_delete_keeps_the_conversation(tmp_path, monkeypatch):
    # The race: "old" is idle when its batch is chosen, then the visitor writes again before
    # the batch is deleted. The delete checks the age itself, so "old" is kept whole, new
    # event included, and is not counted; "old-too" in the same batch still goes.
    url = f"sqlite:///{tmp_path}/race.db"
    store = SQLTrackerStore(Domain.empty(), host=url)
    store_conversation(store, "old", 90, 60)
    store_conversation(store, "old-too", 40)
    store_conversation(store, "recent", 2)
    assert purge_module.purge(url, 30, dry_run=True) == 2

    chosen = []

    def visitor_comes_back(senders):
        chosen.append(list(senders))
        tracker = asyncio.run(store.retrieve("old"))
        tracker.update(UserUttered("ik ben terug", timestamp=time.time()))
        asyncio.run(store.save(tracker))

    monkeypatch.setattr(purge_module, "_batch_chosen", visitor_comes_back)
    assert purge_module.purge(url, 30) == 1
    assert chosen == [["old", "old-too"]]  # "old" was in the batch, and was old when chosen
    assert senders(url) == {"old", "recent"}
    kept = asyncio.run(store.retrieve_full_tracker("old"))
    assert [e.text for e in kept.events if isinstance(e, UserUttered)] == ["hallo", "hallo", "ik ben terug"]


def test_purge_in_several_batches(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/batches.db"
    store = SQLTrackerStore(Domain.empty(), host=url)
    for n in range(7):
        store_conversation(store, f"old-{n}", 40)
    store_conversation(store, "recent", 1)
    monkeypatch.setattr(purge_module, "BATCH", 3)
    assert purge_module.purge(url, 30) == 7
    assert senders(url) == {"recent"}


def test_purge_cli_on_an_empty_database(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/purge_conversations.py"),
            "--days",
            "7",
            "--db-url",
            f"sqlite:///{tmp_path}/none.db",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "deleted 0 conversation" in result.stdout


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail me op jan.peeters@voorbeeld.be aub", "mail me op [e-mail] aub"),
        ("JAN_P+amif@Sub.Domein.EU", "[e-mail]"),
        ("jan (at) voorbeeld.be", "[e-mail]"),
        ("bel 0470 12 34 56", "bel [telefoon]"),
        ("bel 0470/12.34.56 of 02 553 12 34", "bel [telefoon] of [telefoon]"),
        ("+32 470 12 34 56", "[telefoon]"),
        ("+32 (0)2 553 12 34", "[telefoon]"),
        ("0032470123456", "[telefoon]"),
        ("oproep 579 heeft 6.500.000 euro", "oproep 579 heeft 6.500.000 euro"),
        ("deadline 15 maart 2026, 2026-03-15", "deadline 15 maart 2026, 2026-03-15"),
        ("https://www.europawse.be", "https://www.europawse.be"),
    ],
)
def test_mask(text, expected):
    assert log_privacy.mask(text) == expected


def test_log_records_are_masked(caplog):
    log_privacy.install()
    log_privacy.install()  # idempotent
    logger = logging.getLogger("amif.test")
    with caplog.at_level(logging.INFO):
        logger.info("visitor said %r", "ik ben jan@voorbeeld.be, tel 0470 12 34 56")
        logger.info("plain %s", "oproep 579")
    assert "jan@voorbeeld.be" not in caplog.text and "0470 12 34 56" not in caplog.text
    assert "[e-mail]" in caplog.text and "[telefoon]" in caplog.text and "plain oproep 579" in caplog.text
