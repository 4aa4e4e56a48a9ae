"""`[planning]` in tiptrain.toml: how trips chain and what a day off a preferred date weighs (SPEC 4)."""

from __future__ import annotations

from pathlib import Path

from tiptrain.settings import load_settings

PERIOD = "[period]\nstart = 2026-01-01\nend = 2026-06-30\n"


def test_settings_planning_defaults_follow_spec(tmp_path: Path) -> None:
    (tmp_path / "tiptrain.toml").write_text(PERIOD, encoding="utf-8")

    planning = load_settings(tmp_path).file.planning

    assert (planning.max_gap_days, planning.km_per_preferred_day) == (6, 1000)


def test_settings_planning_values_are_read(tmp_path: Path) -> None:
    text = PERIOD + "[planning]\nmax_gap_days = 3\nkm_per_preferred_day = 250\n"
    (tmp_path / "tiptrain.toml").write_text(text, encoding="utf-8")

    planning = load_settings(tmp_path).file.planning

    assert (planning.max_gap_days, planning.km_per_preferred_day) == (3, 250)
