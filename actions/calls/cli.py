"""Staff check of the calls file: validate it and list every call with its status.

python -m actions.calls.cli [--file calls/calls.yml] [--today 2026-03-01]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import List, Optional, Sequence

from actions.calls.query import status
from actions.calls.query import today as real_today
from actions.calls.schema import END_OF_DAY
from actions.calls.store import CallsFileError, default_path, load_calls_file


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY-MM-DD") from None


def _table(rows: List[List[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.calls.cli", description=__doc__.splitlines()[0])
    parser.add_argument("--file", help="calls file (default: $AMIF_CALLS_FILE or calls/calls.yml)")
    parser.add_argument("--today", type=_iso_date, help="date to compute the status for (default: today in Brussels)")
    args = parser.parse_args(argv)

    path = args.file or default_path()
    try:
        day = args.today or real_today()
        calls = load_calls_file(path)
    except (CallsFileError, ValueError) as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1

    print(f"OK: {len(calls)} calls in {path} are valid (status on {day.isoformat()})")
    rows = [["id", "status", "opens", "deadline", "authority", "title"]]
    for call in sorted(calls, key=lambda c: c.deadline):
        whole_day = call.deadline.time() == END_OF_DAY
        deadline = call.deadline.strftime("%Y-%m-%d" if whole_day else "%Y-%m-%d %H:%M")
        rows.append(
            [
                call.id,
                status(call, day),
                call.opens.isoformat() if call.opens else "-",
                deadline,
                call.authority,
                call.title,
            ]
        )
    if calls:
        print(_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
