"""Data the exports format, beyond plans and agendas: roster participants and the period report.

They live here, below the application, because documents are made from them and the dependency direction
is `tiptrain -> exports -> scheduler -> curriculum`; the register fills them, the exports print them.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from curriculum.emails import Email
from curriculum.models import Audience, Frozen

Sex = Literal["f", "m", "x"]


class Participant(Frozen):
    """One roster row: a person and the days they were present (True per workshop day)."""

    name: str = Field(min_length=1, max_length=200)
    organisation: str = Field(default="", max_length=200)
    profession: Audience
    sex: Sex
    country: str = Field(pattern=r"^[A-Z]{2}$")
    email: Email | None = None
    attendance: list[bool]
    pre_test: float | None = Field(default=None, ge=0, le=100)
    post_test: float | None = Field(default=None, ge=0, le=100)

    def days_present(self) -> int:
        return sum(self.attendance)

    def attended(self) -> bool:
        """A participant is someone present on at least one day (SPEC 6)."""
        return any(self.attendance)

    def earns_certificate(self, threshold: float = 0.8) -> bool:
        """Present on at least `threshold` of the days (80 % by default)."""
        return bool(self.attendance) and self.days_present() >= threshold * len(self.attendance) - 1e-9


class PeriodReport(BaseModel):
    """What a programme delivered in a date range: the figures a report like the 2012 one quotes."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    programme_name: str = ""
    workshops_delivered: int
    workshops_planned: int = 0
    workshops_cancelled: int = 0
    countries: list[str]
    participants: int
    by_profession: dict[str, int]
    by_sex: dict[str, int]
    by_programme: dict[str, int]
    by_country: dict[str, int] = {}
    by_month: dict[str, int] = {}
    topics: dict[str, int]
    """Topic -> number of delivered workshops that covered it."""
    attendance_rate: float
    average_test_gain: float | None = None
    certificates: int = 0
    cascade: int
    """Later workshops led by trainers who were trained in a ToT workshop."""
    travel_km: int | None = None
    """km the trainers flew for the delivered workshops, as SPEC 4 trips (None when the pool is unknown)."""
    co2_tonnes: float | None = None
    """Estimated CO2e of those km (`tiptrain.register.report.CO2_KG_PER_KM`), in tonnes."""

    def as_json(self) -> dict[str, object]:
        """The SPEC 6 JSON shape, with `from` spelled as such."""
        return self.model_dump(mode="json", by_alias=True)
