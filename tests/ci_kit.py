"""One rule for tests that need something outside Python: skipped with the reason on a developer's machine,
a failure in CI (env CI=true), where `.ci/run` installs or starts it and a silent skip would hide a gap."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(ci_message: str, skip_reason: str) -> NoReturn:
    """Fail with `ci_message` in CI, else skip with `skip_reason`."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(ci_message)
    pytest.skip(skip_reason)
