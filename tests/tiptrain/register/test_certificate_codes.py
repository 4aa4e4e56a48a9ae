"""Certificate codes in the register: issued once, kept across re-exports and roster replacements, verified."""

from __future__ import annotations

from datetime import UTC, date, datetime

from register_builders import person, plan, workshop

from exports.certcodes import ALPHABET, grouped, normalise
from exports.models import Participant
from tiptrain.register.api import Register

START = date(2026, 2, 2)
ROSTER = [
    person("Aissata Kone", [True, True, True]),
    person("Bakary Sidibe", [True, False, False], sex="m"),  # 1 of 3 days: no certificate
    person("Coumba Sow", [True, True, True]),
]


def delivered(register: Register, roster: list[Participant] = ROSTER) -> None:
    register.store_plan(plan(workshop("W-cj", START)))
    register.transition("W-cj", "confirmed")
    register.deliver("W-cj", roster)


def changed(code: str) -> str:
    """The code with its first character replaced by another of the alphabet."""
    other = next(char for char in ALPHABET if char != code[0])
    return other + code[1:]


def test_codes_are_issued_to_those_who_earn_a_certificate_and_kept(register: Register) -> None:
    delivered(register)

    first = register.certificate_codes("W-cj", 0.8)
    again = register.certificate_codes("W-cj", 0.8)

    assert sorted(first) == [1, 3]
    assert again == first
    assert len(set(first.values())) == 2


def test_replaced_roster_keeps_the_codes_of_people_found_again(register: Register) -> None:
    delivered(register)
    before = register.certificate_codes("W-cj", 0.8)
    corrected = [ROSTER[2], person("Drissa Maiga", [True, True, True], sex="m"), ROSTER[0]]

    register.replace_roster("W-cj", corrected)
    after = register.certificate_codes("W-cj", 0.8)

    assert (after[1], after[3]) == (before[3], before[1])
    assert after[2] not in before.values()


def test_verify_names_holder_workshop_and_dates(register: Register) -> None:
    delivered(register)
    code = register.certificate_codes("W-cj", 0.8)[1]

    found = register.verify_certificate(grouped(code).lower().replace("-", " "))

    assert (found.status, found.holder, found.workshop_id, found.start, found.end) == (
        "valid",
        "Aissata Kone",
        "W-cj",
        START,
        date(2026, 2, 4),
    )


def test_verify_reports_a_changed_character_as_unknown(register: Register) -> None:
    delivered(register)
    code = register.certificate_codes("W-cj", 0.8)[1]

    found = register.verify_certificate(changed(code))

    assert (found.status, found.holder, found.workshop_id) == ("unknown", None, None)
    assert found.reason == "its check character does not match: a character was probably mistyped"


def test_verify_reports_a_well_formed_code_never_issued_as_unknown(register: Register) -> None:
    delivered(register)
    register.certificate_codes("W-cj", 0.8)

    found = register.verify_certificate("2222-2222-2222")

    assert (found.status, found.reason) == ("unknown", "no certificate has this code")


def test_revoked_certificate_says_so_with_reason_and_date_and_is_not_printed_again(tmp_path: object) -> None:
    clock = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    with Register(f"sqlite:///{tmp_path}/tiptrain.db", clock=lambda: clock) as register:
        delivered(register)
        code = register.certificate_codes("W-cj", 0.8)[1]

        register.revoke_certificate(code, "absent on day 2, roster corrected")
        found = register.verify_certificate(code)
        printed = register.certificate_codes("W-cj", 0.8)
        history = register.history("W-cj")[-1].reason

    assert (found.status, found.holder, found.reason, found.revoked_at) == (
        "revoked",
        "Aissata Kone",
        "absent on day 2, roster corrected",
        clock,
    )
    assert sorted(printed) == [3]
    assert history == f"certificate {grouped(code)} revoked: absent on day 2, roster corrected"


def test_forgotten_holder_verifies_as_erased_without_a_name(register: Register) -> None:
    delivered(register)
    code = register.certificate_codes("W-cj", 0.8)[1]
    holder = register.roster("W-cj")[0].id

    register.forget(holder)
    found = register.verify_certificate(code)

    assert (found.status, found.holder, found.workshop_id) == ("erased", None, "W-cj")
    assert sorted(register.certificate_codes("W-cj", 0.8)) == [3]


def test_holder_removed_from_the_roster_verifies_as_withdrawn(register: Register) -> None:
    delivered(register)
    code = register.certificate_codes("W-cj", 0.8)[1]

    register.replace_roster("W-cj", [ROSTER[2]])
    found = register.verify_certificate(normalise(code))

    assert (found.status, found.holder) == ("withdrawn", None)
