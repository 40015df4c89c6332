"""The action server's package of actions, with visitors' e-mail addresses and phone
numbers masked in its logs (channels/log_privacy.py).

scripts/action_server starts ``python -m rasa_sdk --actions channels.actions_with_log_privacy``:
rasa_sdk imports this module, which installs the masking first and then imports every
module of the ``actions`` package; rasa_sdk registers all Action subclasses it finds.
"""

import importlib
import pkgutil

from channels import log_privacy

log_privacy.install()

import actions  # noqa: E402  (after the masking is installed)

for _module in pkgutil.walk_packages(actions.__path__, prefix="actions."):
    importlib.import_module(_module.name)
