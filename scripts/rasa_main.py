"""Rasa's command line with the project's server changes installed first
(channels/server_patches.py): every command — run, shell, test — loads the trained models
for answering only and gets the Dutch answer when the action server fails. scripts/rasa
runs this instead of .venv/bin/rasa."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from channels import server_patches  # noqa: E402

server_patches.install()

from rasa.__main__ import main  # noqa: E402

if __name__ == "__main__":
    sys.argv[0] = "rasa"
    sys.exit(main())
