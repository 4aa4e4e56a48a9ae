"""Export files of requests and trainers: what a spreadsheet will do with them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from scheduler.models import Trainer
from tiptrain.inputs_files import file_bytes


def test_xlsx_export_keeps_a_formula_like_name_as_text(tmp_path: Path) -> None:
    named = Trainer.model_validate(
        {
            "id": "t-eq",
            "name": '=HYPERLINK("http://example.org")',
            "expertise": ["psychology"],
            "languages": ["en"],
            "home": "KE",
        }
    )
    path = tmp_path / "trainers.xlsx"
    path.write_bytes(file_bytes(path, "trainers", [named]))

    cell = load_workbook(path).active["B2"]

    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.org")', "s")
