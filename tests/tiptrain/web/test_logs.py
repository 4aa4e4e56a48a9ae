"""The access log never holds a feed token."""

from __future__ import annotations

import logging
import logging.config

from tiptrain.web.logs import HideFeedTokens, log_config


def access_record(path: str) -> logging.LogRecord:
    return logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("1.2.3.4", "GET", path, "1.1", 200),
        None,
    )


def test_access_log_hides_the_feed_token() -> None:
    record = access_record("/feeds/SeCrEtToKeN123.ics?lang=fr")

    HideFeedTokens().filter(record)

    assert record.getMessage() == '1.2.3.4 - "GET /feeds/…?lang=fr HTTP/1.1" 200'


def test_access_log_keeps_other_paths() -> None:
    record = access_record("/workshops/W-ml-bamako?lang=fr")

    HideFeedTokens().filter(record)

    assert record.getMessage() == '1.2.3.4 - "GET /workshops/W-ml-bamako?lang=fr HTTP/1.1" 200'


def test_log_config_puts_the_filter_on_the_access_handler() -> None:
    config = log_config()

    assert config["handlers"]["access"]["filters"] == ["hide_feed_tokens"]
    assert config["filters"]["hide_feed_tokens"] == {"()": "tiptrain.web.logs.HideFeedTokens"}
