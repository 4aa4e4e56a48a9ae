"""Fixtures of the export tests; builders live in exportkit.py beside this file."""

from __future__ import annotations

import pytest
from exportkit import bundled_catalogue

from curriculum.models import Catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return bundled_catalogue()
