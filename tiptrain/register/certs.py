"""Certificate codes in the register: issued once per participant, verified by anyone, revoked with a reason.

A code is created the first time a participant's certificate is made and is tied to their roster row, so
every later export of the workshop prints the same code, and a roster replacement that finds the person
again (delivery.replace keeps their row) keeps it too. Verification answers from the register alone:
whose certificate it is, for which workshop and dates, or why it is not valid (unknown, revoked, erased
on request, or the holder no longer on the roster). Revocations are rows of their own and never deleted;
the workshop's history records them as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.errors import TiptrainError, UsageError
from exports.certcodes import from_url, grouped, new_code, normalise, problem
from tiptrain.register.orm import (
    CertificateRevocationRow,
    CertificateRow,
    ParticipantRow,
    StatusChangeRow,
    WorkshopRow,
)
from tiptrain.register.privacy import FORGOTTEN, to_participant

Status = Literal["valid", "revoked", "erased", "withdrawn", "unknown"]
"""valid; revoked (with date and reason); erased (holder forgotten on request: genuine, no name shown);
withdrawn (holder removed from the roster by a replacement); unknown (no such code)."""


class CertificateNotValid(TiptrainError):
    """A verified code is not a valid certificate: revoked or withdrawn (exit 1), or unknown (exit 2)."""

    exit_code = 1

    def __init__(self, verdict: str, *, unknown: bool = False) -> None:
        super().__init__(verdict)
        self.exit_code = 2 if unknown else 1


class Verification(BaseModel):
    """What verifying a code found: the holder, the workshop and its dates, and the certificate's status."""

    model_config = ConfigDict(frozen=True)

    code: str
    status: Status
    holder: str | None = None
    workshop_id: str | None = None
    programme: str | None = None
    city: str | None = None
    country: str | None = None
    start: date | None = None
    end: date | None = None
    issued_at: datetime | None = None
    revoked_at: datetime | None = None
    reason: str | None = None
    """Why it was revoked, or why the typed code cannot be a code at all (status unknown)."""


def issue_codes(session: Session, workshop_id: str, threshold: float, now: datetime) -> dict[int, str]:
    """Roster number (from 1) -> certificate code of each participant who gets a certificate today.

    Participants present on at least `threshold` of the days get one, except people forgotten on request
    and holders of a revoked certificate. Codes already issued are reused; missing ones are created.
    """
    query = select(ParticipantRow).where(ParticipantRow.workshop_id == workshop_id).order_by(ParticipantRow.position)
    rows = list(session.scalars(query))
    issued = {row.participant_id: row for row in _certificates_of(session, workshop_id)}
    revoked = _revoked(session, [row.code for row in issued.values()])
    codes: dict[int, str] = {}
    for number, row in enumerate(rows, start=1):
        if row.name == FORGOTTEN or not to_participant(row).earns_certificate(threshold):
            continue
        certificate = issued.get(row.id)
        if certificate is None:
            certificate = CertificateRow(
                code=_unused_code(session), workshop_id=workshop_id, participant_id=row.id, issued_at=now
            )
            session.add(certificate)
        if certificate.code not in revoked:
            codes[number] = certificate.code
    return codes


def verify(session: Session, typed: str) -> Verification:
    """The certificate a typed code (or verification URL) names, with its status; `unknown` when none."""
    code = normalise(from_url(typed))
    wrong = problem(code)
    certificate = None if wrong else session.get(CertificateRow, code)
    if certificate is None:
        return Verification(code=typed.strip(), status="unknown", reason=wrong or "no certificate has this code")
    workshop = session.get(WorkshopRow, certificate.workshop_id)
    assert workshop is not None  # (the foreign key cascades: a certificate never outlives its workshop)
    holder = session.get(ParticipantRow, certificate.participant_id) if certificate.participant_id else None
    revocation = _revoked(session, [code]).get(code)
    status: Status = "valid"
    if revocation is not None:
        status = "revoked"
    elif holder is None:
        status = "withdrawn"
    elif holder.name == FORGOTTEN:
        status = "erased"
    return Verification(
        code=grouped(code),
        status=status,
        holder=holder.name if holder is not None and holder.name != FORGOTTEN else None,
        workshop_id=workshop.id,
        programme=workshop.programme,
        city=workshop.city,
        country=workshop.country,
        start=workshop.start_day,
        end=workshop.end_day,
        issued_at=certificate.issued_at,
        revoked_at=revocation.at if revocation is not None else None,
        reason=revocation.reason if revocation is not None else None,
    )


def revoke(session: Session, typed: str, reason: str, now: datetime) -> Verification:
    """Revoke the certificate with this code for `reason`; UsageError when unknown or revoked already."""
    reason = " ".join(reason.split())
    if not reason:
        raise UsageError("--reason must say why the certificate is revoked (it is kept with the revocation)")
    found = verify(session, typed)
    if found.status == "unknown":
        raise UsageError(f"no certificate has the code {typed.strip()!r}: {found.reason}")
    if found.status == "revoked":
        raise UsageError(f"certificate {found.code} was revoked already on {found.revoked_at:%Y-%m-%d}: {found.reason}")
    code = normalise(found.code)
    session.add(CertificateRevocationRow(code=code, at=now, reason=reason))
    workshop = session.get(WorkshopRow, found.workshop_id)
    if workshop is not None:
        session.add(
            StatusChangeRow(
                workshop=workshop,
                at=now,
                old_status=workshop.status,
                new_status=workshop.status,
                reason=f"certificate {found.code} revoked: {reason}",
                sequence=workshop.sequence,
            )
        )
    session.flush()
    return verify(session, code)


def _certificates_of(session: Session, workshop_id: str) -> list[CertificateRow]:
    query = select(CertificateRow).where(
        CertificateRow.workshop_id == workshop_id, CertificateRow.participant_id.is_not(None)
    )
    return list(session.scalars(query))


def _revoked(session: Session, codes: list[str]) -> Mapping[str, CertificateRevocationRow]:
    """Code -> its first revocation, for the codes that were revoked."""
    if not codes:
        return {}
    query = (
        select(CertificateRevocationRow)
        .where(CertificateRevocationRow.code.in_(codes))
        .order_by(CertificateRevocationRow.id.desc())
    )
    return {row.code: row for row in session.scalars(query)}


def _unused_code(session: Session) -> str:
    """A fresh code the register does not hold (a clash among 2**54 codes is a formality, but checked)."""
    while True:
        code = new_code()
        if session.get(CertificateRow, code) is None:
            return code
