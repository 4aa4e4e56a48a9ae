"""zbarimg (Debian's zbar-tools) as the judge of the QR codes the tests print: `decode_qr_codes(pdf, page)`.

A page is rendered with pdftoppm (poppler-utils) and every QR code on it decoded by zbarimg, the way a
phone camera would read the printed certificate. Without either program a test is skipped with the reason,
except in CI (env CI=true), where a missing program is a failure, not a silent skip (as icalcheck_kit does).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ci_kit import missing as ci_missing

PROGRAMS = {"zbarimg": "zbar-tools", "pdftoppm": "poppler-utils"}


def require_programs() -> None:
    """Skip (fail in CI) unless zbarimg and pdftoppm are installed."""
    missing = [
        f"{program} (apt-get install {package})" for program, package in PROGRAMS.items() if not shutil.which(program)
    ]
    if not missing:
        return
    ci_missing(f"CI needs {', '.join(missing)} to decode QR codes", f"cannot decode QR codes: no {', '.join(missing)}")


def decode_qr_codes(pdf: Path, page: int = 1, resolution: int = 150) -> list[str]:
    """The texts of the QR codes on one page of `pdf`, as zbarimg reads them from a rendering of it."""
    require_programs()
    with tempfile.TemporaryDirectory(prefix="zbar-") as folder:
        stem = Path(folder) / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(resolution),
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(pdf),
                stem,
            ],
            check=True,
            timeout=120,
        )
        found = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{stem}.png"],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    assert found.returncode in (0, 4), f"zbarimg failed: {found.stderr}"  # 4: no code found
    return found.stdout.splitlines()
