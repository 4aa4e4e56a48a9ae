"""Declarations of period planning: trainers, requests, the period, and the plan that comes out.

Inputs (`Trainer`, `Request`, `Period`) are frozen and reject unknown keys, like every data file. Outputs
(`Workshop`, `Unscheduled`, `Plan`) have the JSON shape of SPEC section 4; keys may be added, never renamed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from curriculum.emails import Email
from curriculum.models import Audience, Expertise, Frozen, Identifier, Language
from scheduler.statuses import WorkshopStatus

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _check_country(value: str) -> str:
    from curriculum.timezones import is_country

    if not _COUNTRY.match(value) or not is_country(value):
        from curriculum.countries import country_expected

        raise ValueError(country_expected(value))
    return value


def _check_zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("an IANA time zone such as Europe/Kyiv or America/La_Paz") from None
    return value


_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
LANGUAGE_CODE_EXPECTED = "an ISO 639-1 language code in lower case known to CLDR, such as uk or pt"


def _check_language_code(value: str) -> str:
    """Any ISO 639-1 code CLDR names (uk, pt, ro ...): participants may read languages the catalogue lacks."""
    from curriculum.names import language_name

    if not _LANGUAGE_CODE.match(value) or language_name(value) == value:
        raise ValueError(LANGUAGE_CODE_EXPECTED)
    return value


Country = Annotated[str, AfterValidator(_check_country)]
TimeZone = Annotated[str, AfterValidator(_check_zone)]
LanguageCode = Annotated[str, AfterValidator(_check_language_code)]
"""A language participants read: any ISO 639-1 code, not only the six languages of the catalogue."""


class DateRange(Frozen):
    """Inclusive range of days, written in YAML as {from: 2026-03-01, to: 2026-03-10}."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    first: date = Field(alias="from")
    last: date = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.last < self.first:
            raise ValueError("'to' on or after 'from'")
        return self

    def overlaps(self, first: date, last: date) -> bool:
        """Whether this range shares a day with [first, last]."""
        return self.first <= last and first <= self.last


class Trainer(Frozen):
    """A member of the trainer pool."""

    id: Identifier
    name: str = Field(min_length=1, max_length=200)
    expertise: list[Expertise] = Field(min_length=1)
    languages: list[Language] = Field(min_length=1)
    home: Country
    home_city: str | None = Field(default=None, min_length=1, max_length=120)
    """Where the trainer's trips start and end; the capital of `home` when not given (SPEC 4)."""
    max_workshops: int = Field(default=6, ge=0, le=100)
    travel_days: int = Field(default=1, ge=0, le=5)
    unavailable: list[DateRange] = []
    trained_at: Identifier | None = None
    """The ToT workshop where this trainer was trained, for the cascade count."""
    email: Email | None = None


class Window(Frozen):
    """The days a requested workshop may run in, inclusive."""

    earliest: date
    latest: date

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.latest < self.earliest:
            raise ValueError("'latest' on or after 'earliest'")
        return self


class Request(Frozen):
    """A country's request for one workshop of a programme."""

    id: Identifier
    country: Country
    city: str = Field(min_length=1, max_length=120)
    tz: TimeZone | None = None
    programme: Identifier
    language: Language
    audiences: list[Audience] = Field(min_length=1)
    participants: int = Field(ge=1, le=1000)
    window: Window
    preferred_start: date | None = None
    priority: int = Field(ge=1, le=5)
    regional: list[Country] = []
    partner: str | None = Field(default=None, max_length=200)
    avoid: list[Literal["ramadan"]] = []
    interpretation: bool = False
    """The host provides interpreters: the team need not speak `language` (SPEC 4); see `interpreted_pairs`."""
    participant_languages: list[LanguageCode] = []
    """Languages the participants read when they differ from the workshop's `language` (uk, pt ...)."""

    @model_validator(mode="after")
    def _preferred_in_window(self) -> Request:
        preferred = self.preferred_start
        if preferred is not None and not self.window.earliest <= preferred <= self.window.latest:
            raise ValueError("preferred_start inside the window")
        return self

    def other_languages(self) -> list[str]:
        """The participant languages other than the workshop's, each once, in the order given."""
        return [code for code in dict.fromkeys(self.participant_languages) if code != self.language]

    def interpreted_pairs(self) -> list[tuple[str, str]]:
        """(workshop language, participant language) for each pair the interpreters bridge; none without them.

        `interpretation` stays a yes/no for the planner (the team may lack the workshop's language); the
        pair it names comes from the two language fields, so documents can say "English-Ukrainian".
        """
        return [(self.language, code) for code in self.other_languages()] if self.interpretation else []

    def zone(self) -> str | None:
        """The IANA zone the workshop runs in; None when the request must name its `tz`.

        `tz`, else the one its country or city settles through its window (`curriculum.timezones.settled_zone`,
        the resolver every document uses).
        """
        from curriculum.timezones import settled_zone

        return self.tz or settled_zone(self.country, self.city, (self.window.earliest, self.window.latest))


class Period(Frozen):
    """The reporting period being planned, from `[period]` in tiptrain.toml."""

    start: date
    end: date
    target: int = Field(default=23, ge=0, le=10_000)
    blackouts: list[tuple[date, date]] = []

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("'end' on or after 'start'")
        for first, last in self.blackouts:
            if last < first:
                raise ValueError("blackouts as [first, last] with last on or after first")
        return self


class Workshop(BaseModel):
    """A scheduled workshop: a request placed on dates with a team."""

    model_config = ConfigDict(frozen=True)

    id: str
    request: str
    country: str
    city: str
    programme: str
    language: str
    start: date
    end: date
    days: list[date]
    trainers: list[str]
    status: WorkshopStatus = "planned"
    tz: str | None = None
    priority: int | None = None
    sequence: int = 0


class Unscheduled(BaseModel):
    """A request left out of the plan, and why, in words a coordinator understands."""

    model_config = ConfigDict(frozen=True)

    request: str
    kind: Literal["impossible", "displaced"]
    reason: str
    rule: str | None = None
    """Short name of the rule that excluded it, for filtering (e.g. 'no-dates', 'no-trainer', 'target')."""
    by: list[str] = []
    """Workshops that hold what it needed, when displaced."""


SolverStatus = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN", "MODEL_INVALID"]


class Phase(BaseModel):
    """One step of the lexicographic solve (SPEC 4): its goal, how it ended, objective, bound, gap, seconds.

    Objective and bound are in the phase's own unit: priority points, changes, km (plus days off the preferred
    dates at `km_per_preferred_day` each) or load units.
    """

    model_config = ConfigDict(frozen=True)

    name: str
    status: SolverStatus
    objective: float
    bound: float
    gap: float
    seconds: float


class SolverInfo(BaseModel):
    """How the solver ended: status, objective, bound, gap and wall time of the priority phase; every phase.

    `phases` lists the steps of the lexicographic solve in order (priority first).
    """

    model_config = ConfigDict(frozen=True)

    status: SolverStatus
    objective: float
    bound: float
    gap: float
    seconds: float
    phases: list[Phase] = []


class Leg(BaseModel):
    """One flight (or drive) of a trainer: from where to where, how far, and on which day it is flown."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    origin: str
    destination: str
    km: int
    day: date
    after: str | None = None
    """The workshop the trainer leaves (None when leaving home)."""
    before: str | None = None
    """The workshop the trainer goes to (None when going home)."""

    def label(self) -> str:
        """'Dakar -> Bamako', as the trainer's calendar shows a travel day."""
        return f"{self.origin} -> {self.destination}"


class TrainerTrips(BaseModel):
    """A trainer's legs in order, and how many trips (departures from home) they make."""

    model_config = ConfigDict(frozen=True)

    trainer: str
    trips: int
    km: int
    days_away: int
    legs: list[Leg]


class TravelSummary(BaseModel):
    """The plan's travel: kilometres, legs flown (km > 0), trips from home and days away from home."""

    model_config = ConfigDict(frozen=True)

    km: int = 0
    legs: int = 0
    trips: int = 0
    days_away: int = 0


class PeriodSummary(BaseModel):
    """The period as printed at the top of a plan."""

    model_config = ConfigDict(frozen=True)

    start: date
    end: date
    target: int


class Plan(BaseModel):
    """The result of planning a period: scheduled workshops, left-out requests, how the solver did."""

    model_config = ConfigDict(frozen=True)

    period: PeriodSummary
    workshops: list[Workshop]
    unscheduled: list[Unscheduled]
    solver: SolverInfo
    travel: TravelSummary = TravelSummary()
    trips: list[TrainerTrips] = []
    """Per trainer who flies, the legs in order with their km (`scheduler.travel`)."""
