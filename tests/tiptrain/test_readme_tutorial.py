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


def quick_start_clone(folder: Path) -> dict[str, str]:
    """`folder` as the quick start leaves a clone, and an environment where `tiptrain` is not yet on the PATH.

    The quick start made `.venv` with tiptrain in it; here `.venv/bin/activate` stands for it by putting this
    test's interpreter folder first on the PATH, which is all the tutorial needs of the activation.
    """
    bin_folder = Path(sys.executable).parent
    activate = folder / ".venv" / "bin" / "activate"
    activate.parent.mkdir(parents=True)
    activate.write_text(f'export PATH="{bin_folder}{os.pathsep}$PATH"\n', encoding="utf-8")
    path = [entry for entry in os.environ["PATH"].split(os.pathsep) if Path(entry) != bin_folder]
    return {**os.environ, "PATH": os.pathsep.join(path)}


def test_readme_tutorial_runs_word_for_word(tmp_path: Path) -> None:
    environment = quick_start_clone(tmp_path)
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
