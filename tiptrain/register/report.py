"""The period report: what was delivered between two dates, computed from workshops and their rosters.

Pure functions over models: the register loads what is needed in one read transaction and hands it here.
Definitions (SPEC 6): a workshop counts when it was delivered and its first day lies in the range; its
countries are the host, the request's regional countries and the participants' nationalities; a
participant is a roster row present on at least one day; a certificate goes to those present on at least
`threshold` of the days; the cascade counts workshops in the range led by a trainer who was trained at an
earlier delivered ToT workshop.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from curriculum.models import Catalogue
from exports.models import FormAnswer, Participant, PeriodReport
from scheduler.models import Request, Trainer, Workshop
from scheduler.travel import MAX_GAP_DAYS, plan_trips
from tiptrain.register import donor
from tiptrain.register.learning import Answer, learning_fields
from tiptrain.register.reaction import reaction

CO2_KG_PER_KM = 0.15
"""kg CO2e per passenger-km flown, unverified: a secondary source gives 0.150 for a long-haul economy flight
with radiative forcing in the UK government's 2024 conversion factors (DESNZ); an estimate, see README."""


@dataclass(frozen=True)
class ReportInput:
    """Everything a report is computed from."""

    first: date
    last: date
    delivered: Sequence[tuple[Workshop, Sequence[Participant]]]
    """Delivered workshops starting in the range, each with its roster."""
    planned: int = 0
    cancelled: int = 0
    topics_by_programme: Mapping[str, Sequence[str]] = field(default_factory=dict)
    trained: Mapping[str, date] = field(default_factory=dict)
    """Trainer id -> first day of the earliest delivered ToT workshop where they were trained."""
    threshold: float = 0.8
    programme_name: str = ""
    trainers: Sequence[Trainer] = ()
    """The trainer pool, for the km of trips; none: no travel figures."""
    max_gap_days: int = MAX_GAP_DAYS
    answers: Sequence[Answer] = ()
    """The answer sheets' answers of the delivered workshops' participants (tiptrain.register.learning)."""
    evaluations: Sequence[FormAnswer] = ()
    """The anonymous evaluation answers of the delivered workshops."""
    requests: Mapping[str, Request] = field(default_factory=dict)
    """Request id -> request, for the donor table's partner and regional countries."""
    targets: Mapping[str, float | None] = field(default_factory=dict)
    """Indicator name -> target, from `[indicators]` in tiptrain.toml."""


def trainer_training_programmes(catalogue: Catalogue | None) -> tuple[str, ...]:
    """Ids of the catalogue's programmes that train trainers (`trains_trainers`), sorted; none without one.

    ToT-ness is a property of the programme in the catalogue, so a workspace's own ToT programme counts in
    the cascade just like the bundled `tot-5d`.
    """
    if catalogue is None:
        return ()
    return tuple(sorted(key for key, programme in catalogue.programmes.items() if programme.trains_trainers))


def programme_topics(catalogue: Catalogue) -> dict[str, list[str]]:
    """Programme id -> the topics its units cover, each once, sorted."""
    return {
        programme.id: sorted(
            {
                topic
                for unit_id in programme.units
                if unit_id in catalogue.units
                for topic in catalogue.units[unit_id].topics
            }
        )
        for programme in catalogue.programmes.values()
    }


def compute_report(data: ReportInput) -> PeriodReport:
    """The figures of SPEC 6 for the delivered workshops of `data`."""
    workshops = [workshop for workshop, _ in data.delivered]
    rows = [person for _, roster in data.delivered for person in roster]
    present = [person for person in rows if person.attended()]
    countries = {w.country for w in workshops} | regional_countries(data) | {person.country for person in present}
    return PeriodReport(
        from_=data.first,
        to=data.last,
        programme_name=data.programme_name,
        workshops_delivered=len(workshops),
        workshops_planned=data.planned,
        workshops_cancelled=data.cancelled,
        countries=sorted(countries),
        participants=len(present),
        by_profession=_count(person.profession for person in present),
        by_sex=_count(person.sex for person in present),
        by_programme=_count(w.programme for w in workshops),
        by_country=_count(w.country for w in workshops),
        by_month=_count(f"{w.start:%Y-%m}" for w in workshops),
        topics=_count(topic for w in workshops for topic in data.topics_by_programme.get(w.programme, ())),
        attendance_rate=attendance_rate(rows),
        average_test_gain=average_gain(present),
        certificates=sum(person.earns_certificate(data.threshold) for person in rows),
        cascade=len(cascade(workshops, data.trained)),
        **travel_figures(workshops, data.trainers, data.max_gap_days),
        reaction=reaction(data.evaluations),
        **_donor_tables(data, present),
        **learning_fields(data.answers, {w.id: w.programme for w in workshops}),
    )


def regional_countries(data: ReportInput) -> set[str]:
    """The other participating countries (`regional`) of the delivered workshops' requests.

    A regional workshop reaches them even when no roster row names them (a roster may leave out the
    nationality), so the period's countries count them as the per-workshop rows do.
    """
    requests = [data.requests.get(workshop.request) for workshop, _ in data.delivered]
    return {code for request in requests if request is not None for code in request.regional}


def _donor_tables(data: ReportInput, present: Sequence[Participant]) -> dict[str, object]:
    """The SPEC 10 donor tables: delivered workshops, profession x sex, nationality, indicators."""
    return {
        "workshops": donor.delivered_rows(data.delivered, data.requests),
        "by_profession_sex": donor.by_profession_sex(present),
        "by_nationality": donor.by_nationality(present),
        "indicators": donor.indicators(present, len(data.delivered), data.targets),
    }


def _count(values: Iterable[str]) -> dict[str, int]:
    """Value -> count, keys sorted so that reports are stable."""
    return dict(sorted(Counter(values).items()))


def attendance_rate(rows: Sequence[Participant]) -> float:
    """Present person-days over roster person-days (0 when there is no roster), to four places."""
    possible = sum(len(person.attendance) for person in rows)
    if not possible:
        return 0.0
    return round(sum(person.days_present() for person in rows) / possible, 4)


def average_gain(people: Sequence[Participant]) -> float | None:
    """Mean post-test minus pre-test score of those with both, to two places; None when nobody has both."""
    gains = [p.post_test - p.pre_test for p in people if p.pre_test is not None and p.post_test is not None]
    return round(sum(gains) / len(gains), 2) if gains else None


def cascade(workshops: Sequence[Workshop], trained: Mapping[str, date]) -> list[str]:
    """Ids of workshops led (in part) by a trainer trained at a ToT workshop that started before them."""
    return sorted(w.id for w in workshops if any(t in trained and trained[t] < w.start for t in w.trainers))


def travel_figures(workshops: Sequence[Workshop], trainers: Sequence[Trainer], max_gap_days: int) -> dict[str, float]:
    """The kilometres flown by the trainers for these workshops (SPEC 4 trips) and their estimated CO2e in tonnes.

    Empty without a trainer pool, so that a report made without one shows no travel figures.
    """
    if not trainers:
        return {}
    summary, _ = plan_trips(trainers, workshops, max_gap_days)
    return {"travel_km": summary.km, "co2_tonnes": round(summary.km * CO2_KG_PER_KM / 1000, 1)}
