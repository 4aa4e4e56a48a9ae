"""Certificate codes: enough random bits, no look-alike characters, and a check character that catches slips."""

from __future__ import annotations

import math

import pytest

from exports.certcodes import (
    ALPHABET,
    AMBIGUOUS,
    LENGTH,
    RANDOM_LENGTH,
    check_character,
    from_url,
    grouped,
    new_code,
    normalise,
    problem,
)

CODE = "7KQMR4TX9WH" + check_character("7KQMR4TX9WH")


def test_codes_have_at_least_50_random_bits() -> None:
    assert len(set(ALPHABET)) == len(ALPHABET)
    assert len(ALPHABET) ** RANDOM_LENGTH >= 2**50
    assert math.log2(len(ALPHABET) ** RANDOM_LENGTH) > 54


def test_codes_leave_out_look_alike_characters() -> None:
    assert set(ALPHABET) & set(AMBIGUOUS) == set()
    assert set(AMBIGUOUS) == {"0", "O", "1", "I", "L"}


def test_new_codes_are_well_formed_and_differ() -> None:
    codes = {new_code() for _ in range(200)}

    assert len(codes) == 200
    assert {problem(code) for code in codes} == {""}
    assert {len(code) for code in codes} == {LENGTH}


def test_check_character_catches_every_single_changed_character() -> None:
    changed = [
        CODE[:index] + char + CODE[index + 1 :] for index in range(LENGTH) for char in ALPHABET if char != CODE[index]
    ]

    assert problem(CODE) == ""
    assert [code for code in changed if problem(code) == ""] == []


def test_check_character_catches_swapped_neighbours() -> None:
    swapped = [
        CODE[:index] + CODE[index + 1] + CODE[index] + CODE[index + 2 :]
        for index in range(LENGTH - 1)
        if CODE[index] != CODE[index + 1]
    ]

    assert [code for code in swapped if problem(code) == ""] == []


@pytest.mark.parametrize("typed", ["7kqm r4tx 9whX", "7KQM-R4TX-9WHX", " 7kqm–r4tx–9whx ", "7KQMR4TX9WHX"])
def test_normalise_ignores_case_spaces_and_dashes(typed: str) -> None:
    assert normalise(typed) == "7KQMR4TX9WHX"


def test_grouped_prints_groups_of_four() -> None:
    assert grouped("7KQMR4TX9WHX") == "7KQM-R4TX-9WHX"


def test_from_url_takes_the_code_after_the_verification_address() -> None:
    assert from_url("https://example.org/verify/7KQMR4TX9WHX?src=qr") == "7KQMR4TX9WHX"
    assert from_url("7KQM-R4TX-9WHX") == "7KQM-R4TX-9WHX"


@pytest.mark.parametrize("slip", ["0", "O", "1", "I", "L"])
def test_a_look_alike_character_is_named_as_a_probable_misreading(slip: str) -> None:
    assert problem(slip + CODE[1:]) == (
        f"codes never contain 0, O, 1, I or L, which look like other characters: check the {slip}"
    )
