"""One exception tree for the whole product.

The domain packages raise these; the CLI translates them once, in one place, into a message and an exit
code. `InvalidInput` carries every problem found in the input so that a user fixes a file in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place of the input: where it is, what was there, what was expected."""

    file: str
    line: int | None
    field: str
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        got = "" if self.value is None else f" (got {self.value})"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {field}{self.expected}{got}"


class TiptrainError(Exception):
    """Base of every error tiptrain raises on purpose."""

    exit_code = 1


class InvalidInput(TiptrainError):
    """The user's input is wrong; nothing was written. Carries every problem found."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("input", None, "", None, problems)]
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        """All problems, one per line, with a count when there are several."""
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class UsageError(TiptrainError):
    """A command was asked for something that cannot be done as asked (bad option, unknown id)."""

    exit_code = 2


class UnknownUnit(UsageError):
    """A unit id that is not in the catalogue."""


class UnknownProgramme(UsageError):
    """A programme id that is not in the catalogue."""


class NoFeasiblePlan(TiptrainError):
    """The solver found no plan at all within its limits (not even an empty one should fail)."""
