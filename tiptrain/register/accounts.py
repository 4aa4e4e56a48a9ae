"""Accounts of the web application (SPEC 9): users and their reach, passwords, tokens, sessions, secrets.

Everything is held in the register so that every process serving one register (`--workers N`, or several
`tiptrain serve` on one PostgreSQL) agrees on who is signed in, which tokens are valid, which logins are
limited, and which key signs the cookies. `User.reaches` is the one place that says which workshops a user
may see; a workshop out of reach is answered exactly as a missing one.

Secrets never stored as they are: passwords (Argon2id, argon2-cffi), API tokens and session ids (SHA-256:
they are long random strings, so a plain digest is enough). Feed tokens are stored as they are, because
`tiptrain feeds url` prints the URL again; rotating one makes the old URL find nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from curriculum.errors import TiptrainError, UsageError
from curriculum.timezones import is_country
from scheduler.models import Workshop
from tiptrain.register.orm_accounts import (
    FEED_KINDS,
    ROLES,
    ApiTokenRow,
    AppSecretRow,
    FeedTokenRow,
    LoginFailureRow,
    UserRow,
    WebSessionRow,
)

if TYPE_CHECKING:
    from tiptrain.register.api import Register

SESSION_IDLE = timedelta(hours=12)
"""A session unused this long is over: the user signs in again."""
SESSION_TOUCH = timedelta(minutes=5)
"""`last_seen` is written at most this often, so reading pages rarely writes to the register."""
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_LIMIT = 5
"""Failed logins per user name, and per client address, within LOGIN_WINDOW before logins are refused."""
LOOKUP_MARK = "#verify"
"""The user_name of counted certificate lookups: '#' is outside NAME_CHARACTERS, so no user has it."""
LOOKUP_WINDOW = timedelta(minutes=10)
LOOKUP_LIMIT = 30
"""Certificate lookups per client address within LOOKUP_WINDOW before /verify answers 429."""
MIN_PASSWORD = 10
NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-@")

_HASHER = PasswordHasher()
_NO_USER_HASH = _HASHER.hash(secrets.token_urlsafe(16))
"""Verified against when the name is unknown, so a wrong name takes as long as a wrong password."""


class LoginLimited(TiptrainError):
    """Too many failed logins for this name or from this address lately: wait and try again."""

    exit_code = 2


@dataclass(frozen=True)
class User:
    """A signed-in person as the web application sees them; the reach rules live here and nowhere else."""

    name: str
    role: str
    countries: tuple[str, ...] = ()
    trainer: str | None = None
    disabled: bool = False

    @property
    def sees_personal_data(self) -> bool:
        """Whether the user may see participant and trainer names and documents with names (not a viewer)."""
        return self.role != "viewer"

    def reaches(self, workshop: Workshop) -> bool:
        """Whether the user may see this workshop: all (coordinator, viewer), its host country (office), its team."""
        if self.role in ("coordinator", "viewer"):
            return True
        if self.role == "office":
            return workshop.country in self.countries
        if self.role == "trainer":
            return self.trainer is not None and self.trainer in workshop.trainers
        return False

    def reachable(self, workshops: Iterable[Workshop]) -> list[Workshop]:
        """The workshops in reach, in the given order."""
        return [workshop for workshop in workshops if self.reaches(workshop)]


def digest(secret: str) -> str:
    """SHA-256 (hex) of a token or session id: what the register keeps instead of the secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_account(name: str, role: str, countries: Sequence[str], trainer: str | None) -> None:
    """Refuse a user the rules do not allow, naming the field and what was expected."""
    if not name or len(name) > 64 or not set(name) <= NAME_CHARACTERS:
        raise UsageError(f"user name {name!r}: expected 1-64 lower-case letters, digits, '.', '_', '-' or '@'")
    if role not in ROLES:
        raise UsageError(f"role {role!r}: expected one of {', '.join(ROLES)}")
    unknown = [code for code in countries if not is_country(code)]
    if unknown:
        raise UsageError(f"--countries: {', '.join(unknown)} not ISO 3166 alpha-2 codes (e.g. ML,SN)")
    if role == "office" and not countries:
        raise UsageError("an office user needs --countries CC,CC: the countries whose workshops it reaches")
    if role != "office" and countries:
        raise UsageError(f"--countries is for office users; a {role} reaches {_reach_words(role)}")
    if role == "trainer" and not trainer:
        raise UsageError("a trainer user needs --trainer ID: the trainer whose workshops it reaches")
    if role != "trainer" and trainer:
        raise UsageError(f"--trainer is for trainer users; a {role} reaches {_reach_words(role)}")


def check_password(password: str) -> None:
    """Refuse a password too short to resist guessing."""
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"the password has {len(password)} characters; expected at least {MIN_PASSWORD}")


def _reach_words(role: str) -> str:
    return {"coordinator": "every workshop", "viewer": "every workshop without personal data"}.get(role, "")


def to_user(row: UserRow) -> User:
    """A user row as the frozen User the web application passes around (no password hash)."""
    countries = tuple(code for code in row.countries.split(",") if code)
    return User(row.name, row.role, countries, row.trainer_id, row.disabled)


class Accounts:
    """The accounts of one register; each method is one transaction of that register."""

    def __init__(self, register: Register) -> None:
        self.register = register

    def _now(self) -> datetime:
        return self.register.now()

    # users -------------------------------------------------------------------------------------------

    def add_user(
        self, name: str, role: str, password: str, countries: Sequence[str] = (), trainer: str | None = None
    ) -> User:
        """Create a user; UsageError when the name is taken or the role's rules are not met."""
        check_account(name, role, countries, trainer)
        check_password(password)
        hashed = _HASHER.hash(password)
        with self.register.transaction(write=True) as session:
            if session.get(UserRow, name) is not None:
                raise UsageError(f"a user {name!r} exists already; see `tiptrain users list`")
            row = UserRow(
                name=name,
                role=role,
                countries=",".join(countries),
                trainer_id=trainer,
                password_hash=hashed,
                disabled=False,
                created_at=self._now(),
            )
            session.add(row)
            return to_user(row)

    def users(self) -> list[User]:
        """Every user, by name."""
        with self.register.transaction() as session:
            return [to_user(row) for row in session.scalars(select(UserRow).order_by(UserRow.name))]

    def user(self, name: str) -> User | None:
        with self.register.transaction() as session:
            row = session.get(UserRow, name)
            return to_user(row) if row is not None else None

    def existing(self, name: str) -> User:
        """The user called `name`; UsageError naming the known users when there is none."""
        with self.register.transaction() as session:
            return to_user(_user_row(session, name))

    def disable(self, name: str) -> User:
        """Disable a user: no login, and their sessions and API tokens end now."""
        with self.register.transaction(write=True) as session:
            row = _user_row(session, name)
            row.disabled = True
            session.execute(delete(WebSessionRow).where(WebSessionRow.user_name == name))
            session.execute(delete(ApiTokenRow).where(ApiTokenRow.user_name == name))
            return to_user(row)

    def set_password(self, name: str, password: str) -> None:
        """Set a new password; every open session of the user ends (they sign in again)."""
        check_password(password)
        hashed = _HASHER.hash(password)
        with self.register.transaction(write=True) as session:
            _user_row(session, name).password_hash = hashed
            session.execute(delete(WebSessionRow).where(WebSessionRow.user_name == name))

    def authenticate(self, name: str, password: str, client: str) -> User | None:
        """The user when the password is right and the account enabled, else None (the failure is counted).

        Raises LoginLimited, before looking at the password, when this name or this client address has
        LOGIN_LIMIT failures within LOGIN_WINDOW, in any process of the register.
        """
        name = name.strip().lower()[:64]
        client = client[:64]
        now = self._now()
        with self.register.transaction() as session:
            recent = LoginFailureRow.at > now - LOGIN_WINDOW
            by_name = select(func.count()).where(recent, LoginFailureRow.user_name == name)
            by_client = select(func.count()).where(recent, LoginFailureRow.client == client)
            if (session.scalar(by_name) or 0) >= LOGIN_LIMIT or (session.scalar(by_client) or 0) >= LOGIN_LIMIT:
                raise LoginLimited(f"too many failed logins; wait {LOGIN_WINDOW.seconds // 60} minutes")
            row = session.get(UserRow, name)
            stored = row.password_hash if row is not None and row.password_hash else _NO_USER_HASH
        good = _verify(stored, password) and row is not None and not row.disabled
        with self.register.transaction(write=True) as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.at <= now - LOGIN_WINDOW))
            if not good or row is None:
                session.add(LoginFailureRow(user_name=name, client=client, at=now))
                return None
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.user_name == name))
            if _HASHER.check_needs_rehash(stored):
                _user_row(session, name).password_hash = _HASHER.hash(password)
            return to_user(row)

    # tokens ------------------------------------------------------------------------------------------

    def new_api_token(self, name: str) -> str:
        """A new bearer token for the user's API calls: returned once, only its digest is kept."""
        token = "tt_" + secrets.token_urlsafe(32)
        with self.register.transaction(write=True) as session:
            row = _user_row(session, name)
            if row.disabled:
                raise UsageError(f"user {name!r} is disabled")
            session.add(ApiTokenRow(digest=digest(token), user_name=name, created_at=self._now()))
        return token

    def user_for_token(self, token: str) -> User | None:
        """The enabled user holding this API token, else None."""
        with self.register.transaction() as session:
            row = session.get(ApiTokenRow, digest(token))
            user = session.get(UserRow, row.user_name) if row is not None else None
            return to_user(user) if user is not None and not user.disabled else None

    def feed_token(self, kind: str, trainer: str | None = None) -> str:
        """The token of the plan's feed or a trainer's, made on first use."""
        key = _feed_key(kind, trainer)
        with self.register.transaction() as session:
            row = session.get(FeedTokenRow, key)
            if row is not None:
                return row.token
        with self.register.transaction(write=True) as session:
            row = session.get(FeedTokenRow, key)  # another process may have made it meanwhile
            if row is None:
                row = FeedTokenRow(kind=key[0], trainer_id=key[1], token=_feed_secret(), created_at=self._now())
                session.add(row)
            return row.token

    def rotate_feed(self, kind: str, trainer: str | None = None) -> str:
        """A new token for the feed; the old URL answers 404 from now on."""
        key = _feed_key(kind, trainer)
        with self.register.transaction(write=True) as session:
            row = session.get(FeedTokenRow, key)
            if row is None:
                row = FeedTokenRow(kind=key[0], trainer_id=key[1], created_at=self._now())
                session.add(row)
            row.token = _feed_secret()
            row.created_at = self._now()
            return row.token

    def feed_target(self, token: str) -> tuple[str, str | None] | None:
        """('plan', None) or ('trainer', id) for a current feed token; None for any other string."""
        with self.register.transaction() as session:
            row = session.scalar(select(FeedTokenRow).where(FeedTokenRow.token == token))
            if row is None:
                return None
            return row.kind, row.trainer_id or None

    # sessions ----------------------------------------------------------------------------------------

    def open_session(self, user: User) -> tuple[str, str]:
        """A new session (id, CSRF token) for a user who just signed in: a new id at every login."""
        sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self._now()
        with self.register.transaction(write=True) as session:
            session.execute(delete(WebSessionRow).where(WebSessionRow.last_seen <= now - SESSION_IDLE))
            row = WebSessionRow(digest=digest(sid), user_name=user.name, csrf=csrf, created_at=now, last_seen=now)
            session.add(row)
        return sid, csrf

    def session(self, sid: str) -> tuple[User, str] | None:
        """(user, CSRF token) of a live session of an enabled user; None when unknown, idle too long or disabled."""
        now = self._now()
        key = digest(sid)
        with self.register.transaction() as session:
            row = session.get(WebSessionRow, key)
            user = session.get(UserRow, row.user_name) if row is not None else None
            if row is None or user is None or user.disabled or row.last_seen <= now - SESSION_IDLE:
                return None
            found, csrf, stale = to_user(user), row.csrf, row.last_seen <= now - SESSION_TOUCH
        if stale:
            with self.register.transaction(write=True) as session:
                touched = session.get(WebSessionRow, key)
                if touched is not None:
                    touched.last_seen = now
        return found, csrf

    def close_session(self, sid: str) -> None:
        """End a session (logout); unknown ids are ignored."""
        with self.register.transaction(write=True) as session:
            session.execute(delete(WebSessionRow).where(WebSessionRow.digest == digest(sid)))

    # secrets -----------------------------------------------------------------------------------------

    def secret(self, name: str = "cookie") -> str:
        """A secret of the app made once per register, so every process signs cookies with the same key."""
        with self.register.transaction() as session:
            row = session.get(AppSecretRow, name)
            if row is not None:
                return row.value
        with self.register.transaction(write=True) as session:
            row = session.get(AppSecretRow, name)
            if row is None:
                row = AppSecretRow(name=name, value=secrets.token_urlsafe(48), created_at=self._now())
                session.add(row)
            return row.value

    # lookups limited per client address (the public certificate check) --------------------------------

    def allow_lookup(self, client: str, limit: int = LOOKUP_LIMIT, window: timedelta = LOOKUP_WINDOW) -> bool:
        """Count one lookup from `client`; False when it already made `limit` within `window`, in any process.

        Kept in login_failures under a name no user can have and a prefixed address, so logins never count
        them (`window` must not exceed LOGIN_WINDOW, after which a login removes old rows anyway).
        """
        now = self._now()
        address = f"{LOOKUP_MARK}:{client}"[:64]
        with self.register.transaction(write=True) as session:
            old = (LoginFailureRow.user_name == LOOKUP_MARK, LoginFailureRow.at <= now - window)
            session.execute(delete(LoginFailureRow).where(*old))
            recent = select(func.count()).where(LoginFailureRow.client == address, LoginFailureRow.at > now - window)
            if (session.scalar(recent) or 0) >= limit:
                return False
            session.add(LoginFailureRow(user_name=LOOKUP_MARK, client=address, at=now))
            return True


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _user_row(session: Session, name: str) -> UserRow:
    row = session.get(UserRow, name)
    if row is None:
        known = ", ".join(session.scalars(select(UserRow.name).order_by(UserRow.name))) or "none yet"
        raise UsageError(f"no user {name!r}; known users: {known}")
    return row


def _feed_key(kind: str, trainer: str | None) -> tuple[str, str]:
    if kind not in FEED_KINDS:
        raise UsageError(f"feed kind {kind!r}: expected one of {', '.join(FEED_KINDS)}")
    if (kind == "trainer") != bool(trainer):
        raise UsageError("a trainer feed needs a trainer id, and the plan's feed none")
    return kind, trainer or ""


def _feed_secret() -> str:
    return secrets.token_urlsafe(24)
