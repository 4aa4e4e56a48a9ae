"""Builders for export tests: workshops, trainers, participants, agendas, and reading PDFs back."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from curriculum.agenda import Agenda, build_agenda
from curriculum.catalogue import load_catalogue
from curriculum.models import Activity, Catalogue, Participants, Programme, Unit
from exports.models import Participant
from scheduler.models import Trainer, Workshop

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
"""The injected clock of every export test."""
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
ORGANIZER = ("Ines Marchetti-Okafor", "training.coordinator@example.org")


def bundled_catalogue() -> Catalogue:
    return load_catalogue([])


def make_workshop(
    workshop_id: str = "W-ml-bamako-tot",
    *,
    programme: str = "tot-5d",
    city: str = "Bamako",
    country: str = "ML",
    start: date = date(2026, 2, 2),
    days: int = 5,
    trainers: tuple[str, ...] = ("t-amina", "t-pedro", "t-olga"),
    status: str = "planned",
    sequence: int = 0,
    language: str = "fr",
) -> Workshop:
    dates = [start + timedelta(days=n) for n in range(days)]
    return Workshop(
        id=workshop_id,
        request=workshop_id.removeprefix("W-"),
        country=country,
        city=city,
        programme=programme,
        language=language,
        start=dates[0],
        end=dates[-1],
        days=dates,
        trainers=list(trainers),
        status=status,
        sequence=sequence,  # type: ignore[arg-type]
    )


def make_trainer(
    trainer_id: str, name: str, *, home: str = "SN", email: str | None = None, travel_days: int = 1
) -> Trainer:
    return Trainer(
        id=trainer_id,
        name=name,
        expertise=["law-enforcement"],
        languages=["fr", "en"],
        home=home,
        email=email,
        travel_days=travel_days,
    )


TRAINERS = {
    "t-amina": make_trainer("t-amina", "Amina Diallo", email="amina.diallo@example.org"),
    "t-pedro": make_trainer("t-pedro", "Pedro Álvarez", home="ES"),
    "t-olga": make_trainer("t-olga", "Olga Petrenko", home="UA", email="olga@example.org", travel_days=2),
}


def make_participant(
    name: str, attendance: list[bool], *, profession: str = "police", organisation: str = "Police nationale"
) -> Participant:
    return Participant(
        name=name, organisation=organisation, profession=profession, sex="f", country="ML", attendance=attendance
    )


def make_agenda(catalogue: Catalogue, workshop: Workshop, tz: str, lang: str = "en") -> Agenda:
    programme = catalogue.programme(workshop.programme)
    return build_agenda(programme, catalogue.units, workshop.start, tz, language=lang, country=workshop.country)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, as pypdf extracts it (an independent reader of what we wrote)."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


def pdf_fonts(data: bytes) -> dict[str, bool]:
    """Every font the PDF uses (pages and forms), by base name, and whether its program is embedded."""
    from pypdf import PdfReader

    fonts: dict[str, bool] = {}

    def visit(resources: object) -> None:
        resources = resources.get_object() if hasattr(resources, "get_object") else resources
        if not resources:
            return
        for reference in (resources.get("/Font") or {}).values():  # type: ignore[union-attr]
            font = reference.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
        for item in (resources.get("/XObject") or {}).values():  # type: ignore[union-attr]
            xobject = item.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in PdfReader(io.BytesIO(data)).pages:
        visit(page.get("/Resources"))
    return fonts


def _unit(unit_id: str, title: str, minutes: int, french: str | None = None) -> Unit:
    titles = {"en": title, **({"fr": french} if french else {})}
    return Unit(
        id=unit_id,
        source="custom",
        number=int(unit_id[-1]),
        title=titles,  # type: ignore[arg-type]
        summary={"en": f"What {title.lower()} is about."},  # type: ignore[arg-type]
        minutes=minutes,
        topics=["identification"],
        audiences=["police"],
        objectives={"en": ["Name the signs", "Ask the right questions", "Hand over safely"]},  # type: ignore[arg-type]
        key_points={"en": ["Safety first", "Write it down"]},  # type: ignore[arg-type]
        activities=[
            Activity(kind="lecture", minutes=minutes // 2, description={"en": "A short talk."}),  # type: ignore[arg-type]
            Activity(kind="exercise", minutes=minutes - minutes // 2, description={"en": "Work in pairs on a case."}),
        ],  # type: ignore[arg-type]
    )


def tiny_catalogue() -> Catalogue:
    """A catalogue fixed here, so golden files do not change when the bundled curriculum is edited."""
    units = [
        _unit("T-1", "Spotting the signs", 120, "Repérer les signes"),
        _unit("T-2", "First contact", 150),
        _unit("T-3", "Handing over", 90),
    ]
    programmes = [
        Programme(
            id="demo-2d",
            title={"en": "Demonstration course", "fr": "Cours de démonstration"},  # type: ignore[arg-type]
            days=2,
            units=["T-1", "T-2", "T-3"],
            team={"law-enforcement": 1, "psychology": 1},
            audiences=["police"],
            participants=Participants(min=10, max=20),
        ),
        Programme(
            id="demo-1d",
            title={"en": "One-day briefing"},
            days=1,
            units=["T-1"],  # type: ignore[arg-type]
            team={"law-enforcement": 1},
            audiences=["police"],
            participants=Participants(min=10, max=20),
        ),
    ]
    return Catalogue(units={u.id: u for u in units}, programmes={p.id: p for p in programmes})
