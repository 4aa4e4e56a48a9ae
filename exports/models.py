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
    certified_trainer: bool | None = None
    """A ToT trainee's assessed practice delivery (the guide's rubric): certified or not; None: not assessed."""

    def days_present(self) -> int:
        return sum(self.attendance)

    def attended(self) -> bool:
        """A participant is someone present on at least one day (SPEC 6)."""
        return any(self.attendance)

    def earns_certificate(self, threshold: float = 0.8) -> bool:
        """Present on at least `threshold` of the days (80 % by default)."""
        return bool(self.attendance) and self.days_present() >= threshold * len(self.attendance) - 1e-9


class FormAnswer(Frozen):
    """One answer of an anonymous evaluation form: a unit id (or `overall`), a rating 1-5 and a comment.

    It names no participant and no form, by design (SPEC 10): nothing links it to a roster row.
    """

    unit: str = Field(min_length=1, max_length=64)
    rating: int | None = Field(default=None, ge=1, le=5)
    comment: str = Field(default="", max_length=2000)


class Reaction(Frozen):
    """What participants thought of one unit (or of the workshop `overall`): ratings given and their mean."""

    responses: int
    mean: float | None = None


class DeliveredWorkshop(Frozen):
    """One row of the donor table of delivered workshops."""

    id: str
    programme: str
    start: date
    end: date
    city: str
    country: str
    """The host country."""
    countries: list[str]
    """Participating countries: the host, the request's `regional` list and the participants' nationalities."""
    partner: str = ""
    participants: int
    by_sex: dict[str, int]


class Indicator(Frozen):
    """An indicator target from `[indicators]` in tiptrain.toml and whether the period met it."""

    target: float
    value: float | None = None
    met: bool | None = None
    """None when the period has nothing to measure it on (no participants, no post-test)."""
class LearningFigure(BaseModel):
    """Share of answers right before and after training, for the participants who sat both tests (SPEC 10)."""

    model_config = ConfigDict(frozen=True)

    participants: int
    """Participants behind the figure: those with a pre- and a post-test answer sheet."""
    pre: float
    """Share of answers right in the pre-test, 0 to 1."""
    post: float
    gain: float
    """post - pre, in shares (0.25 is 25 percentage points)."""


class ProgrammeLearning(LearningFigure):
    """A programme's learning: the mean of its participants' whole-test scores, and its weakest units."""

    weakest_units: list[str] = []
    """The programme's units with the lowest gain, lowest first."""


EASY_BEFORE = 0.8
"""A question most participants answer right before training (share right in the pre-test) is flagged."""
POOR_DISCRIMINATION = 0.2
"""An upper-lower discrimination index below this is poor (the classical bands: below 0.2, revise)."""
MASTERED = 0.9
"""A question at least this share of participants answers right after training is not flagged as poor."""
MIN_FLAG_PARTICIPANTS = 10
"""Fewer paired participants than this raise no flag: the 27 % groups would be two people or fewer."""


class QuestionFigure(LearningFigure):
    """One test question across the period: shares right before and after, and whether to revise it."""

    unit: str
    discrimination: float | None = None
    """Upper-lower 27 % discrimination index on the post-test; None with too few participants to say."""
    flags: list[str] = []
    """Why the question should be revised: `easy-before`, `discriminates-poorly`; empty when it is fine."""


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
    reaction: dict[str, Reaction] = {}
    """Unit id (or `overall`) -> ratings from the anonymous evaluation forms of the period's workshops."""
    workshops: list[DeliveredWorkshop] = []
    by_profession_sex: dict[str, dict[str, int]] = {}
    by_nationality: dict[str, int] = {}
    indicators: dict[str, Indicator] = {}
    """Indicator name (`women_share`, `participants_per_workshop`, `post_test_mean`) -> target and result."""
    learning: dict[str, LearningFigure] = {}
    """Unit id -> learning gain from the answer sheets of the period's workshops (SPEC 10)."""
    learning_programmes: dict[str, ProgrammeLearning] = {}
    """Programme id -> learning gain of its participants, with its weakest units."""
    weakest_units: list[str] = []
    """The units with the lowest learning gain across the period, lowest first."""
    questions: dict[str, QuestionFigure] = {}
    """Question id -> share right before and after, discrimination and revision flags."""
    cascade_trainers: dict[str, int] = {}
    """Country -> participants of the period's ToT workshops present enough days to be certified as trainers."""
    cascade_courses: dict[str, int] = {}
    """Country -> follow-on courses that ToT participants ran in the period (recorded with `cascade add`)."""
    cascade_reach: dict[str, int] = {}
    """Country -> people those follow-on courses reached: the programme's second generation."""
    certified_trainers: int = 0
    """Participants of the period's delivered ToT workshops whose roster marks them `certified_trainer` yes."""

    def as_json(self) -> dict[str, object]:
        """The SPEC 6 JSON shape, with `from` spelled as such."""
        return self.model_dump(mode="json", by_alias=True)
