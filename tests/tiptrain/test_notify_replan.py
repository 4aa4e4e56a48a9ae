"""The issue's scenario: the sample workspace planned, a workshop confirmed, invitations sent; then a re-plan
with one trainer away, and `notify send` reaches exactly the trainers of the workshops that changed."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from icalcheck_kit import assert_libical_accepts_data
from smtp_kit import MAIL, Recorder, calendar_bytes, smtp_server, summary
from test_notify_send import run

from scheduler.inputs import load_trainers
from scheduler.models import Workshop
from tiptrain.register.api import Register

__all__ = ["smtp_server"]  # the fixture, used by name

CONFIRMED = "W-ml-bamako-tot"
pytestmark = pytest.mark.slow


def register_workshops(folder: Path) -> dict[str, Workshop]:
    with Register(f"sqlite:///{folder / 'tiptrain.db'}") as register:
        return {w.id: w for w in register.workshops()}


def owed(before: dict[str, Workshop], after: dict[str, Workshop], emails: dict[str, str | None]) -> list[tuple]:
    """(address, METHOD, UID, SEQUENCE) the SPEC 11 rule owes, worked out from the register alone."""
    messages = []
    for workshop_id, new in after.items():
        old = before.get(workshop_id)
        if old is None or old.status == "cancelled":
            told = dict.fromkeys(new.trainers, "REQUEST") if new.status != "cancelled" else {}
        elif new.status == "cancelled":
            told = dict.fromkeys(old.trainers, "CANCEL") if old.status != "cancelled" else {}
        else:
            moved = (old.days, old.city, old.status) != (new.days, new.city, new.status)
            told = {t: "CANCEL" for t in old.trainers if t not in new.trainers}
            told |= {t: "REQUEST" for t in new.trainers if t not in old.trainers or moved}
        messages += [
            (emails[t], method, f"{workshop_id}@tiptrain", new.sequence) for t, method in told.items() if emails[t]
        ]
    return sorted(messages)


def test_notify_after_replan_with_a_trainer_away_reaches_only_the_trainers_of_changed_workshops(
    smtp_server: tuple[Recorder, int], tmp_path: Path
) -> None:
    recorder, port = smtp_server
    recorder.reset()
    folder = tmp_path / "period"
    assert run(folder, "init", str(folder))[0] == 0
    with (folder / "tiptrain.toml").open("a", encoding="utf-8") as settings:
        settings.write(MAIL.format(port=port))
    assert run(folder, "plan", "--time-limit", "3", "--json")[0] == 0
    assert run(folder, "workshops", "confirm", CONFIRMED)[0] == 0
    assert run(folder, "notify", "send")[0] == 0
    recorder.reset()
    before = register_workshops(folder)
    away = before[CONFIRMED]
    emails = {t.id: t.email for t in load_trainers(folder / "trainers.yaml")}

    code, out, err = run(
        folder,
        "replan",
        "--time-limit",
        "3",
        "--json",
        "--trainer-away",
        f"{away.trainers[-1]}:{away.start}..{away.end + timedelta(days=60)}",
    )
    sent = run(folder, "notify", "send")
    after = register_workshops(folder)
    messages = recorder.messages()

    assert (code, sent[0]) == (0, 0), err
    assert json.loads(out)["workshops"]
    assert "Notifications: " in err
    assert sorted(summary(message) for message in messages) == owed(before, after, emails)
    assert {summary(m)[2] for m in messages} >= {f"{CONFIRMED}@tiptrain"}
    assert 0 < len({summary(m)[2] for m in messages}) < len(after) / 2
    assert_libical_accepts_data(*(calendar_bytes(m) for m in messages))
