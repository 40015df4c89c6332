"""`make test-nlu`: what the bot answers to the held-out sets, against the targets
(amif/understanding.py does the work; --help lists the options)."""

import sys

from amif.understanding import main

if __name__ == "__main__":
    sys.exit(main())
