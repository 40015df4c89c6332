"""Deletes conversations whose last event is older than N days from the SQL tracker store.

Usage: python scripts/purge_conversations.py --days 30 [--db-url URL] [--dry-run]
(default URL: $AMIF_DB_URL, else sqlite:///runtime/amif.db; `make purge DAYS=30`).

Rasa's SQL tracker store keeps one row per event in the table ``events`` (sender_id,
timestamp in seconds since the epoch, ...). A conversation is deleted as a whole when its
most recent event is older than the limit, so an ongoing conversation is never cut in half.
Run it daily (cron, systemd timer); it is safe while Rasa runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import sqlalchemy as sa

DEFAULT_URL = "sqlite:///runtime/amif.db"


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
        old = (sa.select(events.c.sender_id).group_by(events.c.sender_id)
               .having(sa.func.max(events.c.timestamp) < cutoff))
        with engine.begin() as connection:
            senders = [row[0] for row in connection.execute(old)]
            if senders and not dry_run:
                for start in range(0, len(senders), 500):
                    batch = senders[start:start + 500]
                    connection.execute(events.delete().where(events.c.sender_id.in_(batch)))
        return len(senders)
    finally:
        engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=float, default=30, help="keep conversations active in the last N days (30)")
    parser.add_argument("--db-url", default=os.environ.get("AMIF_DB_URL") or DEFAULT_URL)
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
