"""Logs without personal data: a filter that masks e-mail addresses and link secrets, and the JSON
formatter used in production (``LOG_FORMAT=json``).

The filter sits on the handlers (see ``LOGGING`` in ``settings/base.py``), so it sees every record
that reaches them, whichever logger emitted it: the message with its arguments, the traceback and
any string passed as ``extra`` are masked before a formatter sees them.
"""

import logging
import re

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

EMAIL_MASK = "[e-mail]"
SECRET_MASK = "[secret]"

_EMAIL_RE = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+(?:@|%40)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
# Ticket, cancel and verification secrets are URL-safe base64 of 18 bytes or more (24+ characters).
_TOKEN_RE = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{22,}(?![A-Za-z0-9_-])")
_UUID_RE = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")


def _looks_secret(word):
    """A random token has a digit, or mixes cases with ``-``/``_``; identifiers such as
    ``registration_reminder_sent`` or ``ConnectionRefusedError`` do not and stay readable.
    UUIDs (task ids) are kept: they identify rows, not people, and grant nothing."""
    if _UUID_RE.fullmatch(word):
        return False
    if any(c.isdigit() for c in word):
        return True
    return any(c.isupper() for c in word) and any(c.islower() for c in word) and ("-" in word or "_" in word)


def mask(text):
    """``text`` with e-mail addresses and secret-looking tokens replaced."""
    text = _EMAIL_RE.sub(EMAIL_MASK, text)
    return _TOKEN_RE.sub(lambda m: SECRET_MASK if _looks_secret(m.group(0)) else m.group(0), text)


_STANDARD_ATTRS = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class MaskPersonalDataFilter(logging.Filter):
    """Rewrites the record in place (message, traceback, string extras); never drops a record."""

    def filter(self, record):
        record.msg = mask(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, mask(value))
        return True


class JsonFormatter(BaseJsonFormatter):
    """One JSON object a line: time, level, logger, message, plus ``exc_info`` and the string or
    number extras. Django's ``request`` extra is left out (its repr holds the full path, which may
    hold a ticket secret); the whole line is masked once more as a last line of defence."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "{asctime}{levelname}{name}{message}")
        kwargs.setdefault("style", "{")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault(
            "reserved_attrs", [*_STANDARD_ATTRS - {"message", "asctime"}, "request", "server_time"]
        )
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def format(self, record):
        return mask(super().format(record))
