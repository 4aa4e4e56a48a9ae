"""Server logs without secrets: the access log shows `/feeds/…` instead of a feed's token.

A feed URL is its own password (whoever has it reads the calendar), so it must not land in log files
that more people read than the coordinator. `log_config()` is uvicorn's default configuration with this
filter on the access log; `tiptrain serve` passes it, and each worker process builds it from the dict.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

FEED_PATH = re.compile(r"^/feeds/[^/?]+")


class HideFeedTokens(logging.Filter):
    """Replace the token in `/feeds/TOKEN.ics` paths of uvicorn access-log records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) >= 3:
            args = list(record.args)
            path = args[2]
            if isinstance(path, str):
                args[2] = FEED_PATH.sub("/feeds/…", path)
                record.args = tuple(args)
        return True


def log_config() -> dict[str, Any]:
    """The logging configuration of uvicorn, with HideFeedTokens on the access log."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["hide_feed_tokens"] = {"()": "tiptrain.web.logs.HideFeedTokens"}
    config["handlers"]["access"]["filters"] = ["hide_feed_tokens"]
    return config
