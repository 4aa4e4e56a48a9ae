"""Dates that make sense: warnings, never refusals, for work that lies in the past or a roster that comes early.

A coordinator may well plan last year's period to compare, or record a roster the last afternoon of a
workshop; tiptrain does what it is asked but says that the dates look odd. Every function is pure: the
caller passes `today`, so tests fix the clock and commands pass the real date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from scheduler.models import Plan, Request, Workshop

SHOWN = 5
"""How many requests or workshops a warning names before it says how many more there are."""


def request_warnings(requests: Iterable[Request], today: date) -> list[str]:
    """One warning naming the requests whose window ended before today (none can be planned inside it)."""
    past = [request for request in requests if request.window.latest < today]
    if not past:
        return []
    names = _some(f"{request.id} (window ended {request.window.latest})" for request in past)
    return [f"{len(past)} request(s) have a window that ended before today ({today}): {names}"]


def plan_warnings(plan: Plan, today: date) -> list[str]:
    """A warning when the plan's period ended before today, else one naming the new workshops that start before it.

    Confirmed and delivered workshops in the past are the programme's history, not an oddity.
    """
    if plan.period.end < today:
        period = f"{plan.period.start}..{plan.period.end}"
        return [f"the period {period} ended before today ({today}); check [period] in tiptrain.toml"]
    early = [workshop for workshop in plan.workshops if workshop.status == "planned" and workshop.start < today]
    if not early:
        return []
    names = _some(f"{workshop.id} ({workshop.start})" for workshop in early)
    return [f"{len(early)} planned workshop(s) would start before today ({today}): {names}"]


def plan_date_warnings(plan: Plan, requests: Sequence[Request], today: date | None = None) -> list[str]:
    """What `tiptrain plan` warns about dates: past request windows, a past period, workshops starting before today."""
    today = today or datetime.now().astimezone().date()  # the user's day, where they are
    return request_warnings(requests, today) + plan_warnings(plan, today)


def early_roster(workshop: Workshop, today: date) -> str | None:
    """A warning when a roster is recorded before the workshop's last day (attendance may still change)."""
    if today >= workshop.end:
        return None
    return f"{workshop.id}: roster recorded before the last day ({workshop.end}); attendance may still change"


def _some(names: Iterable[str]) -> str:
    listed = list(names)
    more = f" and {len(listed) - SHOWN} more" if len(listed) > SHOWN else ""
    return ", ".join(listed[:SHOWN]) + more


def warn_about_dates(plan: Plan, requests: Sequence[Request], today: date | None = None) -> None:
    """Print plan_date_warnings on stderr, each line starting `Warning:` (for `plan` and `replan`)."""
    from tiptrain.render import say

    for line in plan_date_warnings(plan, requests, today):
        say(f"Warning: {line}")
