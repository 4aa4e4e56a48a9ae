"""The one e-mail rule: what trainers, participants and the organiser may give as an address."""

from __future__ import annotations

import re

import pytest

from curriculum.emails import EMAIL_EXPECTED, check_email, is_email


@pytest.mark.parametrize("text", ["amina@example.org", "o.petrenko+tot@mail.example.co.uk", "élodie@example.fr"])
def test_is_email_accepts_one_plain_address(text: str) -> None:
    assert is_email(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "",
        "amina",
        "amina@localhost",
        "amina at example.org",
        "Amina <amina@example.org>",
        "a@example.org, b@example.org",
        "a@example.org;b@example.org",
        "a@example.org\r\nORGANIZER:x",
        "a@exämple.org",
        f"{'a' * 250}@example.org",
    ],
)
def test_is_email_refuses_anything_else(text: str) -> None:
    assert is_email(text) is False


def test_check_email_says_what_was_expected() -> None:
    with pytest.raises(ValueError, match=re.escape(EMAIL_EXPECTED)):
        check_email("amina")
