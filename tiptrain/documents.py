"""Making a workspace's documents: the one place that joins settings, catalogue, trainers and the exports.

`tiptrain export` and `tiptrain demo` both make calendars and PDFs for workshops of the register; they
ask this module, so that a pack made by either has the same partner, team names, organiser and agenda.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import TYPE_CHECKING

from curriculum.agenda import Agenda, build_agenda
from curriculum.models import Catalogue, Question, Unit, in_language
from curriculum.timezones import resolve_zone
from exports.models import Participant
from scheduler.models import Request, Trainer, Workshop
from tiptrain.settings import Settings

ANSWER_KEY_COLUMNS = ("question", "unit", "answer")
"""Columns of the answer key CSV (SPEC 10)."""
if TYPE_CHECKING:
    from tiptrain.register.api import Register


def configure_fonts(settings: Settings) -> None:
    """Use the TrueType file named in `[fonts] chinese` for Chinese characters (exit 2 when it is not there).

    Without it, Chinese comes from the bundled Noto Sans SC (Python package pylopdf-fonts-zh-cn); only a
    broken install lacks both, and then a Chinese document fails with `ChineseFontMissing` (exit 2).
    """
    from exports.fonts import FontsMissing, use_font_file

    chinese = settings.file.fonts.chinese
    if chinese:
        path = settings.workspace / chinese
        if not path.is_file():
            raise FontsMissing(f"[fonts] chinese in tiptrain.toml names {path}, which does not exist")
        use_font_file("cjk", path)


@dataclass
class Documents:
    """What every document of a workspace needs to know, loaded once."""

    settings: Settings
    catalogue: Catalogue
    trainers: dict[str, Trainer] = field(default_factory=dict)
    requests: dict[str, Request] = field(default_factory=dict)

    @classmethod
    def of(cls, settings: Settings, catalogue: Catalogue) -> Documents:
        """Documents for a workspace, reading its trainers and requests when the files exist."""
        from scheduler.inputs import load_requests, load_trainers

        configure_fonts(settings)
        trainers = load_trainers(settings.trainers_path) if settings.trainers_path.exists() else []
        requests = load_requests(settings.requests_path, catalogue) if settings.requests_path.exists() else []
        return cls(settings, catalogue, {t.id: t for t in trainers}, {r.id: r for r in requests})

    @property
    def organizer(self) -> tuple[str, str]:
        programme = self.settings.file.programme
        return programme.contact_name, programme.contact_email

    @property
    def partners(self) -> dict[str, str]:
        return {key: request.partner for key, request in self.requests.items() if request.partner}

    def team_names(self, workshop: Workshop) -> list[str]:
        return [self.trainers[t].name if t in self.trainers else t for t in workshop.trainers]

    def agenda(self, workshop: Workshop, lang: str) -> Agenda:
        """The workshop's programme laid out on its dates, in its host's time zone."""
        return build_agenda(
            self.catalogue.programme(workshop.programme),
            self.catalogue.units,
            workshop.start,
            resolve_zone(workshop.country, workshop.tz, workshop.city, (workshop.start, workshop.end)),
            language=lang,
            country=workshop.country,
        )

    def title(self, workshop: Workshop, lang: str) -> str:
        return self.programme_title(workshop.programme, lang)

    def programme_title(self, programme_id: str, lang: str) -> str:
        """The programme's title in `lang`, else English; the id when the catalogue lacks it."""
        programme = self.catalogue.programmes.get(programme_id)
        if programme is None:
            return programme_id
        return in_language(programme.title, lang)

    def units(self, workshop: Workshop) -> list[Unit]:
        programme = self.catalogue.programmes.get(workshop.programme)
        return [self.catalogue.units[u] for u in (programme.units if programme else []) if u in self.catalogue.units]

    def plan_ics(self, workshops: Sequence[Workshop], now: datetime, lang: str = "en") -> bytes:
        from exports.ics import plan_calendar

        return plan_calendar(
            workshops,
            organizer=self.organizer,
            trainers=self.trainers,
            now=now,
            lang=lang,
            catalogue=self.catalogue,
            partners=self.partners,
        )

    def trainer_ics(self, trainer: Trainer, workshops: Sequence[Workshop], now: datetime, lang: str = "en") -> bytes:
        from exports.ics import trainer_calendar

        return trainer_calendar(
            trainer,
            workshops,
            organizer=self.organizer,
            trainers=self.trainers,
            now=now,
            lang=lang,
            catalogue=self.catalogue,
            partners=self.partners,
        )

    def workshop_ics(self, workshop: Workshop, now: datetime, lang: str) -> bytes:
        from exports.ics import workshop_calendar

        agenda = self.agenda(workshop, lang)
        return workshop_calendar(workshop, agenda, organizer=self.organizer, trainers=self.trainers, now=now, lang=lang)

    def pack(self, workshop: Workshop, lang: str, paper: str = "a4") -> bytes:
        from exports.pdf import participant_pack

        return participant_pack(
            workshop,
            self.agenda(workshop, lang),
            self.catalogue,
            lang=lang,
            paper=paper,
            partner=self.partners.get(workshop.request),
            organiser=self.settings.file.programme.name,
            team=self.team_names(workshop),
            threshold=self.settings.file.certificates.threshold,
            questions=self.questions(workshop),
        )

    def questions(self, workshop: Workshop) -> list[Question]:
        """The workshop's pre- and post-test: drawn from its programme's units, the same for pack and key."""
        from curriculum.questions import programme_test

        if workshop.programme not in self.catalogue.programmes:
            return []  # the pack still prints, with a note that there are no questions
        return programme_test(self.catalogue, workshop.programme)

    def answer_key(self, workshop: Workshop, lang: str, fmt: str = "pdf", paper: str = "a4") -> bytes:
        """The trainer's key to the workshop's test: a PDF in `lang`, or CSV (question, unit, answer; SPEC 10)."""
        questions = self.questions(workshop)
        if fmt == "csv":
            from curriculum.questions import answer_key
            from exports.csv import csv_bytes

            return csv_bytes(ANSWER_KEY_COLUMNS, answer_key(questions))
        from exports.pdf.answer_key import answer_key_pdf

        return answer_key_pdf(
            workshop,
            questions,
            self.catalogue.units,
            lang=lang,
            title=self.title(workshop, lang),
            paper=paper,
            organiser=self.settings.file.programme.name,
        )

    def signin(
        self,
        workshop: Workshop,
        roster: Sequence[Participant],
        lang: str,
        paper: str = "a4",
        expected: int | None = None,
    ) -> bytes:
        from exports.pdf import signin_sheets

        programme = self.catalogue.programmes.get(workshop.programme)
        rows = expected if expected is not None else max(len(roster), programme.participants.max if programme else 0)
        return signin_sheets(
            workshop,
            list(roster),
            rows,
            lang=lang,
            paper=paper,
            title=self.title(workshop, lang),
            organiser=self.settings.file.programme.name,
        )

    def certificates(
        self,
        workshop: Workshop,
        roster: Sequence[Participant],
        lang: str,
        *,
        register: Register,
        paper: str = "a4",
        threshold: float | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> bytes:
        """Certificates for those who attended enough days; nobody whose data was erased on request gets one.

        A forgotten person's roster row keeps its attendance (the reports count it) but its name is a
        tombstone: a certificate for "(forgotten)" would be meaningless and would show the erasure. Each
        certificate's verification code comes from `register` (created on first issue, the same ever
        after); revoked certificates are not printed again. The programme head and the request's national
        partner sign; the contact hours are the agenda's teaching time.
        """
        from exports.pdf import certificates
        from tiptrain.register.privacy import FORGOTTEN

        share = threshold or self.settings.file.certificates.threshold
        codes = register.certificate_codes(workshop.id, share)
        forgotten = {number for number, person in enumerate(roster, start=1) if person.name == FORGOTTEN}
        programme = self.settings.file.programme
        return certificates(
            workshop,
            list(roster),
            self.units(workshop),
            threshold=share,
            lang=lang,
            paper=paper,
            signatories=[programme.head, self.partners.get(workshop.request, "")],
            roles=[label_of("certificate.role.head", lang), label_of("certificate.role.partner", lang)],
            progress=progress,
            title=self.title(workshop, lang),
            organiser=programme.name,
            withheld=forgotten,
            codes=codes,
            verify_url=programme.verify_url,
            contact_minutes=self.teaching_minutes(workshop, lang),
        )

    def teaching_minutes(self, workshop: Workshop, lang: str) -> int:
        """Minutes of the agenda spent on units (contact hours): opening, tests and pauses do not count."""
        return sum(
            _minutes(session.end) - _minutes(session.start)
            for day in self.agenda(workshop, lang).days
            for session in day.sessions
            if session.unit is not None
        )


def label_of(key: str, lang: str) -> str:
    """A label of the exports' locale files (imported lazily: exports load babel)."""
    from exports.labels import label

    return label(key, lang)


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute
