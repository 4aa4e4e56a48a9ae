"""`tiptrain feeds url|rotate` (SPEC 9): subscription URLs with an unguessable token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from plan_kit import run_cli, sample_workspace

from tiptrain.register.accounts import Accounts
from tiptrain.register.api import Register
from tiptrain.settings import load_settings

URL = re.compile(r"http://127\.0\.0\.1:8000/feeds/([A-Za-z0-9_-]{20,})\.ics")


@pytest.fixture
def workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return sample_workspace(tmp_path / "ws", capsys)


def feeds(workspace: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run_cli(["--workspace", str(workspace), "feeds", *args], capsys)


def test_feeds_url_plan_prints_the_same_url_each_time(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = feeds(workspace, ["url", "--plan"], capsys)
    second = feeds(workspace, ["url", "--plan"], capsys)

    assert first == second
    assert URL.fullmatch(first[1].strip())


def test_feeds_url_of_a_trainer_finds_that_trainer(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = feeds(workspace, ["url", "--trainer", "t-amina", "--base", "https://train.example.org/"], capsys)

    token = out.strip().removeprefix("https://train.example.org/feeds/").removesuffix(".ics")
    accounts = Accounts(Register(load_settings(workspace).register_url))
    assert accounts.feed_target(token) == ("trainer", "t-amina")


def test_feeds_rotate_changes_the_url_and_the_old_token_finds_nothing(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = URL.fullmatch(feeds(workspace, ["url", "--trainer", "t-amina"], capsys)[1].strip())

    code, _, _ = feeds(workspace, ["rotate", "--trainer", "t-amina"], capsys)
    new = URL.fullmatch(feeds(workspace, ["url", "--trainer", "t-amina"], capsys)[1].strip())

    accounts = Accounts(Register(load_settings(workspace).register_url))
    assert old is not None and new is not None
    assert (code, old.group(1) != new.group(1), accounts.feed_target(old.group(1))) == (0, True, None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["url"], "give exactly one of --trainer ID or --plan"),
        (["url", "--plan", "--trainer", "t-amina"], "give exactly one of --trainer ID or --plan"),
        (["url", "--trainer", "t-nobody"], "--trainer 't-nobody': no such trainer"),
        (["url", "--plan", "--base", "ftp://x"], "--base 'ftp://x': expected a URL starting with http"),
        (["rotate"], "give exactly one of --trainer ID or --plan"),
    ],
)
def test_feeds_bad_options_exit_2(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = feeds(workspace, args, capsys)

    assert (code, out) == (2, "")
    assert message in err
