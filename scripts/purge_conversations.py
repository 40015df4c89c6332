"""Deletes conversations whose last event is older than N days from the SQL tracker store.

Usage: python scripts/purge_conversations.py --days 30 [--db-url URL] [--dry-run]
(default URL: $AMIF_DB_URL, else sqlite:///runtime/amif.db; `make purge DAYS=30`).

Rasa's SQL tracker store keeps one row per event in the table ``events`` (sender_id,
timestamp in seconds since the epoch, ...). A conversation is deleted as a whole when its
most recent event is older than the limit, so an ongoing conversation is never cut in half.
Run it daily (cron, systemd timer); it is safe while Rasa runs.

The conversations are deleted in batches of ``BATCH``, each with one statement that checks
the age again when it deletes (in effect ``DELETE FROM events WHERE sender_id IN (SELECT
sender_id FROM events WHERE sender_id IN (:batch) GROUP BY sender_id HAVING MAX(timestamp)
< :cutoff)``): a visitor who comes back between the choice of the batch and its deletion
keeps the whole conversation, the new event included. (Deleting the chosen sender ids
without that check also deleted the new event, on PostgreSQL.)
"""

from __future__ import annotations

import argparse
import sys
import time

import sqlalchemy as sa

from amif.settings import settings

DEFAULT_URL = "sqlite:///runtime/amif.db"
BATCH = 500  # conversations per transaction: short write locks on a large store


def purge(db_url: str, days: float, now: float | None = None, dry_run: bool = False) -> int:
    """Deletes old conversations; returns how many conversations were (or would be) deleted."""
    if days < 0:
        raise ValueError("days must be 0 or more")
    cutoff = (time.time() if now is None else now) - days * 86400
    engine = sa.create_engine(db_url)
    try:
        if not sa.inspect(engine).has_table("events"):
            return 0
        events = sa.Table("events", sa.MetaData(), autoload_with=engine)
        if dry_run:
            with engine.connect() as connection:
                return connection.execute(
                    sa.select(sa.func.count()).select_from(_idle(events, cutoff).subquery())
                ).scalar()
        deleted, last = 0, None
        while True:
            with engine.begin() as connection:
                batch = _idle(events, cutoff)
                if last is not None:
                    batch = batch.where(events.c.sender_id > last)
                senders = [row[0] for row in connection.execute(batch.order_by(events.c.sender_id).limit(BATCH))]
                if not senders:
                    return deleted
                last = senders[-1]
                _batch_chosen(senders)
                deleted += _delete_idle(connection, events, senders, cutoff)
    finally:
        engine.dispose()


def _idle(events: sa.Table, cutoff: float) -> sa.sql.Select:
    """The sender ids of the conversations whose newest event is older than the cut-off."""
    return sa.select(events.c.sender_id).group_by(events.c.sender_id).having(sa.func.max(events.c.timestamp) < cutoff)


def _batch_chosen(senders: list) -> None:
    """Runs between choosing a batch and deleting it (a hook for the tests: a visitor who
    comes back in between must keep the conversation)."""


def _delete_idle(connection: sa.engine.Connection, events: sa.Table, senders: list, cutoff: float) -> int:
    """Deletes the events of those of ``senders`` whose conversation is still idle, in one
    statement: the database checks the newest event when it deletes, so an event written
    after the batch was chosen keeps its conversation whole. Returns how many were deleted."""
    still_idle = _idle(events, cutoff).where(events.c.sender_id.in_(senders)).subquery()
    # Through a derived table: MySQL refuses a plain subquery on the table a DELETE deletes
    # from (tested here on SQLite and PostgreSQL only).
    delete = events.delete().where(events.c.sender_id.in_(sa.select(still_idle.c.sender_id)))
    if connection.dialect.full_returning:  # PostgreSQL: the deleted rows say whose they were
        return len({row[0] for row in connection.execute(delete.returning(events.c.sender_id))})
    connection.execute(delete)
    # SQLite: the DELETE holds the database's write lock until the commit, so no event can
    # have been added since; the senders without events left are the deleted conversations.
    kept = connection.execute(sa.select(events.c.sender_id).where(events.c.sender_id.in_(senders)).distinct())
    return len(senders) - len(kept.fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=float, default=30, help="keep conversations active in the last N days (30)")
    parser.add_argument("--db-url", default=settings().amif_db_url)
    parser.add_argument("--dry-run", action="store_true", help="only count")
    args = parser.parse_args()
    try:
        count = purge(args.db_url, args.days, dry_run=args.dry_run)
    except Exception as error:
        print(f"ERROR: purge failed ({error}); check AMIF_DB_URL.", file=sys.stderr)
        return 2
    verb = "would delete" if args.dry_run else "deleted"
    print(f"{verb} {count} conversation(s) with no activity in the last {args.days:g} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
