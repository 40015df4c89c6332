"""`amif-actions`: the action server (rasa_sdk) with the project's custom actions and visitors'
e-mail addresses and phone numbers masked in its log (rasa_extensions.log_privacy).

scripts/action_server runs it as ``amif-actions --port 5055``; the arguments are rasa_sdk's
own. rasa_sdk directly, not `rasa run actions`, which imports all of Rasa first (2.9 s and
131 MB against 0.9 s and 52 MB here).
"""

import sys


def main() -> int:
    from rasa_extensions import log_privacy

    log_privacy.install()  # before rasa_sdk logs anything
    from rasa_sdk.__main__ import main as rasa_sdk_main

    sys.argv = ["rasa_sdk", "--actions", "actions", *sys.argv[1:]]
    rasa_sdk_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
