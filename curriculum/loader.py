"""The one loader for every data file: YAML, TOML, CSV and XLSX into validated pydantic models.

Every file becomes a `Document`: the plain data plus a way to find the line of any field path. Validation
then maps each pydantic error back to that line, so a user sees every mistake in a file at once, each with
file, line, field, the bad value and what was expected. Cross-file checks reuse the same `Problem`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from curriculum.dates import day_expected
from curriculum.errors import InvalidInput, Problem

Model = TypeVar("Model", bound=BaseModel)
Loc = tuple[int | str, ...]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Refuse data files above this size instead of exhausting memory on a mistaken path."""
MAX_YAML_NODES = 500_000
"""Refuse YAML documents with more values than this once aliases are expanded ("billion laughs"); each value
costs about 350 bytes and 10 µs to load, and 10,000 requests hold about 270,000."""
MAX_YAML_DEPTH = 64
"""Refuse YAML nested deeper than this; tiptrain's files nest six levels at most."""
DATE_ERRORS = frozenset({"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"})
"""pydantic's error types for a value that is not a day: reworded to say how a day is written (curriculum.dates)."""
MAX_TEXT_CHARS = 4_000
"""Refuse any single text longer than this in a data file (the bundled catalogue's longest has 452): a
megabyte-long name would otherwise reach every document and calendar, where layout cannot place it."""


def dotted(loc: Loc) -> str:
    """A field path as people read it: requests[3].window.latest."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{shown(part)}" if out else shown(part))
    return out


def shown(name: object) -> str:
    """A key or column name as an error message may print it: escaped when it holds invisible characters.

    Control characters and bidirectional overrides in a key would otherwise reach the user's terminal.
    """
    text = str(name)
    return text if text.isprintable() else repr(text)


@dataclass
class Document:
    """Parsed data of one file and the line of each field path in it (None when unknown)."""

    path: str
    data: Any
    locate: Callable[[Loc], int | None] = field(default=lambda loc: None)
    field_name: Callable[[Loc], str] = field(default=dotted)
    columns: list[str] = field(default_factory=list)
    """A table's column names as its header row gives them, empty ones left out (tables only)."""

    def problem(self, loc: Loc, expected: str, value: Any = None, show_value: bool = True) -> Problem:
        """A problem at this path of the document, with its line."""
        shown = short_repr(value) if show_value else None
        return Problem(self.path, self.locate(loc), self.field_name(loc), shown, expected)


def short_repr(value: Any, limit: int = 60) -> str:
    """A value as shown in an error message: quoted strings, cut when long."""
    text = repr(value) if isinstance(value, str) else str(value)
    if isinstance(value, dict):
        text = "a mapping"
    elif isinstance(value, list):
        text = "a list"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_text(path: Path) -> str:
    """The text of a data file as UTF-8, or InvalidInput saying why it cannot be read."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput([Problem(name, None, "", f"{size} bytes", f"a file under {MAX_FILE_BYTES} bytes")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput([Problem(name, None, "", None, "a file that exists")]) from None
    except IsADirectoryError:
        raise InvalidInput([Problem(name, None, "", None, "a file, not a folder")]) from None
    except OSError as error:
        raise InvalidInput([Problem(name, None, "", None, f"a readable file ({error.strerror})")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # what spreadsheets save as "Unicode text"
            raise InvalidInput([Problem(name, 1, "", "UTF-16", "text encoded as UTF-8")]) from None
        line = raw[: error.start].count(b"\n") + 1
        raise InvalidInput([Problem(name, line, "", None, "text encoded as UTF-8")]) from None


def load_yaml(path: Path | str) -> Document:
    """Parse a YAML file keeping the line of every node; syntax errors become InvalidInput with a line."""
    import yaml

    path = Path(path)
    text = read_text(path)
    # One parse gives both the nodes (with lines) and the data; libyaml's loader, when present, is ~20x faster.
    loader = _yaml_loader()(text)
    try:
        _check_yaml_size(str(path), text)
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise InvalidInput([Problem(str(path), line, "", None, f"valid YAML ({error.problem})")]) from None
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as error:
        raise InvalidInput([Problem(str(path), None, "", None, f"valid YAML ({error})")]) from None
    finally:
        loader.dispose()
    return Document(str(path), data, locate=lambda loc: _yaml_line(root, loc))


@functools.cache
def _yaml_loader() -> Any:
    """PyYAML's safe loader (libyaml's when present, ~20x faster) that keeps a date-like non-day as text.

    A value such as 2027-02-30 then reaches validation, which reports it with its line and field, instead of
    the whole file failing as "not valid YAML".
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def timestamp(loader: Any, node: Any) -> Any:
        try:
            return base.construct_yaml_timestamp(loader, node)
        except ValueError:
            return loader.construct_scalar(node)

    loader: Any = type("DayTolerantLoader", (base,), {})
    loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return loader


def _check_yaml_size(name: str, text: str) -> None:
    """Refuse alias bombs, recursive aliases, deep nesting and huge documents before any node is built.

    One pass over the parser's events (no nodes kept) counts the values the document expands to: an alias
    adds the size of what its anchor holds, so nine nested lists of nine aliases (a "billion laughs") are
    refused at once instead of growing to 387 million values during validation.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    sizes: dict[str, int] = {}
    open_anchors: list[tuple[str | None, int]] = []
    expanded = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            if any(anchor == event.anchor for anchor, _ in open_anchors):
                _refuse_yaml(name, event, "a document without recursive aliases (an alias inside its own anchor)")
            expanded += sizes.get(str(event.anchor), 0)
        elif isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            expanded += 1
            if isinstance(event, yaml.ScalarEvent):
                if len(event.value) > MAX_TEXT_CHARS:
                    _refuse_yaml(name, event, too_long(event.value))
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            else:
                open_anchors.append((event.anchor, expanded - 1))
                if len(open_anchors) > MAX_YAML_DEPTH:
                    _refuse_yaml(name, event, f"lists and mappings nested at most {MAX_YAML_DEPTH} deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, before = open_anchors.pop()
            if anchor is not None:
                sizes[anchor] = expanded - before
        if expanded > MAX_YAML_NODES:
            _refuse_yaml(name, event, f"at most {MAX_YAML_NODES:,} values, counting each alias as what it repeats")


def too_long(text: str) -> str:
    """What a problem says about a text above MAX_TEXT_CHARS."""
    return f"a text of at most {MAX_TEXT_CHARS:,} characters (this one has {len(text):,})"


def _refuse_yaml(name: str, event: Any, expected: str) -> None:
    line = event.start_mark.line + 1 if event.start_mark is not None else None
    raise InvalidInput([Problem(name, line, "", None, expected)])


def _yaml_line(node: Any, loc: Loc) -> int | None:
    """Line (1-based) of the deepest node reached along `loc`; keys stand for their unknown children."""
    import yaml

    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    child, line = value, key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            return line
        node = child
    return line


def load_toml(path: Path | str) -> Document:
    """Parse a TOML file; lines are found by searching the text for each table header and key."""
    import tomllib

    path = Path(path)
    text = read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))  # Python < 3.14 has no error.lineno
        line = getattr(error, "lineno", None) or (int(found.group(1)) if found else None)
        raise InvalidInput([_toml_problem(str(path), text, line, error)]) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise InvalidInput([Problem(str(path), None, "", None, "valid TOML (nested too deeply)")]) from None
    lines = text.splitlines()
    document = Document(str(path), data, locate=lambda loc: _toml_line(lines, loc))
    long_texts = [document.problem(loc, too_long(value), show_value=False) for loc, value in _texts(data, ())]
    if long_texts:
        raise InvalidInput(long_texts)
    return document


_TOML_DAYISH = re.compile(r"^\s*([\w.-]+)\s*=\s*(\d{4}[./-]\d\d?[./-]\d\d?|\d\d?[./-]\d\d?[./-]\d{4})\s*(#.*)?$")
"""A TOML line whose value looks like a day written another way (2027/02/03, 03.02.2027, 2027-02-30)."""


def _toml_problem(name: str, text: str, line: int | None, error: Exception) -> Problem:
    """The problem of a TOML file that does not parse; a day written wrong says how days are written."""
    lines = text.splitlines()
    found = _TOML_DAYISH.match(lines[line - 1]) if line is not None and 0 < line <= len(lines) else None
    if found is not None and line is not None:
        tables = (text.strip() for text in reversed(lines[: line - 1]) if text.strip().startswith("["))
        key = ".".join(part for part in (next(tables, "[]")[1:-1], found.group(1)) if part)
        return Problem(name, line, key, repr(found.group(2)), day_expected(found.group(2)))
    return Problem(name, line, "", None, f"valid TOML ({error})")


def _texts(data: Any, loc: Loc) -> Any:
    """(path, text) of every string in parsed TOML longer than MAX_TEXT_CHARS (tables nest a few levels)."""
    if isinstance(data, str) and len(data) > MAX_TEXT_CHARS:
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*loc, index))


def _toml_line(lines: Sequence[str], loc: Loc) -> int | None:
    """Best-effort line of `table.key` in TOML text: the key after its [table] header, else the header."""
    keys = [str(part) for part in loc if isinstance(part, str)]
    if not keys:
        return None
    header = None
    for number, text in enumerate(lines, start=1):
        if text.strip() == f"[{keys[0]}]":
            header = number
            break
    if header is None:
        return None
    if len(keys) == 1:
        return header
    for number in range(header + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped.startswith("["):
            break
        if stripped.split("=", 1)[0].strip() == keys[1]:
            return number
    return header


def validate(document: Document, model: type[Model]) -> Model:
    """Validate the document's data as `model`, raising InvalidInput with every problem and its line."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        problems = [_problem(document, item) for item in error.errors(include_url=False)]
        raise InvalidInput(_unique(problems)) from None


def validate_each(
    document: Document, key: str, model: type[Model], allowed: Sequence[str] = ()
) -> tuple[list[tuple[int, Model]], list[Problem]]:
    """Validate every item of the list under `key` on its own: (index, item) of valid items, and problems.

    Checking items one by one keeps all problems of a file, and lets cross-checks run on what is valid.
    `allowed` names the other top-level keys the file may have (checked by their own call).
    """
    data = document.data
    if data is None:
        data = {key: []}
    if not isinstance(data, dict):
        return [], [document.problem((), f"a mapping with a list under '{key}:'", data)]
    keys = ", ".join(f"'{name}'" for name in (key, *allowed))
    problems = [
        document.problem((name,), f"only the top-level keys {keys} (unknown key)", show_value=False)
        for name in data
        if name != key and name not in allowed
    ]
    items = data.get(key, [])
    if items is None:
        items = []
    if not isinstance(items, list):
        return [], [*problems, document.problem((key,), "a list", items)]
    valid: list[tuple[int, Model]] = []
    for index, item in enumerate(items):
        try:
            valid.append((index, model.model_validate(item)))
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                detail["loc"] = (key, index, *detail["loc"])
                problems.append(_problem(document, detail))
    return valid, _unique(problems)


def _problem(document: Document, detail: Any) -> Problem:
    loc: Loc = tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    if kind == "extra_forbidden":
        return document.problem(loc, "no such field (unknown key)", show_value=False)
    if kind == "missing":
        return document.problem(loc, "a value (this field is required)", show_value=False)
    expected = day_expected(value) if kind in DATE_ERRORS else _expected(detail)
    if isinstance(value, float) and not math.isfinite(value):
        value = str(value)
    return document.problem(_strip_validator_parts(loc), expected, value, show_value=not isinstance(value, dict))


def _strip_validator_parts(loc: Loc) -> Loc:
    """Drop pydantic's internal path parts (function-after[...], literal[...]) that users never wrote."""
    return tuple(part for part in loc if not (isinstance(part, str) and ("[" in part and "]" in part)))


def _expected(detail: Any) -> str:
    message = str(detail["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    if message.startswith("Input should be "):
        return message[len("Input should be ") :]
    return message[0].lower() + message[1:] if message else "a valid value"


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    return [p for p in problems if not (p in seen or seen.add(p))]  # type: ignore[func-returns-value]
