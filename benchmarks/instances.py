"""Seeded planning instances of the sizes SPEC section 7 budgets: S, M and L.

They are meant to look like a real reporting period: about sixty host countries with their own weekends and
public holidays (through the calendars module), the six UN languages, request windows of three to ten weeks,
priorities 1-5, Ramadan avoided in some Muslim-majority countries, trainers with one or two fields of
expertise, one to three languages, home countries, limits and absences, and the five bundled programmes.
The same seed always gives the same instance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from curriculum.catalogue import load_catalogue
from curriculum.timezones import zones_for_country
from scheduler.models import DateRange, Period, Request, Trainer, Window
from scheduler.problem import PlanningProblem

# country -> (city, language); all have `holidays` calendars.
HOSTS: dict[str, tuple[str, str]] = {
    "ML": ("Bamako", "fr"),
    "SN": ("Dakar", "fr"),
    "CI": ("Abidjan", "fr"),
    "BF": ("Ouagadougou", "fr"),
    "NE": ("Niamey", "fr"),
    "TD": ("N'Djamena", "fr"),
    "CM": ("Yaounde", "fr"),
    "BJ": ("Cotonou", "fr"),
    "TG": ("Lome", "fr"),
    "GN": ("Conakry", "fr"),
    "HT": ("Port-au-Prince", "fr"),
    "MG": ("Antananarivo", "fr"),
    "GA": ("Libreville", "fr"),
    "MA": ("Rabat", "ar"),
    "TN": ("Tunis", "ar"),
    "DZ": ("Algiers", "ar"),
    "EG": ("Cairo", "ar"),
    "JO": ("Amman", "ar"),
    "LB": ("Beirut", "ar"),
    "IQ": ("Baghdad", "ar"),
    "OM": ("Muscat", "ar"),
    "KW": ("Kuwait City", "ar"),
    "QA": ("Doha", "ar"),
    "BH": ("Manama", "ar"),
    "SD": ("Khartoum", "ar"),
    "CO": ("Bogota", "es"),
    "PE": ("Lima", "es"),
    "BO": ("La Paz", "es"),
    "EC": ("Quito", "es"),
    "PY": ("Asuncion", "es"),
    "UY": ("Montevideo", "es"),
    "GT": ("Guatemala City", "es"),
    "HN": ("Tegucigalpa", "es"),
    "SV": ("San Salvador", "es"),
    "NI": ("Managua", "es"),
    "CR": ("San Jose", "es"),
    "PA": ("Panama City", "es"),
    "DO": ("Santo Domingo", "es"),
    "MX": ("Mexico City", "es"),
    "UA": ("Kyiv", "ru"),
    "KG": ("Bishkek", "ru"),
    "TJ": ("Dushanbe", "ru"),
    "UZ": ("Tashkent", "ru"),
    "AM": ("Yerevan", "ru"),
    "AZ": ("Baku", "ru"),
    "GE": ("Tbilisi", "ru"),
    "MD": ("Chisinau", "ru"),
    "KZ": ("Astana", "ru"),
    "CN": ("Kunming", "zh"),
    "HK": ("Hong Kong", "zh"),
    "MO": ("Macau", "zh"),
    "NG": ("Abuja", "en"),
    "GH": ("Accra", "en"),
    "KE": ("Nairobi", "en"),
    "UG": ("Kampala", "en"),
    "TZ": ("Dodoma", "en"),
    "ZA": ("Pretoria", "en"),
    "ZM": ("Lusaka", "en"),
    "PH": ("Manila", "en"),
    "TH": ("Bangkok", "en"),
    "KH": ("Phnom Penh", "en"),
    "NP": ("Kathmandu", "en"),
    "BD": ("Dhaka", "en"),
    "LK": ("Colombo", "en"),
    "PK": ("Islamabad", "en"),
    "JM": ("Kingston", "en"),
}
MUSLIM_MAJORITY = frozenset(
    {
        "ML",
        "SN",
        "NE",
        "TD",
        "GN",
        "MA",
        "TN",
        "DZ",
        "EG",
        "JO",
        "IQ",
        "OM",
        "KW",
        "QA",
        "BH",
        "SD",
        "UZ",
        "TJ",
        "KG",
        "AZ",
        "KZ",
        "BD",
        "PK",
    }
)
TRAINER_HOMES = [*HOSTS, "AT", "FR", "ES", "IT", "GB", "DE"]
PROGRAMMES = {
    "first-responders-1d": 20,
    "tot-5d": 20,
    "criminal-justice-3d": 25,
    "victim-protection-2d": 20,
    "legislation-2d": 15,
}
EXPERTISE = {
    "law-enforcement": 32,
    "criminal-justice": 36,
    "psychology": 18,
    "legislative-drafting": 10,
    "judiciary": 2,
    "victim-support": 2,
}
LANGUAGE_WEIGHTS = {"en": 30, "fr": 20, "es": 18, "ru": 14, "ar": 12, "zh": 6}
AUDIENCES = {
    "first-responders-1d": ["police"],
    "tot-5d": ["police", "prosecutors"],
    "criminal-justice-3d": ["prosecutors"],
    "victim-protection-2d": ["victim-services"],
    "legislation-2d": ["coordinators"],
}


@dataclass(frozen=True)
class Size:
    """The dimensions of one benchmark instance."""

    name: str
    requests: int
    trainers: int
    months: int
    target: int


SIZES = {
    "S": Size("S", 40, 25, 6, 23),
    "M": Size("M", 150, 60, 12, 80),
    "L": Size("L", 600, 200, 24, 300),
}


def _period(size: Size) -> Period:
    start = date(2026, 1, 1)
    year, month = divmod(start.month - 1 + size.months, 12)
    end = date(start.year + year, month + 1, 1) - timedelta(days=1)
    return Period(start=start, end=end, target=size.target, blackouts=[(date(2026, 4, 1), date(2026, 4, 3))])


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _trainer(rng: random.Random, index: int, period: Period) -> Trainer:
    home = rng.choice(TRAINER_HOMES)
    expertise = {_pick(rng, EXPERTISE) for _ in range(rng.choice([1, 1, 2]))}
    own = HOSTS.get(home, ("", "en"))[1]
    languages = {own, "en"} if rng.random() < 0.6 else {own}
    if rng.random() < 0.35:
        languages.add(_pick(rng, LANGUAGE_WEIGHTS))
    days = (period.end - period.start).days
    unavailable = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        first = period.start + timedelta(days=rng.randrange(days))
        unavailable.append(DateRange.model_validate({"from": first, "to": first + timedelta(days=rng.randint(4, 20))}))
    return Trainer(
        id=f"t-{index:03d}",
        name=f"Trainer {index}",
        expertise=sorted(expertise),
        languages=sorted(languages),
        home=home,
        max_workshops=rng.randint(3, 8),
        travel_days=rng.choice([1, 1, 1, 2]),
        unavailable=unavailable,
    )


def _request(rng: random.Random, index: int, period: Period) -> Request:
    country = rng.choice(list(HOSTS))
    city, language = HOSTS[country]
    programme = _pick(rng, PROGRAMMES)
    days = (period.end - period.start).days
    earliest = period.start + timedelta(days=rng.randrange(max(1, days - 20)))
    latest = min(period.end, earliest + timedelta(days=rng.randint(21, 70)))
    preferred = earliest + timedelta(days=rng.randrange((latest - earliest).days - 5)) if rng.random() < 0.6 else None
    zones = zones_for_country(country)
    return Request(
        id=f"r-{index:03d}-{country.lower()}-{programme.split('-')[0]}",
        country=country,
        city=city,
        tz=zones[0] if len(zones) > 1 else None,
        programme=programme,
        language=language,
        audiences=AUDIENCES[programme],
        participants=rng.randint(15, 25),
        window=Window(earliest=earliest, latest=latest),
        preferred_start=preferred,
        priority=rng.randint(1, 5),
        avoid=["ramadan"] if country in MUSLIM_MAJORITY and rng.random() < 0.5 else [],
        interpretation=rng.random() < 0.1,
    )


def make_instance(size: str | Size, seed: int = 1) -> PlanningProblem:
    """A planning problem of the given size ("S", "M", "L" or a Size), the same for the same seed."""
    dims = SIZES[size] if isinstance(size, str) else size
    rng = random.Random(f"{dims.name}-{seed}")
    period = _period(dims)
    trainers = [_trainer(rng, i, period) for i in range(1, dims.trainers + 1)]
    requests = [_request(rng, i, period) for i in range(1, dims.requests + 1)]
    programmes = load_catalogue().programmes
    return PlanningProblem(period=period, trainers=trainers, requests=requests, programmes=programmes)
