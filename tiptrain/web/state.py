"""What every request of one process shares: the workspace, ONE Register, its accounts, the cookie signer.

Routes get it with `Depends(web)`; tests and the app factory build it with `Web.open(workspace)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from itsdangerous import Signer

from tiptrain.context import App
from tiptrain.register.accounts import Accounts
from tiptrain.register.api import Register


@dataclass
class Web:
    """The process-wide state the routes use; the Register's engine pools connections across requests."""

    workspace: App
    register: Register
    accounts: Accounts
    signer: Signer

    @classmethod
    def open(cls, workspace: str | Path) -> Web:
        """State for a workspace: its register (migrated now) and the register's cookie-signing key."""
        app = App(workspace=str(workspace))
        register = Register(app.settings().register_url)
        accounts = Accounts(register)
        signer = Signer(accounts.secret("cookie"), salt="tiptrain.session")
        return cls(app, register, accounts, signer)

    def close(self) -> None:
        self.register.close()


def web(request: Request) -> Web:
    """FastAPI dependency: the process's Web state."""
    state: Web = request.app.state.web
    return state


WebState = Annotated[Web, Depends(web)]
"""Parameter type of a route or dependency that needs the process's state: `state: WebState`."""
