"""`tiptrain notify send|list` against a real SMTP server (aiosmtpd on 127.0.0.1): delivered once, refusals
leave messages pending, a sender killed mid-exchange loses and repeats nothing, unreachable trainers listed."""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from smtp_kit import Recorder, free_port, small_workspace, smtp_server, store, summary, workshop

from tiptrain.cli import main

__all__ = ["smtp_server"]  # the fixture, used by name

ROOT = Path(__file__).resolve().parents[2]
W_A = workshop("W-a", date(2026, 2, 2), ("t-amina", "t-pedro"))
W_B = workshop("W-b", date(2026, 3, 2), ("t-amina", "t-olga"))
REACHABLE = [
    ("amina@example.org", "REQUEST", "W-a@tiptrain", 0),
    ("amina@example.org", "REQUEST", "W-b@tiptrain", 0),
    ("pedro@example.org", "REQUEST", "W-a@tiptrain", 0),
]


def run(workspace: Path, *args: str) -> tuple[int, str, str]:
    """The CLI as a user runs it: (exit code, stdout, stderr)."""
    code = 0
    with CliRunner().isolation() as (out, err, _):
        try:
            main(["--workspace", str(workspace), *args])
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


def states(workspace: Path) -> list[tuple[str, str, str]]:
    code, out, err = run(workspace, "notify", "list", "--json")
    assert code == 0, err
    return [(row["workshop"], row["trainer"], row["state"]) for row in json.loads(out)]


@pytest.fixture
def server(smtp_server: tuple[Recorder, int]) -> tuple[Recorder, int]:
    recorder, port = smtp_server
    recorder.reset()
    return recorder, port


def test_notify_send_delivers_each_message_once_to_the_trainers_address(
    server: tuple[Recorder, int], tmp_path: Path
) -> None:
    recorder, port = server
    folder = small_workspace(tmp_path, port)
    store(folder, W_A, W_B)

    first = run(folder, "notify", "send")
    second = run(folder, "notify", "send")

    assert (first[0], second[0]) == (0, 0)
    assert sorted(summary(message) for message in recorder.messages()) == REACHABLE
    assert [message["From"] for message in recorder.messages()] == ["Invented Coordinator <planning@example.org>"] * 3
    assert [rcpts for rcpts, _ in recorder.accepted] == [
        ["amina@example.org"],
        ["pedro@example.org"],
        ["amina@example.org"],
    ]


def test_notify_list_shows_a_trainer_without_email_as_unreachable_never_an_invented_address(tmp_path: Path) -> None:
    folder = small_workspace(tmp_path, None)
    store(folder, W_B)

    code, out, _ = run(folder, "notify", "list", "--json")
    rows = {row["trainer"]: (row["state"], row["address"], row["reachable"]) for row in json.loads(out)}

    assert code == 0
    assert rows == {"t-amina": ("pending", "amina@example.org", True), "t-olga": ("pending", None, False)}


def test_notify_send_reaches_a_trainer_once_their_email_is_added(server: tuple[Recorder, int], tmp_path: Path) -> None:
    recorder, port = server
    folder = small_workspace(tmp_path, port)
    store(folder, W_B)
    run(folder, "notify", "send")
    trainers = folder / "trainers.yaml"
    trainers.write_text(trainers.read_text().replace("home: UA}", "home: UA, email: olga@example.org}"))

    code = run(folder, "notify", "send")[0]

    assert code == 0
    assert sorted(summary(m) for m in recorder.messages()) == [
        ("amina@example.org", "REQUEST", "W-b@tiptrain", 0),
        ("olga@example.org", "REQUEST", "W-b@tiptrain", 0),
    ]


def test_notify_send_server_answering_421_leaves_every_message_pending(
    server: tuple[Recorder, int], tmp_path: Path
) -> None:
    recorder, port = server
    folder = small_workspace(tmp_path, port)
    store(folder, W_A)
    recorder.refuse = True

    code, _, err = run(folder, "notify", "send")

    assert code == 1
    assert "421" in err
    assert recorder.accepted == []
    assert states(folder) == [("W-a", "t-amina", "pending"), ("W-a", "t-pedro", "pending")]


def test_notify_send_refused_connection_leaves_every_message_pending(tmp_path: Path) -> None:
    folder = small_workspace(tmp_path, free_port())
    store(folder, W_A)

    code, _, err = run(folder, "notify", "send")

    assert code == 1
    assert "ConnectionRefusedError" in err
    assert states(folder) == [("W-a", "t-amina", "pending"), ("W-a", "t-pedro", "pending")]


def test_notify_send_without_mail_settings_names_the_section_and_the_folder_option(tmp_path: Path) -> None:
    folder = small_workspace(tmp_path, None)
    store(folder, W_A)

    code, _, err = run(folder, "notify", "send")

    assert code == 2
    assert "tiptrain.toml has no [mail] section" in err
    assert "--to-dir DIR" in err


def test_notify_send_to_dir_writes_each_message_once_as_an_eml_file(tmp_path: Path) -> None:
    folder = small_workspace(tmp_path / "ws", None)
    store(folder, W_A, W_B)
    mail = tmp_path / "mail"

    run(folder, "notify", "send", "--to-dir", str(mail))
    again = run(folder, "notify", "send", "--to-dir", str(mail))

    assert again[0] == 0
    assert sorted(path.name for path in mail.iterdir()) == [
        "000001-W-a-t-amina.eml",
        "000002-W-a-t-pedro.eml",
        "000003-W-b-t-amina.eml",
    ]


def _send_in_child(folder: Path, go: Any) -> None:
    """`tiptrain notify send` in a forked process, started once the parent knows its pid."""
    go.wait(60)
    main(["--workspace", str(folder), "notify", "send"])


def _killed_run(folder: Path, recorder: Recorder, round_number: int) -> int | None:
    """Run `notify send` as a separate process that the server kills; return how it ended."""
    if round_number == 0:  # once as a fresh interpreter, exactly as a user starts it
        process = subprocess.Popen(
            [sys.executable, "-m", "tiptrain", "--workspace", str(folder), "notify", "send"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        recorder.kill_pid = process.pid
        return process.wait(timeout=120)
    context = multiprocessing.get_context("fork")  # the rest forked: no interpreter start, so the loop is fast
    go = context.Event()
    child = context.Process(target=_send_in_child, args=(folder, go))
    child.start()
    recorder.kill_pid = child.pid
    go.set()
    child.join(timeout=120)
    return child.exitcode


@pytest.mark.slow
def test_notify_send_killed_mid_exchange_then_run_again_delivers_each_message_exactly_once(
    server: tuple[Recorder, int], tmp_path: Path
) -> None:
    recorder, port = server
    expected = sorted(
        [(f"{who}@example.org", "REQUEST", f"{w}@tiptrain", 0) for who in ("amina", "pedro") for w in ("W-a", "W-c")]
    )
    outcomes = []
    for round_number in range(20):
        recorder.reset()
        folder = small_workspace(tmp_path / f"round-{round_number}", port)
        store(folder, W_A, workshop("W-c", date(2026, 4, 6), ("t-pedro", "t-amina")))
        step = ("MAIL", "RCPT", "DATA")[round_number % 3]
        recorder.kill_at = (step, 1 + round_number % 4)
        ended = _killed_run(folder, recorder, round_number)
        before = len(recorder.accepted)
        again = run(folder, "notify", "send")[0]
        message_ids = [m["Message-ID"] for m in recorder.messages()]
        killed = recorder.killed_content
        outcomes.append(
            (
                ended,
                before == round_number % 4,
                again,
                sorted(summary(m) for m in recorder.messages()) == expected,
                len(set(message_ids)) == len(message_ids) == 4,
                killed is None or any(f"Message-ID: {i}".encode() in killed for i in message_ids),
            )
        )

    assert outcomes == [(-signal.SIGKILL, True, 0, True, True, True)] * 20


def test_notify_send_with_a_user_and_no_password_variable_names_the_variable(tmp_path: Path) -> None:
    folder = small_workspace(tmp_path, free_port())
    settings = folder / "tiptrain.toml"
    settings.write_text(settings.read_text() + 'user = "planning"\npassword_env = "TIPTRAIN_TEST_NO_SUCH_PASSWORD"\n')

    code, _, err = run(folder, "notify", "send")

    assert code == 2
    assert "(TIPTRAIN_TEST_NO_SUCH_PASSWORD), which is not set" in err


def test_notify_mail_settings_with_an_unknown_security_is_refused_naming_the_field(tmp_path: Path) -> None:
    folder = small_workspace(tmp_path, 2525)
    settings = folder / "tiptrain.toml"
    settings.write_text(settings.read_text().replace('security = "none"', 'security = "ssl"'))

    code, _, err = run(folder, "notify", "list")

    assert code == 2
    assert "mail.security" in err


def test_notify_send_while_another_sender_runs_is_refused(tmp_path: Path) -> None:
    folder = small_workspace(tmp_path, free_port())
    store(folder, W_A)

    with (folder / ".tiptrain-notify.lock").open("a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        code, _, err = run(folder, "notify", "send")

    assert code == 2
    assert "another `tiptrain notify send` is running" in err
    assert states(folder) == [("W-a", "t-amina", "pending"), ("W-a", "t-pedro", "pending")]


def test_workshops_confirm_says_how_many_messages_wait(tmp_path: Path) -> None:
    folder = small_workspace(tmp_path, None)
    store(folder, W_A, W_B)

    code, _, err = run(folder, "workshops", "confirm", "W-b")

    assert code == 0
    assert err.splitlines()[-1] == (
        "Notifications: 4 messages waiting for the trainers (tiptrain notify list, tiptrain notify send)."
    )


def test_notify_send_recipient_refused_for_good_stays_pending_with_the_reason_and_the_rest_go(
    server: tuple[Recorder, int], tmp_path: Path
) -> None:
    recorder, port = server
    folder = small_workspace(tmp_path, port)
    store(folder, W_A, W_B)
    recorder.reject = frozenset({"pedro@example.org"})

    code = run(folder, "notify", "send")[0]
    _, out, _ = run(folder, "notify", "list", "--json")
    rows = {(row["workshop"], row["trainer"]): (row["state"], row["note"]) for row in json.loads(out)}

    assert code == 0
    assert sorted(summary(m)[:3] for m in recorder.messages()) == [
        ("amina@example.org", "REQUEST", "W-a@tiptrain"),
        ("amina@example.org", "REQUEST", "W-b@tiptrain"),
    ]
    assert rows[("W-a", "t-pedro")] == ("pending", "pedro@example.org: 550 5.1.1 no such mailbox")


def test_notify_send_after_a_refusal_sends_the_workshops_latest_state(
    server: tuple[Recorder, int], tmp_path: Path
) -> None:
    recorder, port = server
    folder = small_workspace(tmp_path, port)
    store(folder, W_A)
    recorder.refuse = True
    run(folder, "notify", "send")
    store(folder, workshop("W-a", date(2026, 2, 2), ("t-amina", "t-pedro", "t-olga")))  # sequence 1, same dates
    recorder.refuse = False

    code = run(folder, "notify", "send")[0]

    assert code == 0
    assert sorted(summary(m) for m in recorder.messages()) == [
        ("amina@example.org", "REQUEST", "W-a@tiptrain", 1),
        ("pedro@example.org", "REQUEST", "W-a@tiptrain", 1),
    ]
