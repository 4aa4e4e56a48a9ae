"""The accounts in the register: reach rules, sessions that expire, actors in the history, shared secrets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from web_kit import PASSWORD, WORKSHOPS, open_register, stored_workshop, user_name

from tiptrain.register.accounts import SESSION_IDLE, Accounts, User
from tiptrain.register.api import Register
from tiptrain.settings import load_settings


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (User("c", "coordinator"), {"W-ml-bamako", "W-ua-kyiv", "W-sn-dakar"}),
        (User("v", "viewer"), {"W-ml-bamako", "W-ua-kyiv", "W-sn-dakar"}),
        (User("o", "office", ("ML", "UA")), {"W-ml-bamako", "W-ua-kyiv"}),
        (User("o", "office", ("FR",)), set()),
        (User("t", "trainer", (), "t-amina"), {"W-ml-bamako", "W-sn-dakar"}),
        (User("t", "trainer", (), None), set()),
    ],
)
def test_user_reaches_by_role(user: User, expected: set[str]) -> None:
    assert {w.id for w in user.reachable(stored_workshop(w) for w in WORKSHOPS)} == expected


def test_user_viewer_alone_sees_no_personal_data() -> None:
    roles = ("coordinator", "office", "trainer", "viewer")

    assert [User("x", role).sees_personal_data for role in roles] == [True, True, True, False]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2027, 1, 4, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_session_ends_after_idle_time_but_not_while_used(web_workspace: Path) -> None:
    clock = Clock()
    with Register(load_settings(web_workspace).register_url, clock=clock) as register:
        accounts = Accounts(register)
        user = accounts.authenticate(user_name("office"), PASSWORD, "test")
        assert user is not None
        sid, _ = accounts.open_session(user)
        clock.now += SESSION_IDLE - timedelta(minutes=1)
        used = accounts.session(sid)  # use keeps it alive
        clock.now += SESSION_IDLE - timedelta(minutes=1)
        still = accounts.session(sid)
        clock.now += SESSION_IDLE + timedelta(minutes=1)
        ended = accounts.session(sid)

    assert (used is not None, still is not None, ended) == (True, True, None)


def test_session_ends_when_the_user_is_disabled(web_workspace: Path) -> None:
    with open_register(web_workspace) as register:
        accounts = Accounts(register)
        sid, _ = accounts.open_session(User(user_name("trainer"), "trainer", (), "t-amina"))
        accounts.disable(user_name("trainer"))

        assert accounts.session(sid) is None


def test_session_id_is_stored_only_as_its_digest(web_workspace: Path) -> None:
    from sqlalchemy import text

    with open_register(web_workspace) as register:
        sid, _ = Accounts(register).open_session(User(user_name("viewer"), "viewer"))
        with register.transaction() as session:
            stored = session.execute(text("SELECT digest FROM web_sessions")).scalars().all()

    assert sid not in stored


def test_cookie_secret_is_made_once_per_register(web_workspace: Path) -> None:
    with open_register(web_workspace) as one, open_register(web_workspace) as two:
        assert Accounts(one).secret() == Accounts(two).secret()


def test_change_made_by_a_web_user_names_them_in_the_history(web_workspace: Path) -> None:
    with open_register(web_workspace) as register:
        register.transition("W-ml-bamako", "confirmed", "host agreed", by=user_name("office"))
        register.transition("W-ua-kyiv", "cancelled", "no venue")

        actors = [change.actor for w in ("W-ml-bamako", "W-ua-kyiv") for change in register.history(w)]

    assert actors == [None, "awa", None, None]


def test_delivery_made_by_a_web_user_names_them_in_the_history(web_workspace: Path) -> None:
    from exports.models import Participant

    person = Participant.model_validate(
        {"name": "Invented Person", "profession": "police", "sex": "f", "country": "ML", "attendance": [True] * 3}
    )
    with open_register(web_workspace) as register:
        register.transition("W-ml-bamako", "confirmed", by=user_name("office"))
        register.deliver("W-ml-bamako", [person], by=user_name("coordinator"))
        register.replace_roster("W-ml-bamako", [person, person.model_copy(update={"name": "Other Person"})], by="vera")

        actors = [change.actor for change in register.history("W-ml-bamako")]

    assert actors == [None, "awa", "kofi", "vera"]
