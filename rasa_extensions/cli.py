"""`amif-rasa`: Rasa's command line with the project's changes to Rasa installed first
(rasa_extensions.install: version check, action timeout, model load, log masking). Every
Rasa command of the project — train, run, shell, test, data validate — goes through it
(scripts/rasa, which the Makefile and scripts/run.sh use)."""

import sys


def main() -> int:
    import rasa_extensions

    rasa_extensions.install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
