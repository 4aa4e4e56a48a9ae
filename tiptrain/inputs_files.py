"""Requests and trainers written as files: YAML, CSV or XLSX by the file's extension.

The shapes are those `scheduler.inputs` reads, so an exported file imports back to the same models:
YAML as requests.yaml / trainers.yaml (a list under `requests:` or `trainers:`, defaults left out); tables
with the flat columns of `scheduler.inputs` (REQUEST_COLUMNS, TRAINER_COLUMNS), lists joined by `; `,
unavailable ranges as `FROM..TO`, `interpretation` as yes/no, missing values as empty cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from curriculum.errors import UsageError
from scheduler.inputs import REQUEST_COLUMNS, TRAINER_COLUMNS, YAML_SUFFIXES
from scheduler.models import Request, Trainer

SUFFIXES = (*YAML_SUFFIXES, ".csv", ".xlsx")


def file_bytes(path: Path, kind: str, items: Sequence[Request] | Sequence[Trainer]) -> bytes:
    """The content of an export file of `kind` ("requests" or "trainers") in the format of its suffix."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return yaml_text(kind, items).encode()
    columns = REQUEST_COLUMNS if kind == "requests" else TRAINER_COLUMNS
    rows = [table_row(item) for item in items]
    if suffix == ".csv":
        return csv_text(columns, rows).encode()
    if suffix == ".xlsx":
        return xlsx_bytes(kind, columns, rows)
    raise UsageError(f"{path}: expected a file ending in {', '.join(SUFFIXES)}")


def yaml_text(kind: str, items: Sequence[BaseModel]) -> str:
    """The items as the workspace's YAML file holds them, in their order."""
    import yaml

    dumped = [item.model_dump(mode="python", by_alias=True, exclude_defaults=True) for item in items]
    return yaml.safe_dump({kind: dumped}, sort_keys=False, allow_unicode=True, width=120)


def table_row(item: Request | Trainer) -> dict[str, Any]:
    """One request or trainer as flat cells named like the table columns."""
    values = item.model_dump(mode="python", exclude={"window", "unavailable"})
    if isinstance(item, Request):
        values["window_earliest"], values["window_latest"] = item.window.earliest, item.window.latest
        values["interpretation"] = "yes" if item.interpretation else "no"
    else:
        values["unavailable"] = "; ".join(f"{span.first}..{span.last}" for span in item.unavailable)
    return {name: _cell(value) for name, value in values.items()}


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(part) for part in value)
    return "" if value is None else value


def csv_text(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """A CSV table under a header of `columns` (UTF-8, comma separated)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return out.getvalue()


def xlsx_bytes(title: str, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> bytes:
    """A one-sheet workbook; every text cell is stored as text, so nothing is ever run as a formula."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = title
    sheet.append(list(columns))
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = row.get(column, "")
            if value == "":
                continue
            cell = sheet.cell(row=number, column=index, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
