"""The facilitator guide and the materials: what a trainer reads, in every language, read back from the PDF."""

from __future__ import annotations

from datetime import date

import pytest
from exportkit import bundled_catalogue, embedded_outlines, make_workshop, pdf_fonts, pdf_pages, pdf_text, reading_text

from curriculum.agenda import FIXED_TITLES, Agenda, build_agenda
from curriculum.models import Catalogue
from curriculum.questions import programme_test
from curriculum.teachback import teach_back_plan
from exports.labels import label
from exports.pdf import participant_pack
from exports.pdf.guide import GuideContext, facilitator_guide


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return bundled_catalogue()


def agenda_of(catalogue: Catalogue, programme_id: str, lang: str) -> Agenda:
    titles = {kind: label(f"session.{kind}", lang) for kind in FIXED_TITLES}
    programme = catalogue.programme(programme_id)
    return build_agenda(programme, catalogue.units, date(2027, 2, 15), "UTC", language=lang, fixed_titles=titles)


def guide(catalogue: Catalogue, programme_id: str, lang: str, pages: dict[str, int] | None = None) -> bytes:
    agenda = agenda_of(catalogue, programme_id, lang)
    programme = catalogue.programme(programme_id)
    places = [label("guide.teachback.place", lang, number=n) for n in range(1, 19)]
    context = GuideContext(
        title="Course",
        place="Caracas",
        organiser="Programme office",
        questions=programme_test(catalogue, programme_id),
        pack_pages=pages or {},
        teach_back=teach_back_plan(programme, catalogue, agenda, places),
    )
    return facilitator_guide(context, agenda, catalogue, lang=lang, invariant=True)


@pytest.fixture(scope="module")
def tot_guide(catalogue: Catalogue) -> str:
    return " ".join(pdf_text(guide(catalogue, "tot-5d", "en")).split())


@pytest.mark.parametrize(
    "heading",
    ["Step by step", "What to prepare", "Questions to ask", "Common difficulties", "Teach-back plan", "Answer key"],
)
def test_guide_tot_has_every_part_a_trainer_needs(tot_guide: str, heading: str) -> None:
    assert heading in tot_guide


def test_guide_tot_lists_every_unit_session_with_its_time(catalogue: Catalogue, tot_guide: str) -> None:
    agenda = agenda_of(catalogue, "tot-5d", "en")
    starts = [f"{s.start:%H:%M}–{s.end:%H:%M}" for day in agenda.days for s in day.sessions if s.unit]

    assert [start for start in starts if start not in tot_guide] == []


def test_guide_tot_teach_back_plan_names_numbered_trainees_and_modules(tot_guide: str) -> None:
    assert "Trainee 1 MAN-06" in tot_guide
    assert "Trainee 18" in tot_guide


def test_guide_tot_prints_the_rubric_criteria_and_certified_column(tot_guide: str) -> None:
    assert "1. Objectives:" in tot_guide
    assert "Certified trainer (yes/no)" in tot_guide


def test_guide_prints_trainer_materials_the_pack_leaves_out(catalogue: Catalogue) -> None:
    text = " ".join(pdf_text(guide(catalogue, "first-responders-1d", "en")).split())
    workshop = make_workshop(programme="first-responders-1d", days=1)
    pack = participant_pack(
        workshop, agenda_of(catalogue, "first-responders-1d", "en"), catalogue, lang="en", organiser="x", invariant=True
    )
    pack_text = " ".join(pdf_text(pack).split())

    assert "The Dornby flat: model answer Checklist · For the trainer: printed here" in text
    assert "The Dornby flat: model answer" not in pack_text


@pytest.mark.parametrize("title", ["Scene log Form", "Hand-over form Form", "Referral contact sheet Form"])
def test_pack_prints_participant_forms_after_their_handouts(catalogue: Catalogue, title: str) -> None:
    workshop = make_workshop(programme="first-responders-1d", days=1)
    pack = participant_pack(
        workshop, agenda_of(catalogue, "first-responders-1d", "en"), catalogue, lang="en", organiser="x", invariant=True
    )

    assert title in " ".join(pdf_text(pack).split())


def test_guide_points_at_the_pack_page_of_each_material(catalogue: Catalogue) -> None:
    workshop = make_workshop(programme="first-responders-1d", days=1)
    pages: dict[str, int] = {}
    pack = participant_pack(
        workshop,
        agenda_of(catalogue, "first-responders-1d", "en"),
        catalogue,
        lang="en",
        organiser="x",
        invariant=True,
        pages=pages,
    )
    text = " ".join(pdf_text(guide(catalogue, "first-responders-1d", "en", pages)).split())
    page = pages["material-FAK-4-scene-log"]

    assert "Scene log" in pdf_pages(pack)[page - 1]
    assert f"Scene log — participant pack, page {page}" in text


@pytest.mark.parametrize(
    ("lang", "words"), [("ar", "دليل الميسّر"), ("zh", "主持人指南"), ("es", "Guía del facilitador")]
)
def test_guide_renders_in_the_language_with_embedded_fonts(catalogue: Catalogue, lang: str, words: str) -> None:
    data = guide(catalogue, "first-responders-1d", lang)

    assert words in reading_text(pdf_text(data))
    assert all(pdf_fonts(data).values())


def test_guide_chinese_fonts_hold_the_characters_printed(catalogue: Catalogue) -> None:
    data = guide(catalogue, "first-responders-1d", "zh")
    drawn = set().union(*embedded_outlines(data).values())

    assert set("主持人指南分步说明") <= drawn
