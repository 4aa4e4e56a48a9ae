"""`tiptrain users add|list|disable|password|token` (SPEC 9): accounts of the web application."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from plan_kit import run_cli, sample_workspace

from tiptrain.cli import cli
from tiptrain.register.accounts import Accounts
from tiptrain.register.api import Register
from tiptrain.settings import load_settings

PASSWORD = "a long enough secret"


@pytest.fixture
def workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return sample_workspace(tmp_path / "ws", capsys)


def users_cli(
    workspace: Path,
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return run_cli(["--workspace", str(workspace), *args], capsys)


def accounts(workspace: Path) -> Accounts:
    return Accounts(Register(load_settings(workspace).register_url))


def test_users_add_then_list_json_shows_role_and_reach_never_a_hash(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    added = users_cli(
        workspace,
        ["users", "add", "awa", "--role", "office", "--countries", "ml,SN", "--password-stdin"],
        capsys,
        monkeypatch,
        PASSWORD + "\n",
    )

    code, out, _ = users_cli(workspace, ["users", "list", "--json"], capsys, monkeypatch)

    assert added[0] == 0
    assert (code, json.loads(out)) == (
        0,
        [{"name": "awa", "role": "office", "countries": ["ML", "SN"], "trainer": None, "disabled": False}],
    )
    assert "argon2" not in out


def test_users_add_prompts_twice_for_a_hidden_password(workspace: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--workspace", str(workspace), "users", "add", "kofi", "--role", "coordinator"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )

    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert accounts(workspace).authenticate("kofi", PASSWORD, "cli-test") is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "office"], "an office user needs --countries"),
        (["--role", "office", "--countries", "ML,XX"], "--countries: XX not ISO 3166 alpha-2 codes"),
        (["--role", "trainer"], "a trainer user needs --trainer ID"),
        (["--role", "trainer", "--trainer", "t-nobody"], "--trainer 't-nobody': no such trainer"),
        (["--role", "viewer", "--countries", "ML"], "--countries is for office users"),
        (["--role", "coordinator", "--trainer", "t-amina"], "--trainer is for trainer users"),
    ],
)
def test_users_add_bad_reach_exits_2_and_adds_nobody(
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    code, _, err = users_cli(workspace, ["users", "add", "x", *args, "--password-stdin"], capsys, monkeypatch, PASSWORD)

    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert accounts(workspace).users() == []


def test_users_add_short_password_exits_2(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = users_cli(
        workspace, ["users", "add", "kofi", "--role", "viewer", "--password-stdin"], capsys, monkeypatch, "short\n"
    )

    assert (code, err.strip()) == (2, "Error: the password has 5 characters; expected at least 10")


def test_users_add_taken_name_exits_2(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add = ["users", "add", "kofi", "--role", "viewer", "--password-stdin"]
    users_cli(workspace, add, capsys, monkeypatch, PASSWORD)

    code, _, err = users_cli(workspace, add, capsys, monkeypatch, PASSWORD)

    assert (code, "a user 'kofi' exists already" in err) == (2, True)


def test_users_disable_ends_logins(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    users_cli(
        workspace, ["users", "add", "kofi", "--role", "viewer", "--password-stdin"], capsys, monkeypatch, PASSWORD
    )

    code, _, _ = users_cli(workspace, ["users", "disable", "kofi"], capsys, monkeypatch)

    assert code == 0
    assert accounts(workspace).authenticate("kofi", PASSWORD, "cli-test") is None


def test_users_password_sets_a_new_password(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    users_cli(
        workspace, ["users", "add", "kofi", "--role", "viewer", "--password-stdin"], capsys, monkeypatch, PASSWORD
    )

    code, _, _ = users_cli(
        workspace, ["users", "password", "kofi", "--password-stdin"], capsys, monkeypatch, "another long secret\n"
    )

    found = accounts(workspace)
    assert code == 0
    assert (found.authenticate("kofi", "another long secret", "a"), found.authenticate("kofi", PASSWORD, "b")) == (
        found.user("kofi"),
        None,
    )


def test_users_unknown_name_exits_2_naming_the_known_ones(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    users_cli(
        workspace, ["users", "add", "kofi", "--role", "viewer", "--password-stdin"], capsys, monkeypatch, PASSWORD
    )

    code, _, err = users_cli(workspace, ["users", "disable", "kofy"], capsys, monkeypatch)

    assert (code, err.strip()) == (2, "Error: no user 'kofy'; known users: kofi")


def test_users_token_prints_a_token_the_api_accepts(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    users_cli(
        workspace, ["users", "add", "kofi", "--role", "viewer", "--password-stdin"], capsys, monkeypatch, PASSWORD
    )

    code, out, _ = users_cli(workspace, ["users", "token", "kofi"], capsys, monkeypatch)

    user = accounts(workspace).user_for_token(out.strip())
    assert (code, user.name if user else None) == (0, "kofi")


def test_users_password_of_an_unknown_user_exits_2_before_asking(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = users_cli(workspace, ["users", "password", "ghost", "--password-stdin"], capsys, monkeypatch)

    assert (code, err.strip()) == (2, "Error: no user 'ghost'; known users: none yet")
