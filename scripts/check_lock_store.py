"""Checks the lock store (AMIF_LOCK_STORE, AMIF_REDIS_*) before Rasa starts.

With AMIF_LOCK_STORE=redis, Rasa only connects to Redis when the first message arrives,
and then every message fails; this check connects once (PING) and, on failure, exits with
a message that names the settings. The default, in_memory, needs no check.

Usage: python scripts/check_lock_store.py   (reads the AMIF_* variables, see .env.example)
"""

from __future__ import annotations

import os
import sys

from amif.settings import settings

TYPES = ("in_memory", "redis")


def check(env: dict) -> str | None:
    """None when the lock store is usable, otherwise an error message naming the setting."""
    kind = env.get("AMIF_LOCK_STORE") or "in_memory"
    if kind not in TYPES:
        return f"AMIF_LOCK_STORE={kind!r} is not a lock store; use one of {', '.join(TYPES)} (see .env.example)."
    if kind == "in_memory":
        return None
    host = env.get("AMIF_REDIS_HOST") or "localhost"
    port, db = env.get("AMIF_REDIS_PORT") or "6379", env.get("AMIF_REDIS_DB") or "1"
    for name, value in (("AMIF_REDIS_PORT", port), ("AMIF_REDIS_DB", db)):
        if not value.isdigit():
            return f"{name}={value!r} is not a number (see .env.example)."
    import redis

    client = redis.Redis(
        host=host, port=int(port), db=int(db), password=env.get("AMIF_REDIS_PASSWORD") or None, socket_timeout=5
    )
    try:
        client.ping()
    except redis.AuthenticationError as error:
        return (
            f"the Redis lock store at {host}:{port} refused the password: {error}\n"
            f"Fix the setting AMIF_REDIS_PASSWORD (see .env.example)."
        )
    except redis.RedisError as error:
        return (
            f"cannot reach the Redis lock store at {host}:{port} db {db}: {error}\n"
            f"Fix the settings AMIF_REDIS_HOST / AMIF_REDIS_PORT / AMIF_REDIS_DB (see .env.example), "
            f"start Redis, or set AMIF_LOCK_STORE=in_memory for a single Rasa instance."
        )
    finally:
        client.close()
    return None


def main() -> int:
    problem = check(dict(os.environ))
    if problem:
        print(f"ERROR: {problem}", file=sys.stderr)
        return 2
    config = settings()
    kind = config.amif_lock_store
    where = "" if kind == "in_memory" else f" at {config.amif_redis_host}:{config.amif_redis_port}"
    print(f"Lock store OK: {kind}{where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
