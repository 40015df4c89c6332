"""Checks the conversation database (AMIF_DB_URL) before Rasa starts.

Rasa's SQL tracker store retries a failing database every 5 seconds, for ever, with only a
warning in its log; a typo in the URL looks like a bot that never becomes ready. This
check connects once and, on failure, exits with a message that names the setting.
For SQLite it creates the folder of the database file (runtime/ is not in git).

Usage: python scripts/check_db.py [URL]   (default: $AMIF_DB_URL)
"""

from __future__ import annotations

import sys
from pathlib import Path

from amif.settings import settings

SETTING = "AMIF_DB_URL"


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        from sqlalchemy.engine.url import make_url

        return repr(make_url(url))  # SQLAlchemy prints the password as ***
    except Exception:
        return "<unparsable URL>"


def check(url: str) -> str | None:
    """None when the database answers, otherwise an error message naming the setting."""
    if not url or not url.strip():
        return f"{SETTING} is empty. Set it to an SQLAlchemy URL, e.g. sqlite:///runtime/amif.db (see .env.example)."
    try:
        import sqlalchemy as sa
        from sqlalchemy.engine.url import make_url

        parsed = make_url(url)
    except Exception as error:
        return f"{SETTING} is not a valid database URL ({error}). Example: postgresql://user:password@host:5432/amif"
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        connect_args = {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
        engine = sa.create_engine(url, connect_args=connect_args)
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return (
            f"cannot connect to the conversation database {redact(url)}: {first_line}\n"
            f"Fix the setting {SETTING} (see .env.example), or start the database."
        )
    return None


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else settings().amif_db_url
    problem = check(url)
    if problem:
        print(f"ERROR: {problem}", file=sys.stderr)
        return 2
    print(f"Conversation database OK: {redact(url)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
