import io
import json
import logging
import logging.config

from django.utils.log import DEFAULT_LOGGING

from cms.ops.logs import JsonFormatter, MaskPersonalDataFilter, mask

TOKEN = "q3Zk9_Xc1-VbN2mL8pR4tY6uI0oA5sD7fG1hJ3kL9zQ"  # shape of secrets.token_urlsafe(32)


def test_mask_hides_addresses_and_link_secrets_and_keeps_the_rest_readable():
    text = (
        f"Not Found: /bilet/{TOKEN}/ for Jan.Kowalski+fest@szkola.edu.pl "
        "(jan%40example.org) ConnectionRefusedError in registration_reminder_sent, task "
        "550e8400-e29b-41d4-a716-446655440000"
    )

    assert mask(text) == (
        "Not Found: /bilet/[secret]/ for [e-mail] ([e-mail]) ConnectionRefusedError in "
        "registration_reminder_sent, task 550e8400-e29b-41d4-a716-446655440000"
    )


def _record(msg, *args, exc_info=None, **extra):
    record = logging.LogRecord("edufest.test", logging.WARNING, __file__, 1, msg, args, exc_info)
    record.__dict__.update(extra)
    return record


def test_filter_masks_arguments_traceback_and_string_extras():
    try:
        raise ValueError("no mailbox ola@example.org")
    except ValueError as exc:
        record = _record(
            "Mail to %s failed",
            "ola@example.org",
            exc_info=(type(exc), exc, exc.__traceback__),
            link=f"/zapisy/{TOKEN}/",
        )

    assert MaskPersonalDataFilter().filter(record) is True
    line = logging.Formatter("%(message)s %(link)s").format(record)

    assert "ola@example.org" not in line
    assert TOKEN not in line
    assert line.startswith("Mail to [e-mail] failed /zapisy/[secret]/\nTraceback")
    assert line.endswith("ValueError: no mailbox [e-mail]")


def test_json_formatter_writes_one_object_per_line_without_the_request_object():
    record = _record("Sent %s", "ola@example.org", request=object(), status_code=404)
    MaskPersonalDataFilter().filter(record)

    line = JsonFormatter().format(record)

    data = json.loads(line)
    assert "\n" not in line
    assert {k: data[k] for k in ("level", "logger", "message", "status_code")} == {
        "level": "WARNING",
        "logger": "edufest.test",
        "message": "Sent [e-mail]",
        "status_code": 404,
    }
    assert "request" not in data
    assert "time" in data


def test_dev_server_access_log_masks_ticket_secrets(settings):
    """`make run`'s access log (logger ``django.server``) goes through the mask filter too."""
    secret = "Zq3xV9_kP2mWc8Rt-LsYb4NfHj7Ue1AoGdQi5TvXyE0"
    logger = logging.getLogger("django.server")
    saved = (logger.handlers[:], logger.propagate, logger.level)
    try:
        logging.config.dictConfig(DEFAULT_LOGGING)  # as Django's setup does first
        logging.config.dictConfig(settings.LOGGING)
        stream = io.StringIO()
        for handler in logger.handlers:
            handler.setStream(stream)
        logger.info(
            '"%s" %s %s',
            f"GET /bilet/{secret}/ HTTP/1.1",
            "200",
            "5120",
            extra={"server_time": "03/Dec/2026 12:00:00", "request": None},
        )
    finally:
        logger.handlers, logger.propagate, logger.level = saved

    assert stream.getvalue() == '[03/Dec/2026 12:00:00] "GET /bilet/[secret]/ HTTP/1.1" 200 5120\n'
