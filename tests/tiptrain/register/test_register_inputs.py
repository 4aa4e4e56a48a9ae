"""Requests and trainers in the register: exact round trips, imports, review and availability, on both backends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import inspect

from curriculum.errors import InvalidInput, UsageError
from scheduler.models import Request, Trainer
from tiptrain.inputs_sync import planning_inputs
from tiptrain.register.api import Register
from tiptrain.register.inputs import REQUEST_FIELDS, TRAINER_FIELDS, Changes, upsert_requests, upsert_trainers
from tiptrain.register.orm_inputs import RequestRow, TrainerRow
from tiptrain.register.requests_review import (
    accept,
    decline,
    propose_request,
    requests,
    set_unavailable,
    unavailable,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def request(request_id: str = "ml-bamako", **changes: Any) -> Request:
    values: dict[str, Any] = {
        "id": request_id,
        "country": "ML",
        "city": "Bamako",
        "programme": "first-responders-1d",
        "language": "fr",
        "audiences": ["police"],
        "participants": 15,
        "window": {"earliest": date(2027, 3, 1), "latest": date(2027, 3, 12)},
        "priority": 3,
    }
    return Request.model_validate(values | changes)


def full_request() -> Request:
    """A request with every optional field given, none at its default."""
    return request(
        "sn-dakar",
        country="SN",
        city="Dakar",
        tz="Africa/Dakar",
        audiences=["police", "prosecutors"],
        preferred_start=date(2027, 3, 3),
        regional=["ML", "GN"],
        partner="Invented Partner Network",
        avoid=["ramadan"],
        interpretation=True,
    )


def trainer(trainer_id: str = "t-awa", **changes: Any) -> Trainer:
    values: dict[str, Any] = {
        "id": trainer_id,
        "name": "Awa Invented-Diallo",
        "expertise": ["law-enforcement"],
        "languages": ["fr"],
        "home": "ML",
    }
    return Trainer.model_validate(values | changes)


def full_trainer() -> Trainer:
    return trainer(
        "t-omar",
        name="Omar Made-Up",
        expertise=["criminal-justice", "psychology"],
        languages=["ar", "en"],
        home="JO",
        home_city="Irbid",
        max_workshops=3,
        travel_days=2,
        unavailable=[
            {"from": date(2027, 1, 4), "to": date(2027, 1, 8)},
            {"from": date(2027, 5, 1), "to": date(2027, 5, 1)},
        ],
        trained_at="W-jo-amman-tot",
        email="omar@example.org",
    )


def load(
    register: Register, trainers: Sequence[Trainer] = (), requests_: Sequence[Request] = (), replace: bool = False
) -> tuple[Changes, Changes]:
    """Import trainers and requests as one file import does: one transaction, the change lists."""
    with register.transaction(write=True) as session:
        return (
            upsert_trainers(session, trainers, now=NOW, replace=replace),
            upsert_requests(session, requests_, now=NOW, replace=replace),
        )


def test_inputs_round_trip_every_field_exactly(register: Register) -> None:
    stored_trainers, stored_requests = [full_trainer(), trainer()], [full_request(), request()]
    load(register, stored_trainers, stored_requests)

    assert planning_inputs(register) == (stored_trainers, stored_requests)


def test_inputs_tables_have_a_column_for_every_model_field(register: Register) -> None:
    register.workshops()  # migrated
    columns = {
        table: {c["name"] for c in inspect(register.engine).get_columns(table)} for table in ("requests", "trainers")
    }

    assert set(REQUEST_FIELDS) - columns["requests"] == set()
    assert set(TRAINER_FIELDS) - columns["trainers"] == set()
    assert {RequestRow.__tablename__, TrainerRow.__tablename__} == {"requests", "trainers"}


def test_import_again_reports_changed_fields_and_keeps_absent_ones(register: Register) -> None:
    load(register, [trainer(), full_trainer()], [request(), full_request()])

    trainers_changes, requests_changes = load(
        register,
        [trainer(max_workshops=2, unavailable=[{"from": date(2027, 2, 1), "to": date(2027, 2, 2)}])],
        [request(priority=5)],
    )

    assert trainers_changes.changed == {"t-awa": ["max_workshops", "unavailable"]}
    assert trainers_changes.kept == ["t-omar"]
    assert requests_changes.changed == {"ml-bamako": ["priority"]}
    assert requests_changes.kept == ["sn-dakar"]
    assert [t.id for t in planning_inputs(register)[0]] == ["t-awa", "t-omar"]


def test_import_with_replace_removes_what_the_file_does_not_list(register: Register) -> None:
    load(register, [trainer(), full_trainer()], [request(), full_request()])

    trainers_changes, requests_changes = load(register, [trainer()], [request()], replace=True)

    assert (trainers_changes.removed, requests_changes.removed) == (["t-omar"], ["sn-dakar"])
    assert planning_inputs(register) == ([trainer()], [request()])


def test_review_proposed_request_is_planned_only_once_accepted(register: Register) -> None:
    load(register, [trainer()], [request()])
    propose_request(register, request("ml-segou", city="Segou"), by="office-ml", countries={"ML"})
    waiting = [r.id for r in planning_inputs(register)[1]]

    done = accept(register, "ml-segou", by="coordinator", priority=5)

    assert waiting == ["ml-bamako"]
    assert (done.status, done.request.priority, done.reviewed_by) == ("accepted", 5, "coordinator")
    assert [r.id for r in planning_inputs(register)[1]] == ["ml-bamako", "ml-segou"]


def test_review_office_may_propose_only_for_its_countries(register: Register) -> None:
    with pytest.raises(UsageError) as refused:
        propose_request(register, full_request(), by="office-ml", countries={"ML"})

    assert str(refused.value) == "office-ml may propose requests only for their countries (ML), not SN"
    assert requests(register) == []


def test_review_decline_needs_a_reason_and_the_office_reads_it(register: Register) -> None:
    propose_request(register, request(), by="office-ml", countries={"ML"})

    with pytest.raises(UsageError) as refused:
        decline(register, "ml-bamako", reason="  ", by="coordinator")
    decline(register, "ml-bamako", reason="No trainer speaks Bambara this period", by="coordinator")

    assert str(refused.value) == "declining ml-bamako needs a reason the office can read"
    seen = requests(register, countries={"ML"})
    assert [(r.request.id, r.status, r.decline_reason, r.proposed_by) for r in seen] == [
        ("ml-bamako", "declined", "No trainer speaks Bambara this period", "office-ml")
    ]
    assert planning_inputs(register)[1] == []


def test_import_keeps_a_decline_made_in_review(register: Register) -> None:
    load(register, [], [request()])
    decline(register, "ml-bamako", reason="Host withdrew", by="coordinator")

    _, changes = load(register, [], [request()])

    assert changes.unchanged == ["ml-bamako"]
    assert [r.status for r in requests(register)] == ["declined"]


def test_availability_replaces_the_trainers_ranges(register: Register) -> None:
    load(register, [full_trainer()], [])

    stored = set_unavailable(register, "t-omar", [(date(2027, 3, 2), date(2027, 3, 4))], by="t-omar", today=TODAY)

    assert stored == [(date(2027, 3, 2), date(2027, 3, 4))]
    assert unavailable(register, "t-omar") == stored
    assert planning_inputs(register)[0][0].unavailable[0].first == date(2027, 3, 2)


def test_availability_refuses_bad_ranges_and_changes_nothing(register: Register) -> None:
    load(register, [full_trainer()], [])
    before = unavailable(register, "t-omar")
    bad = [(date(2027, 3, 4), date(2027, 3, 2)), (date(2207, 1, 1), date(2207, 1, 2))]

    with pytest.raises(InvalidInput) as refused:
        set_unavailable(register, "t-omar", bad, by="t-omar", today=TODAY)

    assert [(p.field, p.value) for p in refused.value.problems] == [
        ("range 1", "2027-03-04..2027-03-02"),
        ("range 2", "2207-01-01..2207-01-02"),
    ]
    assert unavailable(register, "t-omar") == before


def test_planning_refuses_an_accepted_request_for_a_programme_the_catalogue_lacks(register: Register) -> None:
    from curriculum.catalogue import load_catalogue

    propose_request(register, request("ml-odd", programme="no-such-programme"), by="office-ml", countries={"ML"})
    accept(register, "ml-odd", by="coordinator")

    with pytest.raises(InvalidInput) as refused:
        planning_inputs(register, load_catalogue())

    assert [(p.file, p.field, p.value) for p in refused.value.problems] == [
        ("register", "requests.ml-odd.programme", "no-such-programme")
    ]


def test_review_listing_for_an_office_shows_only_its_countries(register: Register) -> None:
    load(register, [], [request(), full_request()])

    seen = [r.request.id for r in requests(register, countries={"SN"})]

    assert (seen, [r.request.id for r in requests(register)]) == (["sn-dakar"], ["ml-bamako", "sn-dakar"])
