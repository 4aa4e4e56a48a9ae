"""Certificate codes: unguessable, easy to read aloud, with a check character that catches typing slips.

A code is RANDOM_LENGTH characters drawn with `secrets` from a 31-character alphabet that leaves out the
look-alikes 0, O, 1, I and L, then one check character: 11 x log2(31) = 54.5 random bits. It is printed in
groups of four (`7KQM-R4TX-9WHA`) and read back whatever the letter case, spaces or dashes. The check
character is a position-weighted sum modulo 31 (a prime, the alphabet's size), so any single changed
character and any swap of two neighbouring characters gives a code that cannot be valid: verification
then says so without even asking the register.

Pure functions: the register stores codes, the exports print them, nothing here touches a database.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""Digits 2-9 and the letters without I, L and O: 31 symbols, none mistaken for another when read aloud."""
RANDOM_LENGTH = 11
LENGTH = RANDOM_LENGTH + 1
GROUP = 4
AMBIGUOUS = "0O1IL"
"""Characters never found in a code: they look like others, so codes leave them out."""
_VALUES = {char: value for value, char in enumerate(ALPHABET)}
_SEPARATORS = re.compile(r"[\s\-_.·‐-―]+")


def check_character(body: str) -> str:
    """The check character of a code's random part: sum of (position + 1) x value, modulo 31."""
    total = sum((position + 1) * _VALUES[char] for position, char in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def new_code() -> str:
    """A fresh code (LENGTH characters, no separators) from the operating system's random source."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + check_character(body)


def grouped(code: str) -> str:
    """The code as printed and read aloud: groups of four joined by dashes."""
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))


def normalise(text: str) -> str:
    """What someone typed, in the stored form: upper case, without spaces or dashes."""
    return _SEPARATORS.sub("", text).upper()


def from_url(text: str) -> str:
    """The code part of a verification URL (its last path segment), or `text` itself when it is no URL."""
    stripped = text.strip()
    if "://" not in stripped:
        return stripped
    return stripped.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def problem(code: str) -> str:
    """Why a normalised code cannot be a certificate code, or '' when it is well formed."""
    if len(code) != LENGTH:
        return f"a code has {LENGTH} characters (e.g. {grouped('7KQMR4TX9WH' + check_character('7KQMR4TX9WH'))})"
    confused = sorted({char for char in code if char in AMBIGUOUS})
    if confused:
        return f"codes never contain 0, O, 1, I or L, which look like other characters: check the {''.join(confused)}"
    strange = sorted({char for char in code if char not in _VALUES})
    if strange:
        return f"codes hold only the characters {ALPHABET}; not {''.join(strange)}"
    if check_character(code[:-1]) != code[-1]:
        return "its check character does not match: a character was probably mistyped"
    return ""
