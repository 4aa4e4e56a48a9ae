"""Verifiable certificates end to end: the QR code printed on a certificate, read back by zbarimg, verifies.

A workspace with a delivered workshop; `tiptrain export certificates` prints the certificates, zbarimg
reads the QR code off a rendering of the page, and `tiptrain certificates verify` answers for the code in
it: valid, then unknown when one character changes, revoked after `revoke`, erased after `forget`.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_workshops_cli import run
from zbar_kit import decode_qr_codes

from exports.certcodes import ALPHABET, normalise
from exports.models import Participant
from scheduler.models import PeriodSummary, Plan, SolverInfo, Workshop
from tiptrain.register.api import Register

VERIFY_URL = "https://certificates.example.org/check/"
SETTINGS = f"""\
[period]
start = 2026-01-01
end = 2026-06-30

[programme]
name = "Sample programme"
head = "Ilse Varga-Moreau"
verify_url = "{VERIFY_URL}"
"""
PEOPLE = [
    Participant(name="Nadia Haddad", profession="police", sex="f", country="JO", attendance=[True] * 3),
    Participant(name="Karim Said", profession="judges", sex="m", country="JO", attendance=[True, False, False]),
]


def workshop(language: str) -> Workshop:
    days = [date(2026, 2, 2) + timedelta(days=n) for n in range(3)]
    return Workshop(
        id="W-jo-amman-cj",
        request="jo-amman-cj",
        country="JO",
        city="Amman",
        programme="criminal-justice-3d",
        language=language,
        start=days[0],
        end=days[-1],
        days=days,
        trainers=["t-amina"],
    )


def delivered_workspace(folder: Path, language: str = "en") -> Path:
    (folder / "tiptrain.toml").write_text(SETTINGS, encoding="utf-8")
    plan = Plan(
        period=PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=1),
        workshops=[workshop(language)],
        unscheduled=[],
        solver=SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0),
    )
    with Register(f"sqlite:///{folder / 'tiptrain.db'}") as register:
        register.store_plan(plan)
        register.transition("W-jo-amman-cj", "confirmed")
        register.deliver("W-jo-amman-cj", PEOPLE)
    return folder


def printed_code(workspace: Path, lang: str = "en") -> tuple[str, Path]:
    """Export the certificates; return what the first page's QR code says, and the PDF."""
    out = workspace / f"certificates-{lang}.pdf"
    code, _, error = run(workspace, "export", "certificates", "W-jo-amman-cj", "--lang", lang, "-o", str(out))
    assert (code, error.splitlines()[-1]) == (0, f"Wrote {out}")
    (url,) = decode_qr_codes(out)
    return url, out


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_certificate_qr_code_holds_a_url_that_verify_accepts(tmp_path: Path, lang: str) -> None:
    workspace = delivered_workspace(tmp_path, lang)

    url, _ = printed_code(workspace, lang)
    code, out, error = run(workspace, "certificates", "verify", url.removeprefix(VERIFY_URL))

    assert url.startswith(VERIFY_URL)
    assert (code, error) == (0, "")
    assert out == (
        f"valid: certificate {out.split()[2]} of Nadia Haddad, workshop W-jo-amman-cj "
        "(criminal-justice-3d, Amman JO, 2026-02-02 to 2026-02-04)\n"
    )


def test_certificate_prints_code_hours_and_signature_lines(tmp_path: Path) -> None:
    workspace = delivered_workspace(tmp_path)

    url, pdf = printed_code(workspace)
    reader = PdfReader(pdf)
    text = " ".join(reader.pages[0].extract_text().split())
    grouped = "-".join(normalise(url.removeprefix(VERIFY_URL))[i : i + 4] for i in (0, 4, 8))

    assert len(reader.pages) == 1  # Karim came one day of three: no certificate
    assert f"Verification code {grouped}" in text
    assert "contact hours" in text
    assert ("Ilse Varga-Moreau" in text, "Programme head" in text, "National partner" in text) == (True, True, True)


def test_same_code_on_every_export_of_the_workshop(tmp_path: Path) -> None:
    workspace = delivered_workspace(tmp_path)

    first, _ = printed_code(workspace)
    again, _ = printed_code(workspace)

    assert again == first


def test_a_changed_character_is_reported_unknown(tmp_path: Path) -> None:
    workspace = delivered_workspace(tmp_path)
    url, _ = printed_code(workspace)
    typed = url.removeprefix(VERIFY_URL)
    other = next(char for char in ALPHABET if char != typed[4])

    code, out, error = run(workspace, "certificates", "verify", typed[:4] + other + typed[5:])

    assert (code, out) == (2, "")
    assert error.startswith("Error: unknown: ")
    assert error.endswith("(its check character does not match: a character was probably mistyped)\n")


def test_revoked_certificate_says_so_with_reason(tmp_path: Path) -> None:
    workspace = delivered_workspace(tmp_path)
    url, _ = printed_code(workspace)

    revoked = run(workspace, "certificates", "revoke", url, "--reason", "printed for the wrong workshop")
    code, out, error = run(workspace, "certificates", "verify", url)

    assert revoked[0] == 0
    assert (code, out) == (1, "")
    assert error.startswith("Error: revoked on ")
    assert ": printed for the wrong workshop; certificate " in error


def test_forgotten_holder_verifies_as_erased_without_the_name(tmp_path: Path) -> None:
    workspace = delivered_workspace(tmp_path)
    url, _ = printed_code(workspace)

    run(workspace, "participants", "forget", "Nadia Haddad")
    code, out, error = run(workspace, "certificates", "verify", "--json", url)

    assert (code, error) == (0, "")
    assert '"status": "erased"' in out
    assert '"holder": null' in out
    assert "Nadia" not in out
