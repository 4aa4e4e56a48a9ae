"""Sending the outbox (SPEC 11): each message at least once and, short of a crash in the SMTP exchange, once.

One message at a time, each step its own short transaction:
1. claim: the message is built (from the register's workshop as it is now, the trainer's address, name and
   language from trainers.yaml as it is now), its bytes and a new Message-ID are stored, and the row is
   marked `sending`; committed before the mail server sees anything;
2. hand over: MAIL, RCPT, DATA; the server's 250 after DATA means it accepted the message;
3. record: the row is marked `sent`, committed at once, before anything else happens.
A refusal (421, a refused connection, a dropped line) puts the message back to `pending` and stops the run:
the server did not accept it. A crash (kill -9, power) between 1 and 3 leaves `sending`; the next run sends
those first, with the same bytes and Message-ID. Only a crash between the server's 250 and the commit of
step 3 (a few milliseconds) makes a trainer receive the same message twice; its Message-ID, UID and
SEQUENCE are the same, so mail servers that drop duplicate Message-IDs and every calendar client treat it
as the message they already have.

The recipient is resolved when the message is claimed, not when the change was recorded: a trainer whose
e-mail was missing at re-plan time is reached once trainers.yaml gives one. A trainer without an address
stays pending and is listed as unreachable; no address is ever invented. One sender runs at a time per
workspace (a lock file, released by the system if the process dies).
"""

from __future__ import annotations

import fcntl
import os
import smtplib
import ssl
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.errors import TiptrainError, UsageError
from scheduler.models import Trainer
from tiptrain.documents import Documents
from tiptrain.register.api import Register
from tiptrain.register.orm import OutboxRow, WorkshopRow
from tiptrain.register.outbox import PENDING, SENDING, SENT, OutboxEntry, list_outbox, to_entry, waiting_count
from tiptrain.register.store import to_workshop
from tiptrain.settings import MailSection, Settings

LOCK_FILE = ".tiptrain-notify.lock"
SMTP_TIMEOUT = 30.0


class Refused(Exception):
    """The mail server did not accept a message; `stop` when nothing else can be sent in this run."""

    def __init__(self, reason: str, stop: bool) -> None:
        super().__init__(reason)
        self.stop = stop


class NotDelivered(TiptrainError):
    """Some messages could not be handed over; they stay pending for the next `notify send`."""


class Transport(Protocol):
    """Where messages go: a mail server or a folder."""

    channel: str

    def deliver(self, sender: str, recipient: str, message: bytes, name: str) -> None:
        """Hand one message over; return only once it is accepted, raise Refused otherwise.

        `name` is fixed per outbox message (a file name for a folder; mail servers ignore it).
        """

    def close(self) -> None:
        """Say goodbye to the server, if any."""


@dataclass
class SendReport:
    """What one `notify send` did."""

    sent: list[OutboxEntry] = field(default_factory=list)
    unreachable: list[OutboxEntry] = field(default_factory=list)
    refused: list[OutboxEntry] = field(default_factory=list)
    stopped: str | None = None
    waiting: int = 0


@dataclass(frozen=True)
class Claimed:
    """A message marked `sending`, with what the transport needs."""

    recipient: str
    message: bytes


class SmtpTransport:
    """An SMTP connection, opened on the first message, STARTTLS or TLS as `[mail]` says."""

    channel = "smtp"

    def __init__(self, mail: MailSection, password: str | None) -> None:
        self.mail = mail
        self.password = password
        self._smtp: smtplib.SMTP | None = None

    def deliver(self, sender: str, recipient: str, message: bytes, name: str) -> None:
        try:
            smtp = self._smtp or self._connect()
            smtp.sendmail(sender, [recipient], message)
        except smtplib.SMTPRecipientsRefused as error:
            raise Refused(_reason(error), stop=False) from error
        except smtplib.SMTPDataError as error:
            raise Refused(_reason(error), stop=error.smtp_code < 500) from error
        except (smtplib.SMTPException, OSError) as error:
            self._smtp = None
            raise Refused(_reason(error), stop=True) from error

    def _connect(self) -> smtplib.SMTP:
        mail = self.mail
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if mail.security == "tls":
            smtp = smtplib.SMTP_SSL(mail.host, mail.smtp_port, timeout=SMTP_TIMEOUT, context=context)
        else:
            smtp = smtplib.SMTP(mail.host, mail.smtp_port, timeout=SMTP_TIMEOUT)
            if mail.security == "starttls":
                smtp.starttls(context=context)
        if mail.user:
            smtp.login(mail.user, self.password or "")
        self._smtp = smtp
        return smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


class FolderTransport:
    """.eml files in a folder, for a coordinator who sends from their own mail client.

    Each file is written whole (a temporary file, then renamed) under a name fixed by the outbox row, so
    a run interrupted after writing and before recording rewrites the same file rather than adding one.
    """

    channel = "dir"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def deliver(self, sender: str, recipient: str, message: bytes, name: str) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
            with os.fdopen(handle, "wb") as file:
                file.write(message)
                file.flush()
                os.fsync(file.fileno())
            Path(temporary).replace(self.folder / name)
        except OSError as error:
            raise Refused(f"cannot write {self.folder / name}: {error.strerror or error}", stop=True) from error

    def close(self) -> None:
        return None


def smtp_transport(settings: Settings) -> SmtpTransport:
    """The SMTP transport of `[mail]`; UsageError when the section or the password variable is missing."""
    mail = settings.file.mail
    if mail is None:
        raise UsageError(
            "tiptrain.toml has no [mail] section (host, port, security, user, password_env, from); add one, "
            "or write the messages to a folder with `tiptrain notify send --to-dir DIR`"
        )
    password = None
    if mail.user:
        if not mail.password_env or mail.password_env not in os.environ:
            raise UsageError(
                f"[mail] user is set, so the password must be in the environment variable named by "
                f"[mail] password_env ({mail.password_env or 'not set'}), which is not set"
            )
        password = os.environ[mail.password_env]
    return SmtpTransport(mail, password)


def send_outbox(
    settings: Settings, documents: Documents, transport: Transport, clock: Callable[[], datetime] | None = None
) -> SendReport:
    """Send every waiting message through `transport`, one at a time (see the module docstring)."""
    now = clock or (lambda: datetime.now(UTC))
    report = SendReport()
    with _sender_lock(settings.workspace), Register(settings.register_url) as register:
        try:
            for outbox_id in _waiting_ids(register):
                if not _send_one(register, outbox_id, documents=documents, transport=transport, now=now, report=report):
                    break
        finally:
            transport.close()
        with register.transaction() as session:
            report.waiting = waiting_count(session)
    return report


def _send_one(
    register: Register,
    outbox_id: int,
    *,
    documents: Documents,
    transport: Transport,
    now: Callable[[], datetime],
    report: SendReport,
) -> bool:
    """Claim, hand over and record one message; False when the run must stop."""
    claimed, entry = _claim(register, outbox_id, documents, now())
    if claimed is None:
        if entry is not None:
            report.unreachable.append(entry)
        return True
    assert entry is not None  # a claimed message has its entry
    name = f"{outbox_id:06d}-{entry.workshop}-{entry.trainer}.eml"
    try:
        transport.deliver(_sender(documents), claimed.recipient, claimed.message, name)
    except Refused as refused:
        report.refused.append(_release(register, outbox_id, str(refused), now()))
        if refused.stop:
            report.stopped = str(refused)
            return False
        return True
    report.sent.append(_record_sent(register, outbox_id, transport.channel, now()))
    return True


def _waiting_ids(register: Register) -> list[int]:
    """Interrupted messages first (they may already be in a mailbox), then pending ones, oldest first."""
    with register.transaction() as session:
        query = select(OutboxRow.id, OutboxRow.state).where(OutboxRow.state.in_((PENDING, SENDING)))
        found = session.execute(query.order_by(OutboxRow.id)).all()
    return [row_id for row_id, state in found if state == SENDING] + [
        row_id for row_id, state in found if state == PENDING
    ]


def _claim(
    register: Register, outbox_id: int, documents: Documents, now: datetime
) -> tuple[Claimed | None, OutboxEntry | None]:
    """Mark the message `sending` with its bytes and Message-ID, committed; None when it cannot go.

    A pending message is built afresh (the latest state, a new Message-ID: no server has it); an interrupted
    one goes again exactly as it went before.
    """
    with register.transaction(write=True) as session:
        row = session.get(OutboxRow, outbox_id)
        if row is None or row.state == SENT:
            return None, None
        trainer = documents.trainers.get(row.trainer_id)
        resend = row.state == SENDING and row.message is not None and row.recipient is not None
        if not resend:
            if trainer is None or trainer.email is None:
                return None, to_entry(row)
            _build(session, row, trainer, documents, now)
            row.state = SENDING
        row.attempts += 1
        row.updated_at = now
        assert row.message is not None and row.recipient is not None  # built above or kept from the crash
        return Claimed(row.recipient, row.message), to_entry(row)


def _build(session: Session, row: OutboxRow, trainer: Trainer, documents: Documents, now: datetime) -> None:
    """The message with the workshop's latest state, a new Message-ID and the trainer's address now."""
    from exports.itip import invitation_message

    workshop_row = session.get(WorkshopRow, row.workshop_id)
    assert workshop_row is not None  # workshops are never deleted while their outbox rows exist
    workshop = to_workshop(workshop_row)
    sender = _sender(documents)
    message_id = f"<{uuid.uuid4().hex}.{row.id}@{sender.rpartition('@')[2]}>"
    row.message = invitation_message(
        workshop,
        trainer,
        method=row.method,
        organizer=documents.organizer,
        sender=sender,
        message_id=message_id,
        trainers=documents.trainers,
        now=now,
        catalogue=documents.catalogue,
        partners=documents.partners,
    )
    row.message_id, row.recipient, row.sequence = message_id, str(trainer.email), workshop.sequence


def _release(register: Register, outbox_id: int, reason: str, now: datetime) -> OutboxEntry:
    """The server did not accept it: pending again, with the reason; the next claim builds it afresh."""
    with register.transaction(write=True) as session:
        row = session.get(OutboxRow, outbox_id)
        assert row is not None
        row.state, row.error, row.updated_at = PENDING, reason, now
        return to_entry(row)


def _record_sent(register: Register, outbox_id: int, channel: str, now: datetime) -> OutboxEntry:
    with register.transaction(write=True) as session:
        row = session.get(OutboxRow, outbox_id)
        assert row is not None
        row.state, row.sent_at, row.channel, row.error, row.updated_at = SENT, now, channel, None, now
        return to_entry(row)


def _sender(documents: Documents) -> str:
    """The From address: `[mail] from`, else the programme contact (who is the ORGANIZER anyway)."""
    mail = documents.settings.file.mail
    return str(mail.from_) if mail is not None else documents.organizer[1]


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{who}: {code} {text.decode(errors='replace')}" for who, (code, text) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        return f"{error.smtp_code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    return f"{type(error).__name__}: {error}"


@contextmanager
def _sender_lock(workspace: Path) -> Iterator[None]:
    """One `notify send` per workspace at a time; the system releases the lock when the process ends."""
    with (workspace / LOCK_FILE).open("a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise UsageError("another `tiptrain notify send` is running in this workspace; try again later") from error
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def outbox_entries(settings: Settings) -> list[OutboxEntry]:
    """Every outbox message, oldest first."""
    with Register(settings.register_url) as register, register.transaction() as session:
        return list_outbox(session)


def waiting_line(url: str) -> str:
    """'Notifications: 4 messages waiting (tiptrain notify send).' for plan, replan and workshops."""
    with Register(url) as register, register.transaction() as session:
        count = waiting_count(session)
    if count == 0:
        return "Notifications: no message waiting."
    noun = "message" if count == 1 else "messages"
    return f"Notifications: {count} {noun} waiting for the trainers (tiptrain notify list, tiptrain notify send)."
