"""The README's tutorial, run word for word: a new user can follow it exactly."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"

pytestmark = pytest.mark.slow


def tutorial_block() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- tutorial -->\n```bash\n(.*?)```", text, re.DOTALL)
    assert found, "README.md has no tutorial block"
    return found.group(1)


def test_readme_tutorial_runs_word_for_word(tmp_path: Path) -> None:
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    environment.pop("TIPTRAIN_DB_URL", None)
    environment.pop("TIPTRAIN_WORKSPACE", None)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", tutorial_block()],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    folder = tmp_path / "my-period"
    for name in ("pack-bamako.pdf", "signin-bamako.pdf", "certificates-bamako.pdf", "plan.ics", "tiptrain.db"):
        assert (folder / name).stat().st_size > 0, name
    assert "W-ml-bamako-tot: delivered; 4 on the roster, 4 present at least one day, 3 certificate(s)" in result.stderr
    assert "| workshops delivered | 1 |" in result.stdout
