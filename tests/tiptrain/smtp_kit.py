"""A real SMTP server for the notification tests (aiosmtpd on 127.0.0.1), and a small workspace to send from.

The server keeps every message it accepted (a 250 after DATA). It can answer 421 to refuse, and it can
kill -9 a sender at a chosen step of the n-th message (MAIL, RCPT or DATA: always before its 250), which
is how the crash tests interrupt `tiptrain notify send` at a known point of the exchange.
"""

from __future__ import annotations

import email
import os
import signal
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar

from scheduler.models import PeriodSummary, Plan, SolverInfo, Workshop
from tiptrain.register.api import Register

SENDER = "planning@example.org"
SETTINGS = """\
[period]
start = 2026-01-01
end = 2026-06-30

[programme]
contact_name = "Invented Coordinator"
contact_email = "coordinator@example.org"
"""
MAIL = """
[mail]
host = "127.0.0.1"
port = {port}
security = "none"
from = "planning@example.org"
"""
TRAINERS = """\
trainers:
  - {id: t-amina, name: Amina Invented, expertise: [law-enforcement], languages: [fr], home: SN,
     email: amina@example.org}
  - {id: t-pedro, name: Pedro Invented, expertise: [law-enforcement], languages: [es], home: ES,
     email: pedro@example.org}
  - {id: t-olga, name: Olga Invented, expertise: [law-enforcement], languages: [ru], home: UA}
"""
PERIOD = PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=10)


@dataclass
class Recorder:
    """aiosmtpd handler: accepts and keeps messages, or refuses with 421, or kills the sender mid-exchange."""

    accepted: list[tuple[list[str], bytes]] = field(default_factory=list)
    refuse: bool = False
    kill_pid: int | None = None
    kill_at: tuple[str, int] | None = None
    """(step, n): kill the sender at MAIL, RCPT or DATA of its n-th message (1-based), before answering."""
    killed_content: bytes | None = None
    reject: frozenset[str] = frozenset()
    """Recipients refused for good (550) at RCPT."""
    mails: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.accepted.clear()
            self.refuse, self.kill_pid, self.kill_at, self.killed_content, self.mails = False, None, None, None, 0
            self.reject = frozenset()

    def _kill(self, step: str) -> bool:
        if self.kill_at == (step, self.mails) and self.kill_pid is not None:
            os.kill(self.kill_pid, signal.SIGKILL)
            self.kill_at = None
            return True
        return False

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:  # noqa: N802 - aiosmtpd calls these names
        with self.lock:
            self.mails += 1
            if self._kill("MAIL"):
                return "451 4.3.0 sender gone"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:  # noqa: N802 - aiosmtpd calls these names
        with self.lock:
            if self._kill("RCPT"):
                return "451 4.3.0 sender gone"
            if address in self.reject:
                return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd calls these names
        with self.lock:
            if self.refuse:
                return "421 4.3.2 Service not available, closing transmission channel"
            if self._kill("DATA"):
                self.killed_content = bytes(envelope.content)
                return "451 4.3.0 sender gone"
            self.accepted.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 2.0.0 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        """Every accepted message, parsed by Python's email package."""
        with self.lock:
            contents = [content for _, content in self.accepted]
        parsed = [email.message_from_bytes(content, policy=default) for content in contents]
        assert all(isinstance(message, EmailMessage) for message in parsed)
        return parsed  # type: ignore[return-value]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def smtp_server() -> Iterator[tuple[Recorder, int]]:
    """One real SMTP server for the module; each test resets its recorder."""
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()


def calendar_bytes(message: EmailMessage) -> bytes:
    """The text/calendar part as sent (decoded from its transfer encoding)."""
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    return str(part.get_content()).encode("utf-8")


def calendar_of(message: EmailMessage) -> Calendar:
    return Calendar.from_ical(calendar_bytes(message))


def summary(message: EmailMessage) -> tuple[str, str, str, int]:
    """(recipient, METHOD, UID of the workshop, SEQUENCE) of an invitation e-mail."""
    calendar = calendar_of(message)
    event = calendar.walk("VEVENT")[0]
    return (
        str(message["To"].addresses[0].addr_spec),
        str(calendar["METHOD"]),
        str(event["UID"]),
        int(event["SEQUENCE"]),
    )


def small_workspace(folder: Path, port: int | None) -> Path:
    """Settings (with [mail] on `port` unless None) and three invented trainers, Olga without an e-mail."""
    folder.mkdir(parents=True, exist_ok=True)
    mail = MAIL.format(port=port) if port is not None else ""
    (folder / "tiptrain.toml").write_text(SETTINGS + mail, encoding="utf-8")
    (folder / "trainers.yaml").write_text(TRAINERS, encoding="utf-8")
    return folder


def workshop(workshop_id: str, start: date, trainers: tuple[str, ...]) -> Workshop:
    days = [start + timedelta(days=n) for n in range(2)]
    return Workshop(
        id=workshop_id,
        request=workshop_id.removeprefix("W-"),
        country="ML",
        city="Bamako",
        programme="first-responders-1d",
        language="fr",
        start=days[0],
        end=days[-1],
        days=days,
        trainers=list(trainers),
    )


def store(folder: Path, *workshops: Workshop) -> None:
    """Store a plan of these workshops in the workspace's register (what `plan` would do)."""
    solver = SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0)
    with Register(f"sqlite:///{folder / 'tiptrain.db'}") as register:
        register.store_plan(Plan(period=PERIOD, workshops=list(workshops), unscheduled=[], solver=solver))
