"""Keeps visitors' e-mail addresses and phone numbers out of the logs.

Visitors sometimes type their e-mail address or phone number; Rasa (at debug level, and in
some error messages) and the action server log message texts. ``install()`` replaces the
logging record factory, so every log record of the process, from any logger (Rasa's
structlog output goes through the standard ``logging`` module too), has its message
masked before any handler writes it: ``jan@voorbeeld.be`` -> ``[e-mail]``,
``+32 470 12 34 56`` -> ``[telefoon]``.

Installed in every Rasa command by rasa_extensions.install() (``amif-rasa``) and in the action
server by ``amif-actions`` (rasa_extensions/action_server.py). Not a patch of Rasa: the standard
library's record factory is the hook logging offers for this; Rasa's own
``--logging-config-file`` cannot reach the action server and the records of every logger.
"""

from __future__ import annotations

import logging
import re

EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+(?:@|\s*\(at\)\s*|\s*\[at\]\s*)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# Belgian and international numbers: +32 / 0032 / 0 followed by 8-10 more digits, with
# spaces, dots, slashes or dashes between groups. Call numbers ("oproep 579"), years and
# amounts ("6.500.000") have no leading 0 or +, or too few digits, and are left alone.
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s./-]?(?:\(0\)[\s./-]?)?\d(?:[\s./-]?\d){6,11}(?!\d)"
    r"|(?<![\w+])0\d(?:[\s./-]?\d){7,9}(?!\d)"
)


def mask(text: str) -> str:
    return PHONE.sub("[telefoon]", EMAIL.sub("[e-mail]", text))


def install() -> None:
    """Mask every log record of this process (idempotent)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_amif_masking", False):
        return

    def masking_factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to logging's own error report
            return record
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return record

    masking_factory._amif_masking = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(masking_factory)
