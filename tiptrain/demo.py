"""The demo: every step a coordinator takes in a period, on the bundled sample, into one output folder.

It copies the sample workspace into `OUT/workspace` with a fresh register of its own (the user's own
register is never touched), plans the period, confirms the workshops of the first quarter, delivers
those of the first two months with invented rosters and answer sheets (imported like a coordinator's), and
writes every export a programme hands out.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from curriculum.catalogue import load_catalogue
from curriculum.errors import UsageError
from curriculum.models import Catalogue, in_language
from curriculum.questions import programme_test
from exports.evaluation import form_lines
from scheduler.models import Plan, Workshop
from scheduler.problem import PlanningProblem
from scheduler.solver import solve
from tiptrain.demo_people import answer_sheet, evaluation_csv, roster
from tiptrain.documents import Documents
from tiptrain.files import safe_name, write_atomic
from tiptrain.planning import load_inputs
from tiptrain.register.answers import import_answer_sheet
from tiptrain.register.api import Register
from tiptrain.register.cascade_file import read_courses
from tiptrain.register.evaluations import import_evaluations
from tiptrain.register.formats import report_markdown
from tiptrain.register.report import trainer_training_programmes
from tiptrain.sample import sample_folder
from tiptrain.settings import SETTINGS_FILE, Settings, load_settings

CONFIRM_BEFORE = date(2027, 4, 1)
"""Workshops starting before this day are confirmed by their hosts in the demo."""
DELIVER_BEFORE = date(2027, 3, 1)
"""Workshops starting before this day are delivered, with rosters, in the demo."""
DEMO_CLOCK = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
"""The demo's 'now': calendars are stamped with it, so two runs give the same files."""

Say = Callable[[str], None]


@dataclass
class DemoResult:
    """What the demo made: files by kind, and the plan behind them."""

    plan: Plan
    files: dict[str, list[Path]] = field(default_factory=dict)
    delivered: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)

    def add(self, kind: str, path: Path) -> None:
        self.files.setdefault(kind, []).append(path)


DEMO_MARKER = ".tiptrain-demo"
"""The file the demo leaves in its output folder: a later demo may replace files only in a folder holding it."""
MARKER_TEXT = "Written by `tiptrain demo`: a later `tiptrain demo --out` into this folder replaces its files.\n"


def claim_output(out: Path) -> None:
    """Make OUT the demo's folder, or refuse (UsageError) when it already holds files a demo did not write.

    The demo replaces `OUT/workspace` and overwrites its reports; in a folder of the user's own that would
    delete their work, so only a new folder, an empty one, or one a demo wrote (it holds DEMO_MARKER) is used.
    """
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file: give a folder for the demo's files")
    if out.is_dir() and not (out / DEMO_MARKER).is_file() and any(out.iterdir()):
        raise UsageError(
            f"--out {out} already holds files that tiptrain demo did not write, and the demo replaces what it"
            " writes there: nothing was changed. Give a new or empty folder"
        )
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / DEMO_MARKER, MARKER_TEXT.encode())


def prepare_workspace(out: Path) -> Settings:
    """A fresh copy of the sample workspace in OUT/workspace, its register pointed at a new SQLite file."""
    folder = out / "workspace"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in (SETTINGS_FILE, "trainers.yaml", "requests.yaml"):
        shutil.copyfile(sample_folder() / name, folder / name)
    return load_settings(folder)


def run_demo(
    out: Path,
    language: str | None = None,
    say: Say = lambda _: None,
    progress: Callable[[float, float, float], None] | None = None,
    time_limit: float = 20.0,
) -> DemoResult:
    """The whole job on the sample workspace; returns what it wrote (UsageError first if OUT is not the demo's)."""
    claim_output(out)
    settings = prepare_workspace(out)
    catalogue = load_catalogue()
    inputs = load_inputs(settings, catalogue)
    url = f"sqlite:///{settings.workspace / 'tiptrain.db'}"
    say("Planning the period (sample: 35 requests, 15 trainers, target 23) ...")
    problem = PlanningProblem(settings.period, inputs.trainers, inputs.requests, catalogue.programmes)
    plan = solve(problem, seed=0, time_limit=time_limit, progress=progress)
    with Register(url, clock=lambda: DEMO_CLOCK) as register:
        register.store_plan(plan, reason="demo plan")
        register.link_trainers(inputs.trainers)
        run = _Run(out, Documents.of(settings, catalogue), register, DemoResult(plan), language, say)
        run.advance()
        run.record_cascade(trainer_training_programmes(catalogue))
        workshops = register.workshops()
        run.write_plan(workshops)
        run.write_calendars(workshops)
        run.write_documents(workshops)
        run.write_report()
    return run.result


def deliver_answer_sheets(register: Register, catalogue: Catalogue, workshop_ids: list[str], out: Path) -> list[Path]:
    """Invented answer sheets of delivered workshops, written to OUT/answers and imported as a coordinator would.

    They go through `import_answer_sheet`, the use case behind `tiptrain workshops scores`, never into the
    register directly. A workshop whose programme's test is empty (its units have no questions) gets none.
    """
    written = []
    for workshop_id in workshop_ids:
        workshop = register.workshop(workshop_id)
        questions = programme_test(catalogue, workshop.programme)
        if not questions:
            continue
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(
            answer_sheet(workshop, register.participants(workshop_id), questions)
        )
        path = out / "answers" / f"{safe_name(workshop_id)}.csv"
        write_atomic(path, text.getvalue().encode("utf-8"))
        import_answer_sheet(register, catalogue, workshop_id, path)
        written.append(path)
    return written


@dataclass
class _Run:
    """One demo run's steps, sharing the output folder, the documents, the register and the result."""

    out: Path
    documents: Documents
    register: Register
    result: DemoResult
    language: str | None
    say: Say

    def advance(self) -> None:
        """Hosts confirm the first quarter's workshops; the first two months' are delivered with rosters."""
        for workshop in self.result.plan.workshops:
            if workshop.start < CONFIRM_BEFORE:
                self.register.transition(workshop.id, "confirmed", "host confirmed dates and venue (demo)")
                self.result.confirmed.append(workshop.id)
        for workshop in self.result.plan.workshops:
            if workshop.start < DELIVER_BEFORE:
                people = roster(workshop, self.documents.requests[workshop.request])
                self.register.deliver(workshop.id, people)
                self.record_evaluations(workshop, sum(person.attended() for person in people))
                self.result.delivered.append(workshop.id)
        confirmed, delivered = len(self.result.confirmed), len(self.result.delivered)
        self.say(
            f"Confirmed {confirmed} workshops; delivered {delivered} with invented rosters and evaluation forms "
            "(workspace/evaluations, imported as `tiptrain workshops evaluations` does)."
        )
        sheets = deliver_answer_sheets(self.register, self.documents.catalogue, self.result.delivered, self.out)
        for path in sheets:
            self.result.add("answers", path)
        if sheets:
            self.say(f"Imported {len(sheets)} invented answer sheets (pre- and post-tests).")

    def record_evaluations(self, workshop: Workshop, forms: int) -> None:
        """Invented evaluation forms, one per participant present, recorded through the import command's function."""
        catalogue = self.documents.catalogue
        text = evaluation_csv(workshop, form_lines(catalogue.programme(workshop.programme)), forms)
        path = self.documents.settings.workspace / "evaluations" / f"{safe_name(workshop.id)}.csv"
        write_atomic(path, text.encode("utf-8"))
        import_evaluations(self.register, workshop.id, path, catalogue)

    def record_cascade(self, tot_programmes: tuple[str, ...]) -> None:
        """Two certified participants of each delivered ToT ran a course of their own a week or two later.

        The invented courses go through the file import `tiptrain cascade import` uses (workspace file
        cascade-courses.csv), so the demo's report shows the cascade's second-generation reach.
        """
        threshold = self.documents.settings.file.certificates.threshold
        lines = ["trainee,workshop,date,country,participants,audience"]
        for workshop in self.register.workshops(status="delivered"):
            if workshop.programme not in tot_programmes:
                continue
            trainees = [e for e in self.register.roster(workshop.id) if e.participant.earns_certificate(threshold)]
            for number, entry in enumerate(trainees[:2]):
                held_on = workshop.end + timedelta(days=8 + 5 * number)
                person, people = entry.participant, 16 + 7 * number
                lines.append(f"{entry.id},{workshop.id},{held_on},{person.country},{people},{person.profession}")
        path = self.documents.settings.workspace / "cascade-courses.csv"
        write_atomic(path, ("\n".join(lines) + "\n").encode())
        courses = self.register.add_cascade_courses(read_courses(path), tot_programmes, path.name)
        reach = sum(course.participants for course in courses)
        self.say(f"Recorded {len(courses)} follow-on courses run by ToT participants, reaching {reach} people.")

    def write(self, kind: str, path: Path, data: bytes) -> None:
        write_atomic(path, data)
        self.result.add(kind, path)

    def write_pdf(self, kind: str, path: Path, make: Callable[..., bytes], *arguments: object) -> None:
        """A document; Chinese ones too, as the Chinese font comes with tiptrain (PyPI), not from the system."""
        self.write(kind, path, make(*arguments))

    def write_plan(self, workshops: list[Workshop]) -> None:
        """plan.json in the SPEC 4 shape, with each workshop's status and sequence as the register has them."""
        stored = {w.id: w for w in workshops}
        data = self.result.plan.model_dump(mode="json")
        data["workshops"] = [stored[w.id].model_dump(mode="json") for w in self.result.plan.workshops]
        self.write("plan", self.out / "plan.json", (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())

    def write_calendars(self, workshops: list[Workshop]) -> None:
        """The plan's calendar, and one per trainer with a workshop."""
        self.write("calendar", self.out / "calendars" / "plan.ics", self.documents.plan_ics(workshops, DEMO_CLOCK))
        for trainer in self.documents.trainers.values():
            if any(trainer.id in w.trainers for w in workshops):
                path = self.out / "calendars" / "trainers" / f"{safe_name(trainer.id)}.ics"
                self.write("calendar", path, self.documents.trainer_ics(trainer, workshops, DEMO_CLOCK))
        self.say(f"Wrote {len(self.result.files['calendar'])} calendars.")

    def write_documents(self, workshops: list[Workshop]) -> None:
        """A pack per workshop in its language; sign-in sheets and certificates for the delivered ones."""
        documents = self.documents
        for workshop in workshops:
            lang = self.language or workshop.language
            name = f"{safe_name(workshop.id)}-{lang}.pdf"
            self.write_pdf("pack", self.out / "packs" / name, documents.pack, workshop, lang)
            if workshop.status == "delivered":
                people = self.register.participants(workshop.id)
                self.write_pdf("signin", self.out / "signin" / name, documents.signin, workshop, people, lang)
                self.write_pdf(
                    "certificates",
                    self.out / "certificates" / name,
                    functools.partial(documents.certificates, register=self.register),
                    workshop,
                    people,
                    lang,
                )
        self.say(f"Wrote {len(self.result.files['pack'])} participant packs, and sign-in sheets and certificates.")

    def write_report(self) -> None:
        """The period report as PDF and Markdown."""
        from exports.pdf.report import report_pdf

        settings = self.documents.settings
        figures = self.register.report(
            settings.period.start,
            settings.period.end,
            catalogue=self.documents.catalogue,
            threshold=settings.file.certificates.threshold,
            programme_name=settings.file.programme.name,
            requests=self.documents.requests,
            targets=settings.file.indicators.model_dump(),
        )
        lang = self.language or "en"
        titles = {key: self.documents.programme_title(key, lang) for key in self.documents.catalogue.programmes}
        units = {unit.id: in_language(unit.title, lang) for unit in self.documents.catalogue.units.values()}
        pdf = report_pdf(figures, lang=lang, programme_titles=titles, unit_titles=units)
        self.write("report", self.out / "report.pdf", pdf)
        self.write("report", self.out / "report.md", report_markdown(figures).encode("utf-8"))
        self.say("Wrote the period report (PDF and Markdown).")
