"""Fixtures shared by every test folder."""

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Converted Chinese fonts go to a cache of the test run (XDG_CACHE_HOME), not the user's ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield
