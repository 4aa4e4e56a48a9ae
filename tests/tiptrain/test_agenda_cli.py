"""`tiptrain agenda --lang`: every session named in the language asked for, breaks and lunch included."""

from __future__ import annotations

import pytest

from tests.tiptrain.test_cli_basics import run_main

NAMES = {
    "ar": ("استراحة", "غداء", "(الجزء 1 من 2)"),
    "en": ("Break", "Lunch", "(part 1 of 2)"),
    "es": ("Pausa", "Almuerzo", "(parte 1 de 2)"),
    "fr": ("Pause", "Déjeuner", "(partie 1 sur 2)"),
    "ru": ("Перерыв", "Обед", "(часть 1 из 2)"),
    "zh": ("茶歇", "午餐", "（第1部分，共2部分）"),
}


@pytest.mark.parametrize("lang", sorted(NAMES))
def test_agenda_lang_names_breaks_lunch_and_parts_in_that_language(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_main(["agenda", "tot-5d", "--start", "2027-03-01", "--tz", "UTC", "--lang", lang], capsys)
    pause, lunch, part = NAMES[lang]

    assert code == 0
    assert (pause in out, lunch in out, part in out) == (True, True, True)
    if lang != "en":
        assert ("Break" in out, "Lunch" in out, "part 1 of" in out) == (False, False, False)


@pytest.mark.parametrize("lang", sorted(NAMES))
def test_agenda_json_titles_breaks_and_lunch_in_that_language(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _ = run_main(
        ["agenda", "tot-5d", "--start", "2027-03-01", "--tz", "UTC", "--lang", lang, "--json"], capsys
    )
    titles = {s["kind"]: s["title"] for day in json.loads(out)["days"] for s in day["sessions"]}

    assert (code, titles["break"], titles["lunch"]) == (0, NAMES[lang][0], NAMES[lang][1])
