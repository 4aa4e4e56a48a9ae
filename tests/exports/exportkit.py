"""Builders for export tests: workshops, trainers, participants, agendas, and reading PDFs back."""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from curriculum.agenda import Agenda, build_agenda
from curriculum.catalogue import load_catalogue
from curriculum.models import Activity, Catalogue, Participants, Programme, Unit
from exports.models import Participant, PeriodReport
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


_BFCHAR = re.compile(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,8})>")


def embedded_outlines(data: bytes) -> dict[str, set[str]]:
    """For each embedded TrueType font of the PDF (base name without the subset tag), the characters whose
    embedded glyph has an outline: read from the font program itself (fontTools) through the ToUnicode map,
    so a character mapped to an empty or missing glyph (what prints as nothing or a box) is not among them."""
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    found: dict[str, set[str]] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            if "/FontFile2" not in descriptor:
                continue
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            codes: dict[int, str] = {}
            for table in program["cmap"].tables:
                codes.update(table.cmap)
            to_unicode = font["/ToUnicode"].get_object().get_data().decode("ascii")
            chars = found.setdefault(str(font["/BaseFont"]).partition("+")[2], set())
            for code, text in _BFCHAR.findall(to_unicode):
                glyph = codes.get(int(code, 16))
                if glyph and program["glyf"][glyph].numberOfContours:
                    chars.add(chr(int(text, 16)))
    return found


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


IN_CI = os.environ.get("CI") == "true"
needs_pdftotext = pytest.mark.skipif(
    not IN_CI and shutil.which("pdftotext") is None,
    reason="no pdftotext: apt-get install poppler-utils (in CI, with CI=true, this test runs)",
)

_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def reading_text(text: str) -> str:
    """Extracted text as a reader compares it: NFKC (presentation forms back to letters), no bidi controls,
    and runs of spaces as one."""
    return " ".join(_BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text)).split())


def pdftotext(data: bytes, page: int | None = None) -> str:
    """What poppler's pdftotext reads from a PDF (it puts right-to-left lines in reading order)."""
    command = shutil.which("pdftotext")
    assert command is not None, "pdftotext is missing: apt-get install poppler-utils"
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        [command, "-enc", "UTF-8", *pages, "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")


@contextmanager
def drawn_text() -> Iterator[list[tuple[str, str]]]:
    """Every (font name, text) reportlab draws meanwhile: the strings it maps to glyphs of that font."""
    from reportlab.pdfbase.ttfonts import TTFont

    drawn: list[tuple[str, str]] = []
    original = TTFont.splitString

    def recording(self: TTFont, text: str, doc: object, encoding: str = "utf-8") -> object:
        drawn.append((self.fontName, text))
        return original(self, text, doc, encoding)

    TTFont.splitString = recording  # type: ignore[method-assign]
    try:
        yield drawn
    finally:
        TTFont.splitString = original  # type: ignore[method-assign]


def missing_glyphs(drawn: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (font, character) pairs drawn in a font whose cmap lacks the character: what prints as a box."""
    from reportlab.pdfbase import pdfmetrics

    missing: set[tuple[str, str]] = set()
    for name, text in drawn:
        glyphs = pdfmetrics.getFont(name).face.charToGlyph
        for char in text:
            code = 32 if char == "\u00a0" else ord(char)
            if not glyphs.get(code):
                missing.add((name, char))
    return sorted(missing)


SAMPLE_PLACES = {"ar": ("Cairo", "EG"), "zh": ("Beijing", "CN"), "ru": ("Kyiv", "UA"), "es": ("Lima", "PE")}
SAMPLE_NAMES = {
    "ar": "أحمد محمود",
    "zh": "李华",
    "ru": "Ольга Петренко",
    "es": "José Pérez",
    "fr": "Aminata Traoré",
    "en": "Amina Diallo",
}


def period_report() -> PeriodReport:
    return PeriodReport.model_validate(
        {
            "from": date(2026, 1, 1),
            "to": date(2026, 6, 30),
            "workshops_delivered": 12,
            "workshops_cancelled": 1,
            "countries": ["EG", "CN", "UA"],
            "participants": 240,
            "by_profession": {"police": 120, "judges": 60, "ngo": 60},
            "by_sex": {"f": 100, "m": 140},
            "by_programme": {"first-responders-1d": 12},
            "by_country": {"EG": 100, "CN": 80, "UA": 60},
            "by_month": {"2026-02": 4, "2026-04": 8},
            "topics": {"identification": 12, "victim-protection": 5},
            "attendance_rate": 0.9,
            "average_test_gain": 12.5,
            "certificates": 220,
            "cascade": 2,
        }
    )


@functools.cache
def sample_document(kind: str, lang: str) -> tuple[bytes, tuple[tuple[str, str], ...]]:
    """One small document in `lang`, and every (font, text) drawn in it."""
    from curriculum.questions import programme_test
    from exports.pdf import certificates, participant_pack, report_pdf, signin_sheets

    catalogue = bundled_catalogue()
    city, country = SAMPLE_PLACES.get(lang, ("Bamako", "ML"))
    workshop = make_workshop(
        f"W-{country.lower()}-{city.lower()}-tot", programme="first-responders-1d", city=city, country=country, days=1
    )
    roster = [
        make_participant(SAMPLE_NAMES[lang], [True], organisation=SAMPLE_NAMES[lang]),
        make_participant("Nguyễn Thị Minh", [True], profession="judges"),
    ]
    titles = {p.id: p.title.get(lang, p.title["en"]) for p in catalogue.programmes.values()}
    with drawn_text() as drawn:
        if kind == "pack":
            agenda = make_agenda(catalogue, workshop, "Africa/Cairo", lang)
            data = participant_pack(
                workshop,
                agenda,
                catalogue,
                lang=lang,
                organiser="UNODC",
                team=[SAMPLE_NAMES[lang], "Amina Diallo"],
                questions=programme_test(catalogue, "first-responders-1d"),
                invariant=True,
            )
        elif kind == "signin":
            data = signin_sheets(workshop, roster, 4, lang=lang, title=titles["first-responders-1d"], invariant=True)
        elif kind == "certificates":
            units = [catalogue.unit(u) for u in catalogue.programme("first-responders-1d").units]
            data = certificates(
                workshop,
                roster,
                units,
                lang=lang,
                signatories=[SAMPLE_NAMES[lang], "Amina Diallo"],
                roles=["Programme head", "National partner"],
                title=titles["first-responders-1d"],
                invariant=True,
                codes={1: "7KQMR4TX9WHX", 2: "22M8PV3XQRZ7"},  # verification code and QR code on every page
                verify_url="https://training.example.org/verify/",
                contact_minutes=330,
            )
        else:
            data = report_pdf(period_report(), lang=lang, programme_titles=titles, invariant=True)
    return data, tuple(drawn)
