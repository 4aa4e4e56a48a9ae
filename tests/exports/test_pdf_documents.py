"""Whole documents read back with pypdf: pack, sign-in sheets, certificates, period report."""

from __future__ import annotations

import io
from datetime import date

import pytest
from exportkit import make_agenda, make_participant, make_workshop, pdf_fonts, pdf_pages, pdf_text, tiny_catalogue
from reportlab.lib.pagesizes import A4, LETTER

from curriculum.models import Catalogue
from curriculum.questions import programme_test
from exports.labels import label
from exports.models import Participant, PeriodReport
from exports.pdf import certificates, participant_pack, report_pdf, signin_sheets
from exports.pdf.certificates import eligible

HOSTILE = "A<B & Co"
ORGANISER = "Global training initiative <sample> & partners"


def page_size_of(data: bytes, page: int = 0) -> tuple[float, float]:
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(data)).pages[page].mediabox
    return float(box.width), float(box.height)


def outline_titles(data: bytes) -> list[str]:
    from pypdf import PdfReader

    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)  # type: ignore[attr-defined]

    walk(PdfReader(io.BytesIO(data)).outline)
    return titles


@pytest.fixture(scope="module")
def pack(catalogue: Catalogue) -> bytes:
    workshop = make_workshop(programme="first-responders-1d", days=1)
    return participant_pack(
        workshop,
        make_agenda(catalogue, workshop, "Africa/Bamako"),
        catalogue,
        lang="en",
        partner=HOSTILE,
        organiser=ORGANISER,
        team=["Amina Diallo"],
        questions=programme_test(catalogue, "first-responders-1d"),
        invariant=True,
    )


def test_pack_has_every_section_title(pack: bytes) -> None:
    text = pdf_text(pack)
    for key in (
        "pack.practical",
        "pack.agenda",
        "checklist.title",
        "evaluation.title",
        "test.title",
        "test.sheet",
        "notes.title",
    ):
        assert label(key, "en") in text, key


def test_pack_has_a_handout_per_unit_with_its_title(pack: bytes, catalogue: Catalogue) -> None:
    text = pdf_text(pack)
    for unit_id in catalogue.programme("first-responders-1d").units:
        assert catalogue.unit(unit_id).title["en"] in text  # type: ignore[index]


def test_pack_prints_hostile_partner_exactly(pack: bytes) -> None:
    assert f"In partnership with {HOSTILE}" in pdf_pages(pack)[0]


def test_pack_outline_has_every_section(pack: bytes) -> None:
    titles = outline_titles(pack)
    assert {
        "Cover",
        "Practical information",
        "Agenda",
        "Unit handouts",
        "Indicator checklist",
        "Evaluation form",
        "Pre- and post-test",
        "Answer sheet",
        "Notes",
    } <= set(titles)
    assert "FAK-1 · Recognising human trafficking" in titles


def test_pack_footer_numbers_pages_but_not_the_cover(pack: bytes) -> None:
    pages = pdf_pages(pack)
    assert "Page 1 of" not in pages[0]
    assert f"Page 2 of {len(pages)}" in pages[1]


def test_pack_metadata_title_and_language(pack: bytes) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pack))
    assert reader.metadata.title == "Participant pack — First response to human trafficking, Bamako, Mali"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_pack_embeds_every_font(pack: bytes) -> None:
    fonts = pdf_fonts(pack)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name or "Times" in name for name in fonts)


def test_pack_invariant_is_byte_identical(pack: bytes, catalogue: Catalogue) -> None:
    workshop = make_workshop(programme="first-responders-1d", days=1)
    again = participant_pack(
        workshop,
        make_agenda(catalogue, workshop, "Africa/Bamako"),
        catalogue,
        lang="en",
        partner=HOSTILE,
        organiser=ORGANISER,
        team=["Amina Diallo"],
        questions=programme_test(catalogue, "first-responders-1d"),
        invariant=True,
    )
    assert again == pack


@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("letter", LETTER)])
def test_pack_paper_size(catalogue: Catalogue, paper: str, size: tuple[float, float]) -> None:
    workshop = make_workshop(programme="first-responders-1d", days=1)
    data = participant_pack(
        workshop,
        make_agenda(catalogue, workshop, "Africa/Bamako"),
        catalogue,
        lang="en",
        paper=paper,
        organiser="x",
        invariant=True,
    )
    assert page_size_of(data) == pytest.approx(size, abs=0.01)


def test_pack_in_french_marks_english_stand_ins() -> None:
    tiny = tiny_catalogue()
    workshop = make_workshop(programme="demo-2d", days=2)
    text = " ".join(
        pdf_text(
            participant_pack(
                workshop,
                make_agenda(tiny, workshop, "Africa/Bamako", "fr"),
                tiny,
                lang="fr",
                organiser="x",
                invariant=True,
            )
        ).split()
    )
    assert "Ordre du jour" in text
    assert "Liste de contrôle des indicateurs" in text
    assert "T-1 · Repérer les signes" in text
    assert "T-2 · First contact (partie 1 sur 3) (en anglais)" in text
    assert "Texte en anglais : il n'est pas encore traduit." in text.replace("\u00a0", " ")


def test_pack_in_russian_has_cyrillic_sections(catalogue: Catalogue) -> None:
    workshop = make_workshop(programme="criminal-justice-3d", days=3)
    text = " ".join(
        pdf_text(
            participant_pack(
                workshop,
                make_agenda(catalogue, workshop, "Europe/Kyiv", "ru"),
                catalogue,
                lang="ru",
                organiser="x",
                invariant=True,
            )
        ).split()
    )
    assert all(label(key, "ru") in text for key in ("pack.agenda", "checklist.title", "evaluation.title"))


ROSTER = [
    make_participant(HOSTILE, [True, True, True, True, True]),
    make_participant("Aminata Traoré", [True, True, True, True, False], profession="prosecutors"),
    make_participant("Moussa Keïta", [True, True, True, False, False], profession="judges"),
    make_participant("Never Came", [False, False, False, False, False]),
]


def test_signin_one_landscape_page_per_day_with_roster_names() -> None:
    workshop = make_workshop()
    data = signin_sheets(workshop, ROSTER, expected=10, lang="en", invariant=True)
    pages = pdf_pages(data)
    assert len(pages) == 5
    width, height = page_size_of(data)
    assert width > height
    for number, page in enumerate(pages, start=1):
        assert f"Day {number} of 5" in page
        assert all(p.name in page for p in ROSTER)
        assert "10" in page.split("Moussa")[-1]  # blank numbered rows up to the expected number


def test_signin_long_roster_runs_onto_more_pages_per_day() -> None:
    roster = [make_participant(f"Participant {n:02d}", [True]) for n in range(1, 41)]
    data = signin_sheets(make_workshop(days=1), roster, expected=40, lang="en", invariant=True)
    pages = pdf_pages(data)
    assert len(pages) >= 2
    assert "Participant 40" in pages[-1]
    assert all("Signature" in page for page in pages)  # the column heads repeat


def test_signin_letter_paper_landscape() -> None:
    data = signin_sheets(make_workshop(days=1), ROSTER, expected=5, lang="ru", paper="letter", invariant=True)
    assert page_size_of(data) == pytest.approx((LETTER[1], LETTER[0]), abs=0.01)
    assert "Лист регистрации" in pdf_text(data)


@pytest.mark.parametrize(
    ("attendance", "earns"),
    [
        ([True] * 5, True),
        ([True, True, True, True, False], True),
        ([True, True, True, False, False], False),
        ([False] * 5, False),
        ([True, True], True),
        ([True, False], False),
    ],
)
def test_certificate_threshold_eighty_percent(attendance: list[bool], earns: bool) -> None:
    assert bool(eligible([make_participant("X", attendance)], 0.8)) is earns


def test_certificates_one_page_each_for_those_above_threshold(catalogue: Catalogue) -> None:
    calls: list[tuple[int, int]] = []
    units = [catalogue.unit(u) for u in catalogue.programme("tot-5d").units]
    data = certificates(
        make_workshop(),
        ROSTER,
        units,
        lang="en",
        signatories=["Amina Diallo", "Pedro Álvarez"],
        progress=lambda done, total: calls.append((done, total)),
        invariant=True,
    )
    pages = pdf_pages(data)
    assert len(pages) == 2
    assert HOSTILE in pages[0] and "Aminata Traoré" in pages[1]
    assert "Moussa" not in pdf_text(data)
    assert calls == [(1, 2), (2, 2)]
    assert "Certificate of participation" in pages[1]
    assert outline_titles(data) == [HOSTILE, "Aminata Traoré"]


def test_certificates_embed_every_font(catalogue: Catalogue) -> None:
    fonts = pdf_fonts(certificates(make_workshop(), ROSTER[:1], [], lang="ru", invariant=True))
    assert fonts and all(fonts.values()), fonts


def test_certificates_when_nobody_qualifies_say_so() -> None:
    pages = pdf_pages(certificates(make_workshop(), ROSTER[2:], [], lang="en", invariant=True))
    assert len(pages) == 1
    assert "No participant" in pages[0]


def test_certificates_landscape_letter_and_invariant() -> None:
    one = certificates(make_workshop(), ROSTER, [], lang="en", paper="letter", invariant=True)
    assert page_size_of(one) == pytest.approx((LETTER[1], LETTER[0]), abs=0.01)
    assert one == certificates(make_workshop(), ROSTER, [], lang="en", paper="letter", invariant=True)


def report() -> PeriodReport:
    return PeriodReport.model_validate(
        {
            "from": date(2026, 1, 1),
            "to": date(2026, 6, 30),
            "programme_name": ORGANISER,
            "workshops_delivered": 23,
            "workshops_cancelled": 2,
            "countries": ["ML", "UA", "PT", "FJ"],
            "participants": 468,
            "by_profession": {"police": 180, "prosecutors": 90, "judges": 45, "ngo": 153},
            "by_sex": {"f": 178, "m": 290},
            "by_programme": {"tot-5d": 6, "criminal-justice-3d": 17},
            "by_country": {"ML": 200, "UA": 150, "PT": 60, "FJ": 58},
            "by_month": {"2026-01": 2, "2026-02": 5, "2026-04": 16},
            "topics": {"identification": 18},
            "attendance_rate": 0.91,
            "certificates": 431,
            "cascade": 3,
        }
    )


def test_report_narrative_and_figures() -> None:
    text = " ".join(pdf_text(report_pdf(report(), lang="en", invariant=True)).split())
    assert (
        "In the period from 1 January 2026 to 30 June 2026, the programme held 23 workshops in 4 countries "
        "(Fiji, Mali, Portugal and Ukraine), training 468 people."
    ) in text
    assert "police officers (180), NGO staff (153) and prosecutors (90)" in text
    assert "2 planned workshops were cancelled." in text
    for key in ("report.chart.months", "report.chart.professions", "report.chart.countries", "report.t.programmes"):
        assert label(key, "en") in text


def test_report_charts_use_embedded_fonts_only() -> None:
    fonts = pdf_fonts(report_pdf(report(), lang="ru", invariant=True))
    assert fonts and all(fonts.values()), fonts


def test_report_without_deliveries_says_so() -> None:
    empty = report().model_copy(
        update={
            "workshops_delivered": 0,
            "countries": [],
            "participants": 0,
            "by_profession": {},
            "by_country": {},
            "by_month": {},
            "by_sex": {},
        }
    )
    text = pdf_text(report_pdf(empty, lang="en", invariant=True))
    assert "No workshop was delivered" in text
    assert "No data for this period." in text


def test_participant_model_is_what_the_roster_gives() -> None:
    assert Participant.model_fields.keys() >= {"name", "organisation", "profession", "attendance"}
