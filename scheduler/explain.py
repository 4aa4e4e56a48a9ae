"""Why each request is not in the plan, in one sentence a coordinator can act on.

A request is *impossible* when no plan could hold it whatever else happened: dropped by the coordinator, an
unknown programme, no run of working days in its window, nobody with the expertise and language, too few
distinct trainers for the team, or every possible team away on every possible date. It is *displaced* when
it could run on its own but the plan's other workshops hold what it needs: the period's target is reached by
workshops of equal or higher priority, or the trainers it needs are busy (or at their limit) on every date.

Displacement is found by trying to add the request to the finished plan as it stands: on each possible start,
can every place of its team be filled with a distinct qualifying trainer who is free over the whole span and
below their limit? That is a small matching per start, so explaining a plan takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from curriculum.names import language_name
from scheduler.calendars import window_report
from scheduler.models import Plan, Request, Unscheduled
from scheduler.problem import (
    Block,
    Candidate,
    PlanningProblem,
    Prepared,
    busy_starts,
    has_team,
    prepare,
    qualifying,
    span_of,
    travel_days,
)

_SHOWN = 3
"""Workshops named in a sentence; `by` lists them all."""


TAKEN_OUT = "the coordinator took it out of the plan (dropped, or its workshop cancelled: final)"
"""Why a request dropped with --drop, or whose workshop a person cancelled, is not planned."""


def _expertise(slot: str) -> str:
    return slot.replace("-", " ")


def _names(ids: Sequence[str]) -> str:
    """'W-a, W-b and W-c', or 'W-a, W-b, W-c and 4 more' past _SHOWN."""
    shown = list(ids[:_SHOWN])
    if len(ids) > _SHOWN:
        return ", ".join(shown) + f" and {len(ids) - _SHOWN} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def impossible(request: str, rule: str, reason: str) -> Unscheduled:
    """A request no plan could hold, and the rule that rules it out."""
    return Unscheduled(request=request, kind="impossible", rule=rule, reason=reason)


def displaced(request: str, rule: str, reason: str, by: Sequence[str] = ()) -> Unscheduled:
    """A request that could run on its own but lost its place to the workshops in `by` (or the target)."""
    return Unscheduled(request=request, kind="displaced", rule=rule, reason=reason, by=list(by))


# ---------------------------------------------------------------- on its own


def no_dates_reason(request: Request, days: int, prepared: Prepared) -> Unscheduled:
    """No run of working days: the calendar says which of weekends, holidays, blackouts or Ramadan took them."""
    period = prepared.problem.period
    first, last = max(request.window.earliest, period.start), min(request.window.latest, period.end)
    if last < first:
        return impossible(
            request.id,
            "no-dates",
            f"its window ({request.window.earliest} to "
            f"{request.window.latest}) lies outside the period ({period.start} to {period.end})",
        )
    report = window_report(
        request.country, first, last, days, period.blackouts, avoid_ramadan="ramadan" in request.avoid
    )
    return impossible(request.id, "no-dates", report)


def no_trainer_reason(request: Request, slot: str, prepared: Prepared) -> Unscheduled:
    """Nobody has the expertise, or nobody with it speaks the language."""
    experts = [t for t in prepared.trainers.values() if slot in t.expertise]
    if not experts:
        return impossible(request.id, "no-trainer", f"no trainer has {_expertise(slot)} expertise")
    language = language_name(request.language)
    return impossible(
        request.id,
        "no-trainer",
        f"no trainer who speaks {language} has {_expertise(slot)} expertise; "
        f"{len(experts)} without {language} could run it with interpretation",
    )


def team_size_reason(cand: Candidate, qualified: Sequence[Sequence[str]]) -> Unscheduled:
    """Enough trainers per place, but not enough distinct ones for the whole team."""
    everyone = sorted({t for slot in qualified for t in slot})
    places = ", ".join(_expertise(s) for s in cand.slots)
    return impossible(
        cand.request.id,
        "team-size",
        f"the team needs {len(cand.slots)} distinct trainers ({places}) "
        f"and only {len(everyone)} {'qualifies' if len(everyone) == 1 else 'qualify'} ({', '.join(everyone)})",
    )


def _static_reason(request: Request, prepared: Prepared) -> Unscheduled | None:
    """The reason a request could never be planned whatever the rest of the plan, or None."""
    problem = prepared.problem
    if request.id in problem.dropped:
        return impossible(request.id, "dropped", TAKEN_OUT)
    if request.programme not in problem.programmes:
        return impossible(
            request.id, "unknown-programme", f"its programme {request.programme!r} is not in the catalogue"
        )
    cand = prepared.candidates[request.id]
    if not cand.starts:
        return no_dates_reason(request, cand.days, prepared)
    everyone = list(prepared.trainers.values())
    for slot in cand.slots:
        if not qualifying(everyone, slot, request):
            return no_trainer_reason(request, slot, prepared)
    full = tuple(qualifying(everyone, slot, request) for slot in cand.slots)
    if not has_team(full):
        return team_size_reason(cand, full)
    return None


# ---------------------------------------------------------------- against the plan


def _plan_blocks(prepared: Prepared, plan: Plan) -> dict[str, list[Block]]:
    """Per trainer, the spans of the plan's workshops (travel included) as blocks naming the workshop."""
    blocks: dict[str, list[Block]] = {}
    for workshop in plan.workshops:
        for trainer_id in workshop.trainers:
            trainer = prepared.trainers.get(trainer_id)
            if trainer is not None:
                first, last = span_of(workshop.start, len(workshop.days), travel_days(trainer, workshop.country))
                blocks.setdefault(trainer_id, []).append(Block(first, last, "workshop", workshop.id))
    return blocks


def _full_trainers(prepared: Prepared, plan: Plan) -> set[str]:
    """Trainers whose plan already holds `max_workshops` workshops."""
    load: dict[str, int] = {}
    for workshop in plan.workshops:
        for trainer in workshop.trainers:
            load[trainer] = load.get(trainer, 0) + 1
    return {t for t, n in load.items() if t in prepared.trainers and n >= prepared.trainers[t].max_workshops}


class _Fit:
    """Whether a request fits the finished plan as it stands, and if not, what stands in the way.

    It looks at every trainer with the expertise and language, whatever their limit, because here a limit
    reached (locked workshops included) is something the plan did, not something the request lacks.
    """

    def __init__(self, prepared: Prepared, plan: Plan) -> None:
        self.prepared = prepared
        self.blocks = _plan_blocks(prepared, plan)
        self.full = _full_trainers(prepared, plan)

    def team(self, cand: Candidate) -> tuple[tuple[str, ...], ...]:
        everyone = list(self.prepared.trainers.values())
        return tuple(qualifying(everyone, slot, cand.request) for slot in cand.slots)

    def _busy(self, cand: Candidate, trainer: str, starts: Sequence[date], blocks: Sequence[Block]) -> frozenset[date]:
        travel = travel_days(self.prepared.trainers[trainer], cand.request.country)
        return busy_starts(starts, cand.days, travel, blocks) if blocks else frozenset()

    def _absent(self, trainer: str) -> list[Block]:
        return [b for b in self.prepared.blocks.get(trainer, []) if b.reason != "workshop"]

    def own_starts(self, cand: Candidate) -> list[date]:
        """Starts on which some team is free of absences (unavailable, away), whatever the workshops."""
        team = self.team(cand)
        everyone = sorted({t for slot in team for t in slot})
        absent = {t: self._busy(cand, t, cand.starts, self._absent(t)) for t in everyone}
        return [s for s in cand.starts if has_team(team, {t for t in everyone if s not in absent[t]})]

    def fits(self, cand: Candidate, starts: Sequence[date]) -> bool:
        """Whether some start has a full team of free trainers below their limit."""
        team = self.team(cand)
        everyone = sorted({t for slot in team for t in slot} - self.full)
        taken = {t: self._busy(cand, t, starts, [*self._absent(t), *self.blocks.get(t, [])]) for t in everyone}
        return any(has_team(team, {t for t in everyone if s not in taken[t]}) for s in starts)

    def blockers(self, cand: Candidate, starts: Sequence[date]) -> tuple[list[str], list[str], list[str]]:
        """What holds the trainers it needs.

        Returns the workshops whose spans meet a possible start (for trainers below their limit), the
        trainers at their limit, and the workshops that brought them there.
        """
        everyone = sorted({t for slot in self.team(cand) for t in slot})
        full = [t for t in everyone if t in self.full]
        holding = {
            block.workshop or ""
            for t in everyone
            if t not in self.full
            for block in self.blocks.get(t, [])
            if self._busy(cand, t, starts, [block])
        }
        filling = {block.workshop or "" for t in full for block in self.blocks.get(t, [])}
        return sorted(holding - {""}), full, sorted(filling - {""})


def _target_reason(cand: Candidate, plan: Plan, prepared: Prepared) -> Unscheduled:
    """It fits, but the target is reached: name the lowest-priority workshops it would have to replace."""
    target = prepared.problem.period.target
    priorities = {w.id: w.priority for w in plan.workshops if w.priority is not None and w.status == "planned"}
    mine = cand.request.priority
    if not priorities:
        return displaced(
            cand.request.id, "target", f"the period's target of {target} workshops is reached by confirmed workshops"
        )
    lowest = min(priorities.values())
    by = sorted(w for w, p in priorities.items() if p == lowest)
    if mine > lowest:
        return displaced(
            cand.request.id,
            "time-limit",
            f"the solver stopped at its time limit before swapping it "
            f"in for a workshop of lower priority {lowest} ({_names(by)}); a longer time limit may place it",
            by,
        )
    if mine < lowest:
        text = (
            f"the period's target of {target} workshops is reached; its priority {mine} is below the lowest "
            f"scheduled priority {lowest} ({_names(by)})"
        )
    else:
        text = (
            f"the period's target of {target} workshops is reached; workshops of the same priority {lowest} "
            f"({_names(by)}) fit preferred dates, trainer load or travel better"
        )
    return displaced(cand.request.id, "target", text, by)


def _busy_reason(cand: Candidate, fit: _Fit, starts: Sequence[date]) -> Unscheduled:
    """On every possible date some place of the team cannot be filled: name who holds the trainers."""
    holding, full, filling = fit.blockers(cand, starts)
    parts = []
    if holding:
        parts.append(f"busy with {_names(holding)}")
    if full:
        parts.append(f"at their workshop limit ({_names(full)})")
    who = " or ".join(parts) or "busy"
    text = f"on each of its {len(starts)} possible start dates the trainers it needs are {who}"
    return displaced(cand.request.id, "trainers", text, sorted({*holding, *filling}))


def _dynamic_reason(cand: Candidate, plan: Plan, prepared: Prepared, fit: _Fit) -> Unscheduled:
    """The reason for a request that could run on its own: absences, locked workshops, the target, or the plan."""
    rid = cand.request.id
    own = fit.own_starts(cand)
    if not own:
        return impossible(
            rid,
            "unavailable",
            f"every trainer team that could run it is away or unavailable on "
            f"each of its {len(cand.starts)} possible start dates",
        )
    if fit.fits(cand, own):
        scheduled = sum(1 for w in plan.workshops if w.status != "cancelled")
        if scheduled >= prepared.problem.period.target:
            return _target_reason(cand, plan, prepared)
        return displaced(
            rid,
            "time-limit",
            "the solver stopped at its time limit before fitting it in; a longer time limit may place it",
        )
    return _busy_reason(cand, fit, own)


def explain_prepared(prepared: Prepared, plan: Plan) -> list[Unscheduled]:
    """A reason for every request of the problem that has no workshop in the plan, in request order."""
    planned = {w.request for w in plan.workshops}
    fit = _Fit(prepared, plan)
    reasons: list[Unscheduled] = []
    for request in prepared.problem.requests:
        if request.id in planned or request.id in prepared.locked_requests:
            continue
        reason = _static_reason(request, prepared)
        if reason is None:
            reason = _dynamic_reason(prepared.candidates[request.id], plan, prepared, fit)
        reasons.append(reason)
    return reasons


def explain(problem: PlanningProblem, plan: Plan) -> list[Unscheduled]:
    """Why each request of the problem is not in the plan: impossible (which rule) or displaced (by what)."""
    return explain_prepared(prepare(problem), plan)
