"""Declarations of the curriculum: units, programmes and the catalogue that holds them.

Models stay declarations: frozen, unknown keys rejected, no behaviour beyond look-ups. Logic that reads
them (agenda building, cross-checks) lives in pure functions beside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import time
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

Text = TypeVar("Text")

LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")
"""The six UN languages, in code order. English is the reference text of every unit."""

AUDIENCES: tuple[str, ...] = (
    "police",
    "border-guards",
    "immigration",
    "labour-inspectors",
    "consular",
    "prosecutors",
    "judges",
    "coordinators",
    "victim-services",
    "ngo",
)
EXPERTISE: tuple[str, ...] = (
    "law-enforcement",
    "criminal-justice",
    "judiciary",
    "psychology",
    "victim-support",
    "legislative-drafting",
)

Language = Literal["ar", "en", "es", "fr", "ru", "zh"]
Audience = Literal[
    "police",
    "border-guards",
    "immigration",
    "labour-inspectors",
    "consular",
    "prosecutors",
    "judges",
    "coordinators",
    "victim-services",
    "ngo",
]
Expertise = Literal[
    "law-enforcement",
    "criminal-justice",
    "judiciary",
    "psychology",
    "victim-support",
    "legislative-drafting",
]
Source = Literal["first-aid-kit", "manual", "custom"]
ActivityKind = Literal["lecture", "case-study", "role-play", "exercise", "discussion"]
MaterialKind = Literal["case-study", "fact-pattern", "role-play", "form", "checklist"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError("an id of letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)")
    return value


Identifier = Annotated[str, AfterValidator(_check_id)]


def _needs_english(value: dict[str, object]) -> dict[str, object]:
    if "en" not in value:
        raise ValueError("an English ('en') text; other languages are optional")
    return value


LocalText = Annotated[dict[Language, Annotated[str, Field(min_length=1)]], AfterValidator(_needs_english)]
"""A text per language code; English is required and is what other languages fall back to."""
LocalList = Annotated[dict[Language, list[Annotated[str, Field(min_length=1)]]], AfterValidator(_needs_english)]
"""A list of texts per language code (objectives, key points); English required."""


class Frozen(BaseModel):
    """Base of every declaration: immutable, and unknown keys are an error rather than ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Facilitation(Frozen):
    """The trainer's notes for a unit: what to prepare, what to ask, what tends to go wrong.

    Printed only in the facilitator guide (the steps are the unit's activities, with their minutes);
    English required, other languages drafts like the rest.
    """

    questions: LocalList | None = None
    """Questions to put to the group."""
    difficulties: LocalList | None = None
    """Common difficulties, each with what to do about it."""
    prepare: LocalList | None = None
    """Room, equipment and anything to set up beyond the printed materials."""


class Activity(Frozen):
    """One thing participants do during a unit, with its share of the unit's time."""

    kind: ActivityKind
    minutes: int = Field(gt=0, le=600)
    description: LocalText
    materials: list[Identifier] = []
    """Ids of the materials this activity uses; each one listed in its unit's `materials:` too."""
    teach_back: bool = False
    """A round of trainees' practice delivery: the guide's teach-back plan puts trainees into these."""


class FormLayout(Frozen):
    """What a printable form holds: labelled lines to write on, then a table of blank rows."""

    fields: list[LocalText] = []
    columns: list[LocalText] = Field(default=[], max_length=8)
    rows: int = Field(default=0, ge=0, le=40)

    @model_validator(mode="after")
    def _something_to_fill_in(self) -> FormLayout:
        if not self.fields and not self.columns:
            raise ValueError("fields or columns to fill in")
        if bool(self.columns) != bool(self.rows):
            raise ValueError("columns and a number of rows together")
        return self


class Material(Frozen):
    """A case study, fact patterns, role-play brief, form or checklist that an activity hands out or uses.

    `audience` says who reads it: participant materials are printed in the participant pack after their
    unit's handout, trainer materials (model answers, role briefs the trainer plays) only in the guide.
    The body is plain text: paragraphs separated by a blank line, lines starting with "- " are a list.
    """

    id: Identifier
    kind: MaterialKind
    audience: Literal["participant", "trainer"]
    title: LocalText
    body: LocalText
    form: FormLayout | None = None
    translation: Literal["draft", "reviewed"] = "draft"

    @model_validator(mode="after")
    def _forms_have_a_layout(self) -> Material:
        if (self.kind == "form") != (self.form is not None):
            raise ValueError("a `form:` layout on materials of kind 'form', and only on them")
        return self


Letter = Literal["a", "b", "c", "d"]
LETTERS: tuple[Letter, ...] = ("a", "b", "c", "d")
"""The choices of every multiple-choice question, in printed order (SPEC 10)."""

_QUESTION_ID = re.compile(r"^Q-(?P<unit>[A-Za-z0-9][A-Za-z0-9_.-]*)-(?P<number>[1-9][0-9]*)$")


class Question(Frozen):
    """A multiple-choice question of a unit's bank: four choices a-d, exactly one of them right.

    Ids are `Q-<unit>-<n>` (SPEC 10) so that an answer sheet's column names the unit it tests; the unit
    that holds the question checks the prefix. Texts follow the unit's languages, English required.
    """

    id: str
    text: LocalText
    choices: dict[Letter, LocalText]
    answer: Letter

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _QUESTION_ID.match(value):
            raise ValueError("a question id Q-<unit>-<n>, such as Q-FAK-1-1")
        return value

    @field_validator("choices")
    @classmethod
    def _four_choices(cls, value: dict[str, object]) -> dict[str, object]:
        if sorted(value) != list(LETTERS):
            raise ValueError("four choices, a, b, c and d")
        return value

    def unit_id(self) -> str:
        """The unit this question tests, read from its id."""
        match = _QUESTION_ID.match(self.id)
        assert match is not None  # the id was checked on construction
        return match["unit"]


class Unit(Frozen):
    """One module of the Manual, one unit of the First Aid Kit, or a custom unit."""

    id: Identifier
    source: Source
    number: int | None = Field(default=None, ge=0)
    title: LocalText
    title_status: Literal["published", "working"] = "working"
    summary: LocalText
    minutes: int = Field(gt=0, le=24 * 60)
    topics: list[Identifier] = Field(min_length=1)
    audiences: list[Audience] = Field(min_length=1)
    objectives: LocalList
    key_points: LocalList
    activities: list[Activity] = Field(min_length=1)
    prerequisites: list[Identifier] = []
    translation: Literal["draft", "reviewed"] = "draft"
    questions: list[Question] = []
    """The unit's question bank for pre- and post-tests (SPEC 10); ids Q-<this unit's id>-<n>, each once."""
    materials: list[Identifier] = []
    """Ids of the unit's materials in printing order; its activities name the ones they use."""
    facilitation: Facilitation | None = None
    """The trainer's notes for the unit as a whole (questions to ask, difficulties), for the guide."""

    @field_validator("objectives")
    @classmethod
    def _three_to_five_objectives(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if not 3 <= len(value["en"]) <= 5:
            raise ValueError("3 to 5 learning objectives in English")
        return value

    @model_validator(mode="after")
    def _id_matches_source(self) -> Unit:
        if self.id.startswith("FAK-") and self.source != "first-aid-kit":
            raise ValueError("ids FAK-n belong to source 'first-aid-kit'")
        if self.id.startswith("MAN-") and self.source != "manual":
            raise ValueError("ids MAN-nn belong to source 'manual'")
        return self

    @model_validator(mode="after")
    def _questions_are_the_units(self) -> Unit:
        seen: set[str] = set()
        for question in self.questions:
            if question.unit_id() != self.id:
                raise ValueError(f"question ids Q-{self.id}-<n> in unit {self.id} (got {question.id})")
            if question.id in seen:
                raise ValueError(f"each question id once (question {question.id} is listed twice)")
            seen.add(question.id)
        return self

    @model_validator(mode="after")
    def _activity_materials_are_the_units(self) -> Unit:
        for number, activity in enumerate(self.activities):
            for material in activity.materials:
                if material not in self.materials:
                    raise ValueError(
                        f"activity {number} names material {material!r}: list it under the unit's `materials:` too"
                    )
        return self

    @model_validator(mode="after")
    def _activities_fill_the_unit(self) -> Unit:
        total = sum(a.minutes for a in self.activities)
        if total != self.minutes:
            raise ValueError(f"activities that add up to the unit's {self.minutes} minutes (they add up to {total})")
        return self

    def text(self, field: Literal["title", "summary"], lang: str) -> tuple[str, bool]:
        """The field in `lang`, or in English; the flag says whether English stood in."""
        values: dict[str, str] = getattr(self, field)
        return (values[lang], False) if lang in values else (values["en"], lang != "en")


class Pause(Frozen):
    """A fixed pause in a workshop day: a coffee break or lunch, at a clock time."""

    at: time
    minutes: int = Field(gt=0, le=180)


class DayShape(Frozen):
    """The clock of a workshop day and the fixed sessions that open and close a workshop."""

    start: time = time(9, 0)
    end: time = time(17, 0)
    lunch: Pause = Pause(at=time(12, 30), minutes=60)
    breaks: list[Pause] = [Pause(at=time(10, 30), minutes=15), Pause(at=time(15, 15), minutes=15)]
    opening_minutes: int = Field(default=30, ge=0, le=240)
    pre_test_minutes: int = Field(default=20, ge=0, le=240)
    post_test_minutes: int = Field(default=20, ge=0, le=240)
    closing_minutes: int = Field(default=30, ge=0, le=240)

    @model_validator(mode="after")
    def _pauses_inside_the_day(self) -> DayShape:
        if self.end <= self.start:
            raise ValueError("a day whose end comes after its start")
        pauses = sorted([self.lunch, *self.breaks], key=lambda p: p.at)
        previous_end = _minutes(self.start)
        for pause in pauses:
            begin = _minutes(pause.at)
            if begin < previous_end or begin + pause.minutes > _minutes(self.end):
                raise ValueError(f"pauses that do not overlap and lie inside {self.start:%H:%M}-{self.end:%H:%M}")
            previous_end = begin + pause.minutes
        return self

    def pauses(self) -> list[Pause]:
        """Lunch and breaks in clock order."""
        return sorted([self.lunch, *self.breaks], key=lambda p: p.at)


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


class Participants(Frozen):
    """How many people a workshop is for."""

    min: int = Field(ge=1, le=1000)
    max: int = Field(ge=1, le=1000)

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Participants:
        if self.min > self.max:
            raise ValueError("min not above max")
        return self


class Programme(Frozen):
    """A workshop format: its units in teaching order, its days, its day shape and the team it needs."""

    id: Identifier
    title: LocalText
    summary: LocalText | None = None
    days: int = Field(ge=1, le=30)
    units: list[Identifier] = Field(min_length=1)
    day: DayShape = DayShape()
    team: dict[Expertise, Annotated[int, Field(ge=1, le=5)]] = Field(min_length=1)
    audiences: list[Audience] = Field(min_length=1)
    participants: Participants
    translation: Literal["draft", "reviewed"] = "draft"
    trains_trainers: bool = False
    """A training of trainers (ToT): people trained at its delivered workshops start the cascade (SPEC 6)."""

    @field_validator("units")
    @classmethod
    def _units_once(cls, value: list[str]) -> list[str]:
        seen: set[str] = set()
        for unit in value:
            if unit in seen:
                raise ValueError(f"each unit once (unit {unit} is listed twice)")
            seen.add(unit)
        return value

    def team_slots(self) -> list[Expertise]:
        """One entry per trainer needed, in a fixed order: law-enforcement 1, psychology 1 -> two slots."""
        return [expertise for expertise in EXPERTISE if expertise in self.team for _ in range(self.team[expertise])]


class Catalogue(Frozen):
    """All units and programmes known to a workspace: the bundled ones plus any extra folders."""

    units: dict[str, Unit]
    programmes: dict[str, Programme]
    materials: dict[str, Material] = {}

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id, or UnknownUnit naming the closest ids."""
        from curriculum.errors import UnknownUnit

        if unit_id not in self.units:
            raise UnknownUnit(f"no unit {unit_id!r} in the catalogue; known: {', '.join(sorted(self.units))}")
        return self.units[unit_id]

    def programme(self, programme_id: str) -> Programme:
        """The programme with this id, or UnknownProgramme listing the known ones."""
        from curriculum.errors import UnknownProgramme

        if programme_id not in self.programmes:
            known = ", ".join(sorted(self.programmes))
            raise UnknownProgramme(f"no programme {programme_id!r} in the catalogue; known: {known}")
        return self.programmes[programme_id]

    def materials_of(self, unit: Unit, audience: str | None = None) -> list[Material]:
        """The unit's materials in its order, only those for `audience` when given."""
        found = [self.materials[m] for m in unit.materials if m in self.materials]
        return [m for m in found if audience is None or m.audience == audience]

    def filter_units(
        self,
        source: str | None = None,
        audience: str | None = None,
        topic: str | None = None,
    ) -> list[Unit]:
        """Units matching every given criterion, in catalogue order (source, then number, then id)."""
        chosen: Iterable[Unit] = self.units.values()
        if source is not None:
            chosen = [u for u in chosen if u.source == source]
        if audience is not None:
            chosen = [u for u in chosen if audience in u.audiences]
        if topic is not None:
            chosen = [u for u in chosen if topic in u.topics]
        return sorted(chosen, key=unit_order)


def in_language(texts: Mapping[Any, Text], lang: str) -> Text:
    """The entry of a per-language mapping for `lang`, or the English one, which every text has."""
    return texts[lang] if lang in texts else texts["en"]


def unit_order(unit: Unit) -> tuple[int, int, str]:
    """Sort key: First Aid Kit, then Manual, then custom units; by number, then id."""
    rank = {"first-aid-kit": 0, "manual": 1, "custom": 2}[unit.source]
    return rank, unit.number if unit.number is not None else 10_000, unit.id
