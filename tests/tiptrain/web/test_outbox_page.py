"""`/outbox` (SPEC 11's web side): the coordinator sees the trainers' invitations and sends them through [mail].

A real SMTP server (aiosmtpd on 127.0.0.1) takes the messages, as in the `notify send` tests. The stored plan
owes six messages: t-amina twice, t-pedro, t-irina, t-karim (all with an e-mail) and t-nikolai (none).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from starlette.testclient import TestClient
from web_kit import log_in, new_client, post_form, user_name

from tiptrain.register.outbox import list_outbox
from tiptrain.web.app import create_app

REACHABLE = ["amina.sow-keita@example.org"] * 2 + [
    "irina.sokolenko@example.org",
    "karim.abdelwahab@example.org",
    "pedro.alcantara@example.org",
]


class Keeper:
    """aiosmtpd handler keeping the recipients of every accepted message."""

    def __init__(self) -> None:
        self.recipients: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        self.recipients += envelope.rcpt_tos
        return "250 2.0.0 accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Keeper, int]]:
    keeper, port = Keeper(), free_port()
    controller = Controller(keeper, hostname="127.0.0.1", port=port)
    controller.start()
    yield keeper, port
    controller.stop()


def with_mail(workspace: Path, port: int) -> Path:
    """The workspace's settings with a [mail] section for a server on 127.0.0.1:port."""
    settings = workspace / "tiptrain.toml"
    mail = f'\n[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nfrom = "planning@example.org"\n'
    settings.write_text(settings.read_text(encoding="utf-8") + mail, encoding="utf-8")
    return workspace


@pytest.fixture
def coordinator_of() -> Iterator[Callable[[Path], TestClient]]:
    """A coordinator's client of a new app over the workspace (made after its settings are written)."""
    apps: list[FastAPI] = []

    def make(workspace: Path) -> TestClient:
        app = create_app(workspace)
        apps.append(app)
        client = new_client(app)
        log_in(client, user_name("coordinator"))
        return client

    yield make
    for app in apps:
        app.state.web.close()


def states(app: Any) -> list[str]:
    """The state of each outbox message, in order of the trainers' ids."""
    with app.state.web.register.transaction() as session:
        return [entry.state for entry in sorted(list_outbox(session), key=lambda entry: (entry.trainer, entry.id))]


def test_outbox_lists_the_waiting_messages_and_the_unreachable_trainer(client_for) -> None:
    page = client_for("coordinator").get("/outbox")

    assert page.status_code == 200
    assert page.text.count('<td data-label="Trainer">') == 6
    assert "Waiting: 6" in page.text
    assert "Cannot be reached (no e-mail address): t-nikolai" in page.text


@pytest.mark.parametrize("role", ["office", "trainer", "viewer"])
def test_outbox_is_for_coordinators_only(client_for, role: str) -> None:
    signed_in = client_for(role)

    assert signed_in.get("/outbox").status_code == 403
    assert post_form(signed_in, "/outbox/send").status_code == 403


def test_outbox_send_now_sends_through_mail_and_shows_the_result(
    smtp: tuple[Keeper, int], web_workspace: Path, coordinator_of
) -> None:
    keeper, port = smtp
    coordinator = coordinator_of(with_mail(web_workspace, port))

    answer = post_form(coordinator, "/outbox/send", page="/outbox")

    assert answer.status_code == 200
    assert "Sent now: 5" in answer.text
    assert sorted(keeper.recipients) == REACHABLE
    assert states(coordinator.app) == ["sent"] * 4 + ["pending"] + ["sent"]  # t-nikolai: no e-mail
    assert "Sent: 5" in coordinator.get("/outbox").text


def test_outbox_send_now_twice_sends_each_message_once(
    smtp: tuple[Keeper, int], web_workspace: Path, coordinator_of
) -> None:
    keeper, port = smtp
    coordinator = coordinator_of(with_mail(web_workspace, port))

    post_form(coordinator, "/outbox/send", page="/outbox")
    again = post_form(coordinator, "/outbox/send", page="/outbox")

    assert ("Sent now: 0" in again.text, len(keeper.recipients)) == (True, 5)


def test_outbox_send_failure_shows_its_message_and_keeps_the_messages_pending(
    web_workspace: Path, coordinator_of
) -> None:
    coordinator = coordinator_of(with_mail(web_workspace, free_port()))  # nobody listens there

    answer = post_form(coordinator, "/outbox/send", page="/outbox")

    assert answer.status_code == 200
    assert "Not sent; the messages stay waiting:" in answer.text
    assert "ConnectionRefusedError" in answer.text
    assert states(coordinator.app) == ["pending"] * 6


def test_outbox_send_without_mail_settings_says_what_is_missing(web_workspace: Path, coordinator_of) -> None:
    coordinator = coordinator_of(web_workspace)

    answer = post_form(coordinator, "/outbox/send", page="/outbox")

    assert (answer.status_code, "Waiting: 6" in answer.text) == (200, True)  # the outbox, with the reason
    assert "tiptrain.toml has no [mail] section" in answer.text
    assert states(coordinator.app) == ["pending"] * 6
