"""What tiptrain accepts as an e-mail address: the one rule for trainers, participants and the organiser.

It lives in `curriculum`, the bottom layer, so the trainer pool (scheduler), the roster participants and
calendars (exports) and the workspace settings (tiptrain) all import the same pattern instead of keeping
their own, which had drifted into three. The rule is deliberately plain: one address, no display name, no
spaces, quotes, angle brackets, commas or semicolons (which would let one cell carry several recipients or
break a calendar's ORGANIZER), a dotted ASCII domain, at most 254 characters (RFC 5321's limit).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

EMAIL_PATTERN = re.compile(r"[^@\s<>\"',;\x00-\x1f\x7f]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
EMAIL_EXPECTED = "an e-mail address such as name@example.org"
"""How a refused address is described in an error message, wherever it was refused."""
MAX_EMAIL_LENGTH = 254


def is_email(text: str) -> bool:
    """Whether `text` is exactly one plain e-mail address."""
    return len(text) <= MAX_EMAIL_LENGTH and EMAIL_PATTERN.fullmatch(text) is not None


def check_email(value: str) -> str:
    """The address unchanged, or a ValueError saying what was expected (for pydantic validators)."""
    if not is_email(value):
        raise ValueError(EMAIL_EXPECTED)
    return value


Email = Annotated[str, AfterValidator(check_email)]
"""A model field holding one e-mail address."""
