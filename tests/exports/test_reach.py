"""Packs and certificates name a regional workshop's countries and explain the language they are printed in."""

from __future__ import annotations

from exportkit import make_agenda, make_participant, make_workshop, pdf_pages

from curriculum.models import Catalogue
from exports.pdf import certificates, participant_pack
from exports.reach import Reach, countries_text, language_notes, partial_parts, text_language

KYIV = Reach(languages=("uk",), interpreted=(("en", "uk"),))
PRAIA = Reach(countries=("BJ", "TG", "GN"))


def first_page(catalogue: Catalogue, lang: str, reach: Reach, *, workshop_language: str = "en") -> str:
    workshop = make_workshop(programme="first-responders-1d", days=1, language=workshop_language)
    agenda = make_agenda(catalogue, workshop, "Europe/Kyiv", text_language(lang, workshop_language))
    pack = participant_pack(workshop, agenda, catalogue, lang=lang, organiser="x", reach=reach, invariant=True)
    return " ".join(pdf_pages(pack)[0].split())


def test_kyiv_pack_first_page_says_in_english_and_ukrainian_why_its_texts_are_english(catalogue: Catalogue) -> None:
    text = first_page(catalogue, "en", KYIV)

    assert (
        "The texts of this pack are in English: the course catalogue has no Ukrainian version yet."
        " Interpretation English–Ukrainian is provided." in text,
        "Мова текстів цього пакета: англійська. У каталозі курсу ще немає версії мовою: українська."
        " Забезпечено усний переклад: англійська–українська." in text,
    ) == (True, True)


def test_pack_without_participant_languages_has_no_language_note(catalogue: Catalogue) -> None:
    text = first_page(catalogue, "en", Reach())

    assert text.count("course catalogue") == 0


def test_language_note_without_interpretation_names_no_pair() -> None:
    assert language_notes(Reach(languages=("uk",)), "fr", "fr")[0] == (
        "fr",
        "Les textes de ce dossier sont en français : le catalogue du cours n'a pas encore de version en ukrainien.",
    )


def test_language_note_for_a_language_without_labels_is_only_in_the_pack_language() -> None:
    notes = language_notes(Reach(languages=("ro",), interpreted=(("en", "ro"),)), "en", "en")

    assert notes == [
        (
            "en",
            "The texts of this pack are in English: the course catalogue has no Romanian version yet."
            " Interpretation English–Romanian is provided.",
        )
    ]


def test_participant_language_of_the_catalogue_needs_no_note() -> None:
    assert language_notes(Reach(languages=("fr",), interpreted=(("en", "fr"),)), "en", "en") == []


def test_portuguese_pack_prints_unit_texts_in_the_workshop_language_and_says_so(catalogue: Catalogue) -> None:
    workshop = make_workshop(programme="first-responders-1d", days=1, language="fr")
    agenda = make_agenda(catalogue, workshop, "Africa/Bamako", "fr")
    pages = pdf_pages(participant_pack(workshop, agenda, catalogue, lang="pt", organiser="x", invariant=True))
    cover, text = " ".join(pages[0].split()), " ".join(" ".join(pages).split())
    unit = catalogue.units["FAK-1"]

    assert (
        "Os textos das unidades estão em francês: o catálogo do curso ainda não tem versão em português." in cover,
        "Les textes des modules sont en français : le catalogue du cours n'a pas encore de version en portugais."
        in cover.replace("\u00a0", " "),
        "Os rótulos em português deste dossiê são uma tradução provisória, ainda não revista." in cover,
        "DOSSIÊ DO PARTICIPANTE" in cover,
        unit.summary["fr"].split()[0] in text and "Objetivos de aprendizagem" in text,
    ) == (True, True, True, True, True)


def test_partial_labels_name_the_parts_of_the_pack_printed_in_english() -> None:
    assert partial_parts("uk") == [
        "pack.cover",
        "pack.practical",
        "pack.agenda",
        "pack.handouts",
        "checklist.title",
        "evaluation.title",
        "test.title",
        "notes.title",
    ]


def test_regional_pack_cover_names_host_and_participating_countries(catalogue: Catalogue) -> None:
    assert "Participating countries: Mali, Benin, Guinea and Togo" in first_page(catalogue, "en", PRAIA)


def test_countries_are_named_in_the_document_language() -> None:
    assert countries_text("CV", ["BJ", "TG", "GN"], "fr") == "Pays participants : Cap-Vert, Bénin, Guinée et Togo"


def test_certificates_of_a_regional_workshop_name_its_countries(catalogue: Catalogue) -> None:
    workshop = make_workshop("W-cv-praia-leg", city="Praia", country="CV", programme="legislation-2d", days=2)
    people = [make_participant("Afi Mensah", [True, True])]
    pdf = certificates(workshop, people, [], lang="es", countries=PRAIA.countries, invariant=True)

    assert "Países participantes: Cabo Verde, Benín, Guinea y Togo" in " ".join(pdf_pages(pdf)[0].split())


def test_portuguese_certificate_lists_units_in_the_workshop_language(catalogue: Catalogue) -> None:
    workshop = make_workshop(programme="legislation-2d", days=2, language="fr")
    unit = catalogue.units["MAN-01"]
    pdf = certificates(workshop, [make_participant("Afi Mensah", [True, True])], [unit], lang="pt", invariant=True)
    text = " ".join(pdf_pages(pdf)[0].split())

    assert ("Unidades abordadas:" in text, unit.title["fr"].split()[0] in text, unit.title["en"] in text) == (
        True,
        True,
        False,
    )
