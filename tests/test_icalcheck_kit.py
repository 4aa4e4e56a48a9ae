"""The libical test kit: skipped with a reason on a machine without the checker, a failure in CI."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalcheck_kit import ICALCHECK_ENV, icalcheck_tool


def test_icalcheck_missing_tool_is_a_skip_that_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ICALCHECK_ENV, str(tmp_path / "nowhere"))
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="nowhere not found"):
        icalcheck_tool()


def test_icalcheck_missing_tool_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ICALCHECK_ENV, str(tmp_path / "nowhere"))
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="CI needs libical's checker"):
        icalcheck_tool()
