#!/usr/bin/env sh
# Print the path of a working Python 3.10 interpreter (Rasa 3.6 needs >=3.8,<3.11;
# on 3.11 pip silently resolves an ancient Rasa 1.x). Order: $PYTHON, python3.10 on
# PATH, a pyenv-managed 3.10 (its shim refuses to run unless 3.10 is selected).
set -u

works() {
    "$@" -c 'import sys, venv; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1
}

if [ -n "${PYTHON:-}" ]; then
    if works "$PYTHON"; then command -v "$PYTHON"; exit 0; fi
    echo "PYTHON=$PYTHON is not a working Python 3.10." >&2
    exit 1
fi

if command -v python3.10 >/dev/null 2>&1 && works python3.10; then
    python3.10 -c 'import sys; print(sys.executable)'
    exit 0
fi

if command -v pyenv >/dev/null 2>&1; then
    version=$(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -t. -k3 -n | tail -n 1)
    if [ -n "$version" ]; then
        candidate="$(pyenv root)/versions/$version/bin/python3.10"
        if works "$candidate"; then echo "$candidate"; exit 0; fi
    fi
fi

cat >&2 <<'MSG'
ERROR: Python 3.10 not found.
Rasa 3.6 runs on Python 3.8-3.10 only; this project is pinned to 3.10.
Install it (e.g. `apt-get install python3.10 python3.10-venv`, or `pyenv install 3.10`)
or point to one with: make PYTHON=/path/to/python3.10 ...
MSG
exit 1
