"""`tiptrain certificates verify|revoke`: is a certificate genuine, and withdrawing one with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tiptrain.context import App, json_option, pass_app
from tiptrain.render import print_json, say

if TYPE_CHECKING:
    from tiptrain.register.certs import Verification



@click.group()
def certificates() -> None:
    """Verify a certificate by its code, or revoke one.

    Every certificate carries a code (e.g. 7KQM-R4TX-9WHA) and a QR code of `[programme] verify_url`
    followed by the code. Codes are read whatever the letter case, spaces or dashes.

    \b
    Example:
      tiptrain certificates verify 7kqm r4tx 9wha
      tiptrain certificates revoke 7KQM-R4TX-9WHA --reason "issued by mistake: absent on day 3"
    """


@certificates.command("verify")
@click.argument("code", nargs=-1, required=True)
@json_option
@pass_app
def verify(app: App, code: tuple[str, ...], as_json: bool) -> None:
    """Say whose certificate CODE is, for which workshop and dates, or that it is unknown or revoked.

    CODE may also be the whole verification URL the QR code holds. Exit code: 0 valid (or erased on the
    holder's request), 1 revoked or withdrawn, 2 unknown.

    \b
    Example:
      tiptrain certificates verify 7KQM-R4TX-9WHA --json
    """
    from tiptrain.commands.workshops import open_register
    from tiptrain.register.certs import CertificateNotValid

    with open_register(app) as register:
        found = register.verify_certificate(" ".join(code))
    if as_json:
        print_json(found.model_dump(mode="json"))
    verdict = describe(found)
    if found.status in ("valid", "erased"):
        if not as_json:
            click.echo(verdict)
        return
    raise CertificateNotValid(verdict, unknown=found.status == "unknown")


@certificates.command("revoke")
@click.argument("code")
@click.option("--reason", required=True, help="Why, kept with the revocation and in the workshop's history.")
@pass_app
def revoke(app: App, code: str, reason: str) -> None:
    """Revoke a certificate: verifying it then says so, with the date and reason; it is not printed again.

    \b
    Example:
      tiptrain certificates revoke 7KQM-R4TX-9WHA --reason "issued by mistake: absent on day 3"
    """
    from tiptrain.commands.workshops import open_register

    with open_register(app) as register:
        done = register.revoke_certificate(code, reason)
    say(f"certificate {done.code} of {done.workshop_id} revoked: {done.reason}")


def describe(found: Verification) -> str:
    """The verdict in one or two plain lines: the status first, then holder, workshop and dates."""
    if found.status == "unknown":
        return f"unknown: {found.code} is not a certificate code of this register ({found.reason})"
    where = f"{found.workshop_id} ({found.programme}, {found.city} {found.country}, {found.start} to {found.end})"
    holder = found.holder or "(name erased)"
    if found.status == "valid":
        return f"valid: certificate {found.code} of {holder}, workshop {where}"
    if found.status == "erased":
        return f"erased: certificate {found.code} of workshop {where}; the holder's personal data was erased"
    if found.status == "withdrawn":
        return f"withdrawn: certificate {found.code} of workshop {where}; its holder is no longer on the roster"
    revoked = f"{found.revoked_at:%Y-%m-%d}" if found.revoked_at is not None else "an unknown date"
    return f"revoked on {revoked}: {found.reason}; certificate {found.code} of {holder}, workshop {where}"

COMMANDS = [certificates]
