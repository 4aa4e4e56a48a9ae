"""The register's tables for the web application's accounts (SPEC 9), on the Base of `orm.py`.

Users with a role and reach; bearer tokens for the API, stored only as their SHA-256 (a copy of the
database gives no working token); calendar feed tokens, stored as they are because `tiptrain feeds url`
prints them again; web sessions, keyed by the SHA-256 of the session id the cookie carries; failed logins,
so that every process of one register limits attempts alike; and the app's secrets (the cookie-signing key),
made once so that every process signs alike. Migration 0007 creates exactly these tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tiptrain.register.orm import Base, UTCDateTime

ROLES = ("coordinator", "office", "trainer", "viewer")
"""Every role a user can have (SPEC 9)."""
FEED_KINDS = ("plan", "trainer")


class UserRow(Base):
    """One account: a unique name, a role, the countries (office) or trainer (trainer) it reaches."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN ({', '.join(repr(r) for r in ROLES)})", name="role_known"),)

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    countries: Mapped[str] = mapped_column(String(400), default="")
    """Comma-separated ISO 3166 alpha-2 codes, for office users."""
    trainer_id: Mapped[str | None] = mapped_column(String(64))
    password_hash: Mapped[str | None] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ApiTokenRow(Base):
    """A bearer token of a user for the JSON API, kept only as the SHA-256 of the token (hex)."""

    __tablename__ = "api_tokens"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(ForeignKey("users.name", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FeedTokenRow(Base):
    """The secret part of a calendar feed URL: the plan's (trainer_id '') or one trainer's."""

    __tablename__ = "feed_tokens"
    __table_args__ = (CheckConstraint("kind IN ('plan', 'trainer')", name="kind_known"),)

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    trainer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WebSessionRow(Base):
    """A signed-in browser: the SHA-256 of its session id, its user and CSRF token, when it was last used."""

    __tablename__ = "web_sessions"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(ForeignKey("users.name", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)


class LoginFailureRow(Base):
    """One failed login, by the name tried and the client address, for limiting attempts."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_name: Mapped[str] = mapped_column(String(64), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class AppSecretRow(Base):
    """A secret of the web application (e.g. the cookie-signing key), made once per register."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
