"""A request's participant languages: which differ from the workshop's, and the pairs interpreters bridge."""

from __future__ import annotations

from builders import request

from scheduler.models import Request


def with_languages(base: Request, languages: list[str]) -> Request:
    return Request.model_validate({**base.model_dump(by_alias=True), "participant_languages": languages})


def test_other_languages_leave_out_the_workshop_language_and_repeats() -> None:
    kyiv = with_languages(request(language="en"), ["uk", "en", "uk", "ru"])

    assert kyiv.other_languages() == ["uk", "ru"]


def test_interpreted_pairs_name_workshop_and_participant_language() -> None:
    kyiv = with_languages(request(language="en", interpretation=True), ["uk"])

    assert kyiv.interpreted_pairs() == [("en", "uk")]


def test_interpreted_pairs_none_without_interpretation() -> None:
    kyiv = with_languages(request(language="en", interpretation=False), ["uk"])

    assert kyiv.interpreted_pairs() == []
