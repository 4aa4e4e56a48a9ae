"""The report PDF's reaction and donor pages: headings, rows and met / not met, in English and Arabic."""

from __future__ import annotations

from datetime import date

import pytest
from exportkit import needs_pdftotext, pdftotext, period_report, reading_text

from exports.labels import label
from exports.models import DeliveredWorkshop, Indicator, PeriodReport, Reaction
from exports.pdf import report_pdf
from exports.pdf.donor import monitoring
from exports.pdf.styles import stylesheet


def monitored() -> PeriodReport:
    """The shared small report, with reaction, one delivered workshop and two indicators added."""
    return period_report().model_copy(
        update={
            "reaction": {"FAK-1": Reaction(responses=12, mean=4.25), "overall": Reaction(responses=10, mean=3.5)},
            "workshops": [
                DeliveredWorkshop(
                    id="W-eg-cairo-fr",
                    programme="first-responders-1d",
                    start=date(2026, 2, 2),
                    end=date(2026, 2, 2),
                    city="Cairo",
                    country="EG",
                    countries=["EG", "JO"],
                    partner="Partnerinstitut",
                    participants=20,
                    by_sex={"f": 12, "m": 8},
                )
            ],
            "by_profession_sex": {"police": {"f": 12, "m": 8}},
            "by_nationality": {"EG": 15, "JO": 5},
            "indicators": {
                "women_share": Indicator(target=0.5, value=0.6, met=True),
                "post_test_mean": Indicator(target=0.8, value=0.7, met=False),
            },
        }
    )


@needs_pdftotext
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_report_pdf_has_reaction_and_donor_tables(lang: str) -> None:
    text = reading_text(pdftotext(report_pdf(monitored(), lang=lang, invariant=True)))

    headings = ["report.t.workshops", "report.t.profession_sex", "report.t.nationality", "report.t.indicators"]
    expected = [label(key, lang) for key in headings]
    expected += [label("report.indicator.met.True", lang), label("report.indicator.met.False", lang)]
    assert [heading for heading in expected if reading_text(heading) not in text] == []
    assert ("Partnerinstitut" in text, "FAK-1" in text) == (True, True)


def test_report_pdf_leaves_out_monitoring_sections_without_data() -> None:
    assert monitoring(period_report(), stylesheet("en"), "en", 400, {}) == []
