"""The demo: every step a coordinator takes, on the bundled sample, into one output folder."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from curriculum.agenda import build_agenda
from curriculum.catalogue import load_catalogue
from curriculum.timezones import resolve_zone
from tiptrain.files import write_atomic

DEMO_START = date(2027, 3, 1)
DEMO_COUNTRY = "ML"


def run_demo(out: Path, language: str | None = None) -> list[Path]:
    """Write the catalogue and the agenda of every bundled programme into `out`; return the paths."""
    catalogue = load_catalogue()
    written: list[Path] = []
    catalogue_path = out / "catalogue.json"
    payload = {
        "units": [unit.model_dump(mode="json") for unit in catalogue.filter_units()],
        "programmes": [p.model_dump(mode="json") for p in sorted(catalogue.programmes.values(), key=lambda p: p.id)],
    }
    write_atomic(catalogue_path, _json(payload))
    written.append(catalogue_path)
    zone = resolve_zone(DEMO_COUNTRY, None)
    for programme in sorted(catalogue.programmes.values(), key=lambda p: p.id):
        agenda = build_agenda(
            programme, catalogue.units, DEMO_START, zone, language=language or "en", country=DEMO_COUNTRY
        )
        path = out / "agendas" / f"{programme.id}.json"
        write_atomic(path, _json(agenda.model_dump(mode="json")))
        written.append(path)
    return written


def _json(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
