"""Invented participants for the demo's delivered workshops: rosters that look real and belong to nobody.

Names are drawn from short lists of common given names and family names per language and combined at
random with a fixed seed, so the demo is repeatable and no roster names a real person on purpose.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence

from curriculum.models import LETTERS, Question
from exports.models import Participant
from scheduler.models import Request, Workshop

GIVEN: dict[str, tuple[str, ...]] = {
    "ar": ("Amal", "Omar", "Huda", "Khalid", "Mona", "Yusuf", "Rana", "Tarek", "Salma", "Nabil", "Dina", "Samir"),
    "en": ("Grace", "Peter", "Mary", "John", "Ruth", "Samuel", "Esther", "David", "Joy", "Paul", "Ana", "Ravi"),
    "es": ("Lucía", "Carlos", "María", "Jorge", "Elena", "Luis", "Rosa", "Diego", "Carmen", "Andrés", "Sofía"),
    "fr": ("Aminata", "Moussa", "Fatou", "Ibrahim", "Awa", "Jean", "Mariam", "Oumar", "Claire", "Seydou"),
    "ru": ("Olga", "Sergei", "Aigerim", "Timur", "Dilnoza", "Rustam", "Elena", "Bakyt", "Natalia", "Farrukh"),
    "zh": ("Wei", "Fang", "Jun", "Li", "Hui", "Ming", "Xiu", "Tao", "Ying", "Qiang"),
}
FAMILY: dict[str, tuple[str, ...]] = {
    "ar": ("Haddad", "Mansour", "Saleh", "Nasser", "Farouk", "Khalil", "Aziz", "Hamdan", "Rahman", "Youssef"),
    "en": ("Naidu", "Tuilagi", "Mensah", "Okoro", "Reyes", "Kumar", "Banda", "Cole", "Vatu", "Hughes"),
    "es": ("Quispe", "Mamani", "Rojas", "Gómez", "Pérez", "Vargas", "Torres", "Flores", "Rivas", "Castillo"),
    "fr": ("Traoré", "Diallo", "Keïta", "Coulibaly", "Sow", "Ndayishimiye", "Camara", "Koné", "Diarra", "Bah"),
    "ru": ("Ivanova", "Nurlanov", "Karimova", "Sadykov", "Petrenko", "Abdullaev", "Tashkentova", "Omarov"),
    "zh": ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"),
}
ORGANISATIONS: dict[str, str] = {
    "police": "National Police",
    "border-guards": "Border Guard Service",
    "immigration": "Immigration Department",
    "labour-inspectors": "Labour Inspectorate",
    "consular": "Ministry of Foreign Affairs",
    "prosecutors": "Public Prosecution Service",
    "judges": "Judicial Council",
    "coordinators": "National Anti-Trafficking Office",
    "victim-services": "Victim Support Centre",
    "ngo": "Community Shelter Network",
}


def roster(workshop: Workshop, request: Request, seed: int = 2012) -> list[Participant]:
    """The invented roster of a workshop: the request's number of people, its audiences, mostly present."""
    rng = random.Random(f"{seed}-{workshop.id}")
    names = _unique_names(rng, workshop.language, request.participants)
    countries = [request.country, *request.regional]
    return [_person(rng, name, request, countries, len(workshop.days)) for name in names]


def _unique_names(rng: random.Random, language: str, count: int) -> list[str]:
    given, family = GIVEN.get(language, GIVEN["en"]), FAMILY.get(language, FAMILY["en"])
    pool = [f"{g} {f}" for g in given for f in family]
    rng.shuffle(pool)
    return pool[:count] if count <= len(pool) else [*pool, *(f"{n} {i}" for i, n in enumerate(pool))][:count]


def _person(rng: random.Random, name: str, request: Request, countries: Sequence[str], days: int) -> Participant:
    profession = rng.choice(request.audiences)
    present = [rng.random() > 0.08 for _ in range(days)]
    if not any(present):
        present[0] = True
    pre = rng.randint(35, 70)
    return Participant(
        name=name,
        organisation=ORGANISATIONS[profession],
        profession=profession,
        sex=rng.choice(("f", "m", "f", "m", "x")) if rng.random() < 0.05 else rng.choice(("f", "m")),
        country=rng.choice(countries),
        attendance=present,
        pre_test=float(pre),
        post_test=float(min(100, pre + rng.randint(5, 35))),
    )


COMMENTS = (
    "The case studies were close to our daily work.",
    "More time for the exercises, please.",
    "Clear handouts; we will share them in our unit.",
    "The group work with other agencies was the most useful part.",
    "Some sessions were too fast.",
)
"""Invented comments for the demo's evaluation forms."""


def evaluation_csv(workshop: Workshop, lines: Sequence[str], forms: int, seed: int = 2012) -> str:
    """Invented evaluation forms of a workshop as the CSV `workshops evaluations` takes: form, unit, rating, comment.

    Each form rates most of `lines` (the form's units, then `overall`), mostly 4 or 5; some carry a comment.
    """
    rng = random.Random(f"{seed}-evaluations-{workshop.id}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["form", "unit", "rating", "comment"])
    for form in range(1, forms + 1):
        for line in lines:
            if rng.random() < 0.1:
                continue  # a line left blank on the paper form
            comment = rng.choice(COMMENTS) if rng.random() < 0.15 else ""
            writer.writerow([form, line, rng.choice((3, 4, 4, 5, 5, 5)), comment])
    return out.getvalue()


BLANK = 0.04
"""Share of questions an invented participant leaves unanswered."""


def answer_sheet(
    workshop: Workshop, people: Sequence[Participant], questions: Sequence[Question], seed: int = 2012
) -> list[list[str]]:
    """An invented answer sheet (header first, SPEC 10), the rows as a coordinator would type them.

    Everyone sits the pre-test and those present on the last day the post-test; each person knows more
    after the workshop, and some questions are harder than others.
    """
    rng = random.Random(f"{seed}-answers-{workshop.id}")
    hardness = {question.id: rng.uniform(-0.2, 0.2) for question in questions}
    pre, post = [], []
    for person in people:
        before = rng.uniform(0.25, 0.6)
        after = min(0.95, before + rng.uniform(0.1, 0.4))
        pre.append([person.name, "pre", *_choices(rng, questions, before, hardness)])
        if person.attendance and person.attendance[-1]:
            post.append([person.name, "post", *_choices(rng, questions, after, hardness)])
    return [["participant", "test", *(question.id for question in questions)], *pre, *post]


def _choices(
    rng: random.Random, questions: Sequence[Question], ability: float, hardness: dict[str, float]
) -> list[str]:
    """The letters one person circles: right with a chance of their ability less the question's hardness."""
    letters = []
    for question in questions:
        if rng.random() < BLANK:
            letters.append("")
        elif rng.random() < ability - hardness[question.id]:
            letters.append(question.answer)
        else:
            letters.append(rng.choice([letter for letter in LETTERS if letter != question.answer]))
    return letters
