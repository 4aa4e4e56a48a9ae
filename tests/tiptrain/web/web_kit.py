"""Builders for the web tests, shared by every page's tests (import them: `from web_kit import ...`).

A workspace is the sample of `tiptrain init` (its trainers and settings: period 2027-01-01..2027-06-30)
with a small stored plan instead of a solved one (fast): three workshops in three countries, and one user
of each role. Fixtures in conftest.py wrap these.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from fastapi import FastAPI
from starlette.testclient import TestClient

from scheduler.models import PeriodSummary, Plan, SolverInfo, Workshop
from tiptrain.register.accounts import Accounts
from tiptrain.register.api import Register
from tiptrain.sample import sample_text
from tiptrain.settings import load_settings

PASSWORD = "correct horse battery staple"
"""Every test user's password."""
PERIOD = PeriodSummary(start=date(2027, 1, 1), end=date(2027, 6, 30), target=23)
OFFICE_COUNTRY = "ML"
TRAINER_ID = "t-amina"
USERS = {
    "coordinator": ("kofi", {"role": "coordinator"}),
    "office": ("awa", {"role": "office", "countries": (OFFICE_COUNTRY,)}),
    "trainer": ("amina", {"role": "trainer", "trainer": TRAINER_ID}),
    "viewer": ("vera", {"role": "viewer"}),
}
"""Role -> (user name, how it was made): the office reaches Mali, the trainer is t-amina."""
WORKSHOPS = {
    "W-ml-bamako": ("ML", "Bamako", date(2027, 2, 1), ("t-amina", "t-pedro")),
    "W-ua-kyiv": ("UA", "Kyiv", date(2027, 3, 1), ("t-nikolai", "t-irina")),
    "W-sn-dakar": ("SN", "Dakar", date(2027, 4, 5), ("t-karim", "t-amina")),
}
"""The stored plan: Mali (office and trainer reach it), Ukraine (neither), Senegal (the trainer only)."""


def stored_workshop(workshop_id: str) -> Workshop:
    """One of WORKSHOPS as the planner would have made it (3 days, French, criminal-justice-3d)."""
    country, city, start, team = WORKSHOPS[workshop_id]
    days = [start + timedelta(days=n) for n in range(3)]
    return Workshop(
        id=workshop_id,
        request=workshop_id.removeprefix("W-"),
        country=country,
        city=city,
        programme="criminal-justice-3d",
        language="fr",
        start=days[0],
        end=days[-1],
        days=days,
        trainers=list(team),
    )


def build_workspace(folder: Path) -> Path:
    """The sample workspace with the small plan stored and one user of each role."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("tiptrain.toml", "trainers.yaml", "requests.yaml"):
        (folder / name).write_text(sample_text(name), encoding="utf-8")
    solver = SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0)
    plan = Plan(period=PERIOD, workshops=[stored_workshop(w) for w in WORKSHOPS], unscheduled=[], solver=solver)
    with Register(load_settings(folder).register_url) as register:
        register.store_plan(plan)
        accounts = Accounts(register)
        for name, made in USERS.values():
            accounts.add_user(name, password=PASSWORD, **made)  # type: ignore[arg-type]
    return folder


def copy_workspace(template: Path, folder: Path) -> Path:
    """A copy of a built workspace (the register file included): each test gets its own register."""
    shutil.copytree(template, folder)
    return folder


def open_register(workspace: Path) -> Register:
    return Register(load_settings(workspace).register_url)


def csrf_of(html: str) -> str:
    """The value of the first `csrf_token` field of a page."""
    found = re.search(r'name="csrf_token" value="([^"]*)"', html)
    assert found is not None, "the page has no csrf_token field"
    return found.group(1)


def log_in(client: TestClient, name: str, password: str = PASSWORD, next_path: str = "/") -> None:
    """Sign `client` in through the login form, as a browser does; asserts it worked."""
    token = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token, "next": next_path},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


def user_name(role: str) -> str:
    return USERS[role][0]


def new_client(app: FastAPI, https: bool = False) -> TestClient:
    """A client of `app` (enter it with `with`, or let the fixtures close it)."""
    return TestClient(app, base_url="https://testserver" if https else "http://testserver")
