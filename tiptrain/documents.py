"""Making a workspace's documents: the one place that joins settings, catalogue, trainers and the exports.

`tiptrain export` and `tiptrain demo` both make calendars and PDFs for workshops of the register; they
ask this module, so that a pack made by either has the same partner, team names, organiser and agenda.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from curriculum.agenda import FIXED_TITLES, Agenda, build_agenda
from curriculum.models import Catalogue, Question, Unit, in_language
from curriculum.timezones import resolve_zone
from exports.models import Participant
from scheduler.models import Request, Trainer, Workshop
from tiptrain.settings import Settings

ANSWER_KEY_COLUMNS = ("question", "unit", "answer")
"""Columns of the answer key CSV (SPEC 10)."""
GUIDE_MONDAY = date(2001, 1, 1)
"""A Monday on which a programme's guide lays out its days when no workshop gives dates (they are not printed)."""
if TYPE_CHECKING:
    from exports.pdf.guide import GuideContext as GuideContextType
    from exports.reach import Reach
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
        """Documents for a workspace: its trainers and requests from the files when they exist, else the register."""
        from tiptrain.inputs_sync import workspace_requests, workspace_trainers

        configure_fonts(settings)
        trainers, requests = workspace_trainers(settings), workspace_requests(settings, catalogue)
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
        """The workshop's programme laid out on its dates, in its host's time zone; breaks named in `lang`."""
        return build_agenda(
            self.catalogue.programme(workshop.programme),
            self.catalogue.units,
            workshop.start,
            resolve_zone(workshop.country, workshop.tz, workshop.city, (workshop.start, workshop.end)),
            language=lang,
            country=workshop.country,
            fixed_titles={kind: label_of(f"session.{kind}", lang) for kind in FIXED_TITLES},
        )

    def title(self, workshop: Workshop, lang: str) -> str:
        """The programme's title as a document in `lang` prints it.

        In the workshop's language when the catalogue lacks `lang`: a Portuguese sign-in sheet of a French
        workshop has the French title.
        """
        from exports.reach import text_language

        return self.programme_title(workshop.programme, text_language(lang, workshop.language))

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

    def reach(self, workshop: Workshop) -> Reach:
        """The workshop's other participating countries and participant languages, from its request."""
        from exports.reach import Reach

        request = self.requests.get(workshop.request)
        if request is None:
            return Reach()
        countries = tuple(code for code in request.regional if code != workshop.country)
        return Reach(countries, tuple(request.other_languages()), tuple(request.interpreted_pairs()))

    def participant_label_languages(self, workshop: Workshop) -> list[str]:
        """Participant languages (other than the workshop's) that have a label file: a pack can speak them.

        The demo prints a pack in each (Lisbon: Portuguese, draft); a language with few labels (Ukrainian's
        file holds only the first page's notes) or none is served by the notes on the workshop's pack.
        """
        from exports.labels import PACK_COVERAGE, coverage

        request = self.requests.get(workshop.request)
        others = request.other_languages() if request is not None else []
        return [code for code in others if coverage(code) >= PACK_COVERAGE]

    def pack(self, workshop: Workshop, lang: str, paper: str = "a4") -> bytes:
        """The participant pack in `lang`, its first page naming the countries and languages it reaches.

        Unit texts (and the agenda's titles) are in the workshop's language when the catalogue lacks `lang`.
        """
        from exports.pdf import participant_pack
        from exports.reach import text_language

        return participant_pack(
            workshop,
            self.agenda(workshop, text_language(lang, workshop.language)),
            self.catalogue,
            lang=lang,
            paper=paper,
            partner=self.partners.get(workshop.request),
            organiser=self.settings.file.programme.name,
            team=self.team_names(workshop),
            threshold=self.settings.file.certificates.threshold,
            questions=self.questions(workshop),
            reach=self.reach(workshop),
        )

    def guide(self, workshop: Workshop, lang: str, trainees: Sequence[str] = (), paper: str = "a4") -> bytes:
        """The facilitator guide of a workshop: its agenda, pack pages, test and (for a ToT) teach-back plan.

        `trainees` are the roster's names in roster order; without them the plan has numbered places for
        the programme's largest group. The pack is laid out once, unprinted, to learn its page numbers.
        """
        from exports.formats import country_name
        from exports.labels import label
        from exports.pdf import participant_pack
        from exports.pdf.guide import GuideContext

        agenda = self.agenda(workshop, lang)
        questions = self.questions(workshop)
        pages: dict[str, int] = {}
        organiser = self.settings.file.programme.name
        team = self.team_names(workshop)
        participant_pack(
            workshop,
            agenda,
            self.catalogue,
            lang=lang,
            paper=paper,
            organiser=organiser,
            team=team,
            questions=questions,
            reach=self.reach(workshop),
            pages=pages,
        )
        place = label("place", lang, city=workshop.city, country=country_name(workshop.country, lang))
        context = GuideContext(
            title=self.title(workshop, lang),
            place=place,
            organiser=organiser,
            team=team,
            trainees=list(trainees),
            questions=questions,
            pack_pages=pages,
        )
        return self._guide(context, agenda, lang, paper, (workshop.id, workshop.programme))

    def programme_guide(self, programme_id: str, lang: str, paper: str = "a4") -> bytes:
        """The facilitator guide of a programme before any workshop: numbered days, no pack pages, no team."""
        from curriculum.questions import programme_test
        from exports.labels import label
        from exports.pdf.guide import GuideContext

        programme = self.catalogue.programme(programme_id)
        titles = {kind: label(f"session.{kind}", lang) for kind in FIXED_TITLES}
        agenda = build_agenda(programme, self.catalogue.units, GUIDE_MONDAY, "UTC", language=lang, fixed_titles=titles)
        context = GuideContext(
            title=self.programme_title(programme_id, lang),
            place=label("guide.any_place", lang),
            organiser=self.settings.file.programme.name,
            dated=False,
            questions=programme_test(self.catalogue, programme_id),
        )
        return self._guide(context, agenda, lang, paper, (programme_id,))

    def _guide(
        self, context: GuideContextType, agenda: Agenda, lang: str, paper: str, keywords: tuple[str, ...]
    ) -> bytes:
        """Add the teach-back plan (trainees, else numbered places) and print the guide."""
        from dataclasses import replace

        from curriculum.teachback import teach_back_plan
        from exports.labels import label
        from exports.pdf.guide import facilitator_guide

        programme = self.catalogue.programme(agenda.programme)
        places = [label("guide.teachback.place", lang, number=n) for n in range(1, programme.participants.max + 1)]
        plan = teach_back_plan(programme, self.catalogue, agenda, list(context.trainees) or places)
        context = replace(context, teach_back=plan)
        return facilitator_guide(context, agenda, self.catalogue, lang=lang, paper=paper, keywords=keywords)

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
            countries=self.reach(workshop).countries,
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
