"""Garbage into every loader through the command line: never a traceback, always exit 2 naming the file.

Hypothesis writes random text, bytes, text in the wrong encoding, random YAML structures, damaged records,
tables and workbooks into a workspace, then runs the command a user would (`plan`, `catalogue validate`,
`workshops deliver --roster`, any command reading tiptrain.toml) through `tiptrain.cli.main`. A few
documents built to exhaust the loader (alias bombs, deep nesting) also run in a child process with a
time limit. Files valid by chance may pass; the test then checks that the loader really accepts them.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hardening_kit import (
    ROSTER_HEADER,
    Outcome,
    child_env,
    make_workspace,
    roster_row,
    run_cli,
    sqlite_url,
    store,
    tiptrain_process,
    workshop,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.errors import InvalidInput

SCALE = int(os.environ.get("TIPTRAIN_FUZZ_SCALE", "1"))
"""Run SCALE times more examples (e.g. 20 for a long search before a release); the suite uses 1."""
FUZZ = settings(max_examples=40 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Examples that write a workbook or copy a register cost more."""
FEW = settings(max_examples=15 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Each `catalogue validate` loads the whole bundled catalogue again with the fuzzed folder."""
WRONG_ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252"]
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**30, max_value=10**60),
    st.floats(),
    st.text(max_size=20),
    st.text(min_size=300, max_size=400),
    st.dates(),
    st.sampled_from(["ML", "tot-5d", "police", "fr", "2026-02-30", "9999-12-31", "-1", "1e400", "~", "null"]),
)
structures = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
TRAINER = {"id": "t-1", "name": "Amina", "expertise": ["law-enforcement"], "languages": ["fr"], "home": "ML"}
REQUEST = {
    "id": "r-1",
    "country": "ML",
    "city": "Bamako",
    "programme": "tot-5d",
    "language": "fr",
    "audiences": ["police"],
    "participants": 20,
    "window": {"earliest": "2026-02-01", "latest": "2026-04-30"},
    "priority": 3,
}
UNIT = {
    "id": "FZ-1",
    "source": "custom",
    "title": {"en": "Fuzz"},
    "summary": {"en": "A unit"},
    "minutes": 60,
    "topics": ["fuzz"],
    "audiences": ["police"],
    "objectives": {"en": ["one"]},
    "key_points": {"en": ["a point"]},
    "activities": [{"kind": "lecture", "minutes": 60, "description": {"en": "A talk"}}],
}


def damaged(record: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid record with some fields (or unknown ones) replaced by random values of any type."""
    changes = st.dictionaries(st.sampled_from([*record, "extra"]), structures, min_size=1, max_size=3)
    return changes.map(lambda found: {**record, **found})


def dumped(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def yaml_files(key: str, record: dict[str, Any]) -> st.SearchStrategy[str | bytes]:
    """Contents of a data file: damaged records, random structures, random text or bytes, wrong encodings."""
    records = st.lists(damaged(record) | structures, min_size=1, max_size=3).map(lambda items: dumped({key: items}))
    encoded = st.builds(lambda text, codec: text.encode(codec, "replace"), records, st.sampled_from(WRONG_ENCODINGS))
    return st.one_of(records, structures.map(dumped), st.text(), st.binary(), encoded)


def put(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(content)
    return path


def accepted(load: Any) -> bool:
    try:
        load()
    except InvalidInput:
        return False
    return True


def assert_refused_cleanly(outcome: Outcome, path: Path, load: Any) -> None:
    """Exit 2 with one `Error:` message naming `path` (unless the loader accepts the file), never a traceback."""
    assert "Traceback" not in outcome.err
    assert "Internal error" not in outcome.err, outcome.err
    assert CONTROL.search(outcome.err) is None, "control characters could drive the user's terminal"
    if outcome.code == 0:
        assert accepted(load)
        return
    assert outcome.code == 2, outcome.err
    assert outcome.err.startswith("Error: ")
    assert str(path) in outcome.err or accepted(load), outcome.err


# --- trainers.yaml and requests.yaml, through `tiptrain plan` -------------------------------------------------


@FUZZ
@given(content=yaml_files("trainers", TRAINER))
def test_plan_fuzzed_trainers_file_exit_2_naming_it(scratch: Path, content: str | bytes) -> None:
    from scheduler.inputs import load_trainers

    workspace = make_workspace(scratch / "trainers-fuzz")  # no requests.yaml and none in the register:
    path = put(workspace / "trainers.yaml", content)

    outcome = run_cli(workspace, "plan")

    assert_refused_cleanly(outcome, path, lambda: load_trainers(path))  # a file the loader accepts plans nothing


@FUZZ
@given(content=yaml_files("requests", REQUEST))
def test_plan_fuzzed_requests_file_exit_2_naming_it(scratch: Path, content: str | bytes) -> None:
    from curriculum.catalogue import load_catalogue
    from scheduler.inputs import load_requests

    workspace = make_workspace(scratch / "requests-fuzz")
    (workspace / "trainers.yaml").unlink()  # no trainers: an accepted file plans nothing
    path = put(workspace / "requests.yaml", content)

    outcome = run_cli(workspace, "plan")

    assert_refused_cleanly(outcome, path, lambda: load_requests(path, load_catalogue()))


trainer_tables = st.lists(
    st.lists(st.sampled_from(["id", "name", "expertise", "home", "languages", "unavailable"]) | st.text(max_size=6),
             min_size=1, max_size=6),
    min_size=1, max_size=4,
).map(lambda rows: "\n".join(",".join(row) for row in rows))  # fmt: skip


@FUZZ
@given(
    content=st.one_of(trainer_tables, st.text(), st.binary(), trainer_tables.map(lambda t: t.encode("utf-16"))),
    suffix=st.sampled_from([".csv", ".xlsx"]),
)
def test_plan_fuzzed_trainers_table_exit_2_naming_it(scratch: Path, content: str | bytes, suffix: str) -> None:
    from scheduler.inputs import load_trainers

    workspace = make_workspace(scratch / "trainer-table-fuzz")
    settings_file = workspace / "tiptrain.toml"
    settings_file.write_text(settings_file.read_text() + f'[data]\ntrainers = "trainers{suffix}"\n')
    path = put(workspace / f"trainers{suffix}", content)

    outcome = run_cli(workspace, "plan")

    assert_refused_cleanly(outcome, path, lambda: load_trainers(path))


# --- tiptrain.toml ------------------------------------------------------------------------------------------

toml_values = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(date.isoformat),
    st.text(max_size=12).map(lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.sampled_from(["true", "nan", "inf", "[]", "[[2026-01-01, 2025-01-01]]", "{a = 1}", "1979-05-27T07:32:00Z"]),
)
toml_files = st.dictionaries(
    st.sampled_from(["period", "data", "register", "programme", "certificates", "zzz"]),
    st.dictionaries(st.sampled_from(["start", "end", "target", "blackouts", "threshold", "url", "x"]), toml_values),
    max_size=4,
).map(lambda tables: "".join(f"[{t}]\n" + "".join(f"{k} = {v}\n" for k, v in kv.items()) for t, kv in tables.items()))


@FUZZ
@given(content=st.one_of(toml_files, st.text(), st.binary(), toml_files.map(lambda text: text.encode("utf-16"))))
def test_any_command_fuzzed_settings_file_exit_2_naming_it(scratch: Path, content: str | bytes) -> None:
    from tiptrain.settings import load_settings

    workspace = scratch / "settings-fuzz"
    workspace.mkdir(exist_ok=True)
    path = put(workspace / "tiptrain.toml", content)

    outcome = run_cli(workspace, "catalogue", "programmes", "--json")

    assert "Internal error" not in outcome.err, outcome.err
    assert CONTROL.search(outcome.err) is None
    assert outcome.code in (0, 2)
    if outcome.code == 2 and not accepted(lambda: load_settings(workspace)):
        assert str(path) in outcome.err


# --- catalogue folders, through `tiptrain catalogue validate DIR` --------------------------------------------


@FEW
@given(
    first=yaml_files("units", UNIT),
    second=st.one_of(st.none(), st.binary(max_size=50), structures.map(lambda data: dumped({"programmes": data}))),
)
def test_catalogue_validate_fuzzed_folder_exit_2_naming_the_file(
    scratch: Path, first: str | bytes, second: str | bytes | None
) -> None:
    from curriculum.catalogue import load_catalogue

    folder = scratch / "catalogue-fuzz"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    path = put(folder / "units.yaml", first)
    if second is not None:
        put(folder / "more.yml", second)

    outcome = run_cli(None, "catalogue", "validate", str(folder))

    assert "Internal error" not in outcome.err, outcome.err
    assert CONTROL.search(outcome.err) is None
    assert outcome.code in (0, 2)
    if outcome.code == 2:
        assert str(folder) in outcome.err
        assert str(path) in outcome.err or accepted(lambda: load_catalogue([path]))


# --- rosters, through `tiptrain workshops deliver ID --roster FILE` ------------------------------------------


@pytest.fixture(scope="module")
def confirmed_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register file holding one confirmed three-day workshop, W-ml-cj, to copy for each example."""
    from tiptrain.register.api import Register

    workspace = make_workspace(tmp_path_factory.mktemp("roster-template"))
    store(sqlite_url(workspace), workshop("W-ml-cj", date(2026, 2, 2)))
    with Register(sqlite_url(workspace)) as register:
        register.transition("W-ml-cj", "confirmed")
    return workspace / "tiptrain.db"


def deliver(scratch: Path, template: Path, content: str | bytes, suffix: str) -> tuple[Outcome, Path, Any]:
    from tiptrain.register.api import Register
    from tiptrain.register.roster import read_roster

    workspace = make_workspace(scratch / f"roster-fuzz{suffix}")
    shutil.copyfile(template, workspace / "tiptrain.db")
    path = put(workspace / f"roster{suffix}", content)
    outcome = run_cli(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(path))
    with Register(sqlite_url(workspace)) as register:
        found = register.workshop("W-ml-cj")
        people = register.participants("W-ml-cj")
    assert (found.status, bool(people)) == (("delivered", True) if outcome.code == 0 else ("confirmed", False))
    return outcome, path, lambda: read_roster(path, found)


GOOD_ROWS = [roster_row("Awa Ndiaye", email="awa@example.org"), roster_row("Omar Ba", days="1,0,0")]
roster_cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "1", "0", "2", "police", "judges", "f", "q", "ML", "xx", "a@b", "=1+1", "@x", '"', "day4"]),
    st.text(min_size=250, max_size=300),
)


@st.composite
def roster_tables(draw: st.DrawFn) -> str:
    """A roster with some cells, header names or whole rows replaced, as CSV text."""
    header = ROSTER_HEADER.split(",")
    rows = [row.split(",") for row in GOOD_ROWS]
    for _ in range(draw(st.integers(1, 4))):
        table = [header, *rows]
        line = draw(st.integers(0, len(table) - 1))
        column = draw(st.integers(0, len(header) - 1))
        table[line][column] = draw(roster_cells)
    if draw(st.booleans()):
        rows.append(draw(st.lists(roster_cells, max_size=12)))
    out = io.StringIO()
    import csv

    csv.writer(out).writerows([header, *rows])
    return out.getvalue()


@FUZZ
@given(
    content=st.one_of(
        roster_tables(),
        st.text(),
        st.binary(),
        st.builds(lambda t, c: t.encode(c, "replace"), roster_tables(), st.sampled_from(WRONG_ENCODINGS)),
    )
)
def test_deliver_fuzzed_csv_roster_exit_2_naming_it_and_register_unchanged(
    scratch: Path, confirmed_register: Path, content: str | bytes
) -> None:
    outcome, path, load = deliver(scratch, confirmed_register, content, ".csv")

    assert_refused_cleanly(outcome, path, load)


def workbook(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD_XLSX = workbook([ROSTER_HEADER.split(","), *[[*row.split(",")[:6], 1, 1, 1] for row in GOOD_ROWS]])
xlsx_cells = st.one_of(
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=15),
)


@st.composite
def damaged_workbooks(draw: st.DrawFn) -> bytes:
    """The good workbook with bytes flipped or cut, or a member of its zip replaced by junk."""
    data = bytearray(GOOD_XLSX)
    how = draw(st.sampled_from(["flip", "cut", "member"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "cut":
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    source = zipfile.ZipFile(io.BytesIO(GOOD_XLSX))
    victim = draw(st.sampled_from(source.namelist()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, draw(st.binary(max_size=200)) if name == victim else source.read(name))
    return out.getvalue()


@SLOW
@given(
    content=st.one_of(
        damaged_workbooks(),
        st.binary(),
        st.lists(st.lists(xlsx_cells, min_size=9, max_size=9), max_size=3).map(
            lambda rows: workbook([ROSTER_HEADER.split(","), *rows])
        ),
    )
)
def test_deliver_fuzzed_xlsx_roster_exit_2_naming_it_and_register_unchanged(
    scratch: Path, confirmed_register: Path, content: bytes
) -> None:
    outcome, path, load = deliver(scratch, confirmed_register, content, ".xlsx")

    assert_refused_cleanly(outcome, path, load)


# --- wrong encodings, one by one ----------------------------------------------------------------------------


@pytest.mark.parametrize("codec", WRONG_ENCODINGS)
@pytest.mark.parametrize("name", ["trainers.yaml", "tiptrain.toml"])
def test_file_in_wrong_encoding_exit_2_asking_for_utf8(tmp_path: Path, name: str, codec: str) -> None:
    workspace = make_workspace(tmp_path, trainers="trainers:\n  - {id: t-é, name: Zoë Ñúñez}\n")
    path = workspace / name
    path.write_bytes(path.read_text(encoding="utf-8").replace("Programme", "Programme é").encode(codec))

    outcome = run_cli(workspace, "plan")

    assert outcome.code == 2
    assert f"{path}:" in outcome.err
    assert "text encoded as UTF-8" in outcome.err


@pytest.mark.parametrize("codec", WRONG_ENCODINGS)
def test_roster_in_legacy_encoding_is_read_as_written(tmp_path: Path, confirmed_register: Path, codec: str) -> None:
    # Rosters, unlike the workspace's YAML and TOML files, come from Excel: their encoding is detected (issue 11).
    text = "\n".join([ROSTER_HEADER, roster_row("Zoë Ñúñez"), roster_row("Jérôme Égalité")]) + "\n"

    outcome, _, load = deliver(tmp_path, confirmed_register, text.encode(codec), ".csv")

    assert (outcome.code, [person.name for person in load()]) == (0, ["Zoë Ñúñez", "Jérôme Égalité"])


def test_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path)
    path = workspace / "trainers.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))

    outcome = run_cli(workspace, "plan")

    assert f"{path}:1: text encoded as UTF-8 (got UTF-16)" in outcome.err


# --- documents built to exhaust the loader, in a child process with a time limit ----------------------------


def laughs(levels: int = 9) -> str:
    """The "billion laughs": each level lists the previous one nine times (9**9 values once expanded)."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return "\n".join([*lines, f"trainers: *l{levels}", ""])


BOMBS = {
    "billion-laughs": (laughs(), "at most 500,000 values"),
    "recursive-alias": ("trainers: &a [*a]\n", "recursive aliases"),
    "deep-lists": ("trainers: " + "[" * 200 + "]" * 200 + "\n", "nest"),
    "deep-mappings": ("trainers:\n" + "".join(f"{'  ' * n}- k:\n" for n in range(1, 90)), "nested at most 64 deep"),
    "dense-values": ("trainers: [" + ",".join(["1"] * 600_000) + "]\n", "at most 500,000 values"),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_yaml_bomb_refused_quickly_naming_file_and_limit(tmp_path: Path, name: str) -> None:
    content, expected = BOMBS[name]
    workspace = make_workspace(tmp_path, trainers=content)

    started = time.monotonic()
    outcome = run_cli(workspace, "plan")
    seconds = time.monotonic() - started

    assert outcome.code == 2, outcome.err
    assert f"{workspace / 'trainers.yaml'}:" in outcome.err
    assert expected in outcome.err
    assert seconds < 10


def test_billion_laughs_refused_quickly_in_a_real_process(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path, trainers=laughs())

    started = time.monotonic()
    done = tiptrain_process(["--workspace", str(workspace), "plan"], env=child_env(), timeout=60)
    seconds = time.monotonic() - started

    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"Error: {workspace / 'trainers.yaml'}:6: at most 500,000 values")
    assert seconds < 20  # mostly starting Python; unguarded, this document ran for minutes and used gigabytes


def test_catalogue_validate_billion_laughs_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text(laughs().replace("trainers:", "units:"), encoding="utf-8")

    outcome = run_cli(None, "catalogue", "validate", str(tmp_path))

    assert outcome.code == 2
    assert outcome.err == (f"Error: {path}:6: at most 500,000 values, counting each alias as what it repeats\n")


def test_yaml_with_a_few_aliases_still_loads(tmp_path: Path) -> None:
    from scheduler.inputs import load_trainers

    path = tmp_path / "trainers.yaml"
    item = "  - {{id: t-{n}, name: T{n}, expertise: [psychology], languages: *fr, home: ML}}\n"
    path.write_text("base: &fr [fr, en]\ntrainers:\n" + "".join(item.format(n=n) for n in range(3)), encoding="utf-8")

    with pytest.raises(InvalidInput) as raised:  # `base:` is not a key of trainers.yaml, the aliases are fine
        load_trainers(path)

    assert [p.field for p in raised.value.problems] == ["base"]


def test_deeply_nested_toml_exit_2_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "tiptrain.toml"
    path.write_text("[period]\nstart = 2026-01-01\nend = 2026-06-30\nx = " + "[" * 5000 + "]" * 5000 + "\n")

    outcome = run_cli(tmp_path, "workshops", "list")

    assert (outcome.code, outcome.err) == (2, f"Error: {path}: valid TOML (nested too deeply)\n")
