"""Fixtures of the hardening tests."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module", autouse=True)
def bundled_catalogue_once() -> Iterator[None]:
    """Load the bundled catalogue once per module: these tests run the CLI hundreds of times.

    Module scope, so that the shortcut ends with the hardening tests and never reaches other folders.

    Only the call without extra folders is cached; `catalogue validate DIR` still reads its files each time.
    """
    import curriculum.catalogue as module

    original = module.load_catalogue
    bundled = original()

    def load(extra: object = (), include_bundled: bool = True) -> object:
        if not extra and include_bundled:
            return bundled
        return original(extra, include_bundled)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "load_catalogue", load)
        yield


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for files that hypothesis rewrites on every example (tmp_path is per test, not per example)."""
    return tmp_path_factory.mktemp("hardening")


@pytest.fixture(scope="session")
def forkserver() -> Any:
    """Processes forked from a server that imported tiptrain once (a fresh interpreter takes seconds).

    The server is started here, so that the first test to use it does not count its start-up as its own time.
    """
    from hardening_driver import PRELOAD

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    warm = context.Process(target=time.sleep, args=(0,))
    warm.start()
    warm.join()
    return context
