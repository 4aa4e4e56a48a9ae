"""Speed of the exports against SPEC section 7: a 40-page pack, 1,000 certificates, 10,000-event iCalendar.

The Chinese pack runs with an empty font cache (its glyphs converted to TrueType, exports.cjk) and with a
warm one (the same pack made once before, untimed).

Each case runs in a fresh subprocess three times (so font loading and caches count as a user would see
them, and peak memory is the child's own), and the median is printed with the budget:

    python benchmarks/export_bench.py

Wall time depends on what else the machine is doing; CPU time is printed beside it for that reason.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3

SETUP = """
import random, resource, time
from datetime import UTC, date, datetime, timedelta
from curriculum.agenda import build_agenda
from curriculum.catalogue import load_catalogue
from curriculum.models import Catalogue, Participants, Programme
from exports.models import Participant
from scheduler.models import Trainer, Workshop

catalogue = load_catalogue([])

def workshop(number, programme, start, country="ML", city="Bamako", status="confirmed"):
    days = [start + timedelta(days=n) for n in range(programme.days)]
    return Workshop(id=f"W-{number:05d}", request=f"r-{number}", country=country, city=city,
                    programme=programme.id, language="en", start=days[0], end=days[-1], days=days,
                    trainers=["t-1", "t-2", "t-3"][: len(programme.team_slots())], status=status,
                    sequence=number % 4)

def finish(started, cpu, data, **extra):
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if data.startswith(b"%PDF"):
        import io
        from pypdf import PdfReader
        extra["pages"] = len(PdfReader(io.BytesIO(data)).pages)
    print(json.dumps({"wall": wall, "cpu": cpu, "rss_mb": peak, "mb": len(data) / 1e6, **extra}))
import json
"""

PACK = """
# every unit of the catalogue, and copies of the Manual's modules: a long course whose pack has 40+ pages
copies = {f"BENCH-{n}": unit.model_copy(update={"id": f"BENCH-{n}", "source": "custom", "prerequisites": []})
          for n, unit in enumerate(catalogue.filter_units(source="manual")[:8], start=1)}
units = {**catalogue.units, **copies}
big = Programme(id="bench-10d", title={"en": "Every unit of the catalogue, and more"}, days=10,
                units=[u.id for u in catalogue.filter_units()] + list(copies),
                team={"law-enforcement": 1, "psychology": 1}, audiences=["police"],
                participants=Participants(min=10, max=30))
bench = Catalogue(units=units, programmes={**catalogue.programmes, big.id: big})
started, cpu = time.perf_counter(), time.process_time()
from exports.pdf import participant_pack
w = workshop(1, big, date(2026, 2, 2))
agenda = build_agenda(big, bench.units, w.start, "Africa/Bamako", language="en", country="ML")
data = participant_pack(w, agenda, bench, lang="en", partner="Ministry of Justice", organiser="Programme",
                        team=["Amina Diallo", "Pedro Alvarez"])
finish(started, cpu, data)
"""

CERTIFICATES = """
rng = random.Random(7)
programme = catalogue.programme("tot-5d")
w = workshop(1, programme, date(2026, 2, 2))
people = [Participant(name=f"Participant {n:04d} {rng.choice(['Traoré', 'Петренко', 'Álvarez', 'Keïta'])}",
                      organisation="Police nationale", profession="police", sex="f", country="ML",
                      attendance=[True] * 5) for n in range(1000)]
units = [catalogue.unit(u) for u in programme.units]
started, cpu = time.perf_counter(), time.process_time()
from exports.certcodes import new_code
from exports.pdf import certificates
codes = {n: new_code() for n in range(1, len(people) + 1)}  # each page also draws its QR code
data = certificates(w, people, units, lang="en", signatories=["Amina Diallo", "Pedro Alvarez", "Olga Petrenko"],
                    codes=codes, verify_url="https://training.example.org/verify/", contact_minutes=1710)
finish(started, cpu, data)
"""

ICS = """
rng = random.Random(7)
programmes = list(catalogue.programmes.values())
places = [("ML", "Bamako"), ("UA", "Kyiv"), ("PT", "Lisbon"), ("FJ", "Suva"), ("VE", "Caracas"), ("AL", "Tirana")]
trainers = {f"t-{n}": Trainer(id=f"t-{n}", name=f"Trainer {n}", expertise=["law-enforcement"], languages=["en"],
                              home="FR", email=f"t{n}@example.org") for n in range(1, 4)}
statuses = ["planned", "confirmed", "delivered", "cancelled"]
workshops = []
for n in range(10_000):
    country, city = rng.choice(places)
    start = date(2026, 1, 5) + timedelta(days=rng.randrange(730))
    workshops.append(workshop(n, rng.choice(programmes), start, country, city, rng.choice(statuses)))
started, cpu = time.perf_counter(), time.process_time()
from exports.ics import plan_calendar
data = plan_calendar(workshops, organizer=("Coordinator", "c@example.org"), trainers=trainers,
                     now=datetime(2026, 1, 1, tzinfo=UTC), catalogue=catalogue)
finish(started, cpu, data, events=data.count(b"BEGIN:VEVENT"))
"""

PACK_ZH = PACK.replace('language="en"', 'language="zh"').replace('lang="en"', 'lang="zh"')

CASES = [
    ("40-page participant pack", PACK, 1.5, None),
    ("40-page Chinese pack, empty font cache", PACK_ZH, 3.0, None),
    ("40-page Chinese pack, warm font cache", PACK_ZH, 1.5, None),
    ("certificates for 1,000 participants", CERTIFICATES, 10.0, 400.0),
    ("iCalendar for 10,000 workshops", ICS, 3.0, None),
]


def run(code: str, cache: str) -> dict[str, float]:
    """One run in a fresh interpreter with `cache` as its XDG cache folder; its JSON line of measurements."""
    done = subprocess.run(
        [sys.executable, "-c", SETUP + code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
        env={**os.environ, "XDG_CACHE_HOME": cache},
    )
    measured: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return measured


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tiptrain-bench-") as warm:
        run(PACK_ZH, warm)  # fills the warm cache
        for name, code, seconds, megabytes in CASES:
            report(name, [measure(code, warm if "warm" in name else None) for _ in range(RUNS)], seconds, megabytes)


def measure(code: str, cache: str | None) -> dict[str, float]:
    """One run with the given font cache folder, or with an empty one of its own."""
    if cache is not None:
        return run(code, cache)
    with tempfile.TemporaryDirectory(prefix="tiptrain-bench-") as empty:
        return run(code, empty)


def report(name: str, runs: list[dict[str, float]], seconds: float, megabytes: float | None) -> None:
    """One line: the medians of the runs against the budget."""
    wall = statistics.median(r["wall"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    rss = max(r["rss_mb"] for r in runs)
    extra = {k: v for k, v in runs[0].items() if k not in ("wall", "cpu", "rss_mb")}
    verdict = "ok" if wall < seconds and (megabytes is None or rss < megabytes) else "OVER BUDGET"
    limits = f"< {seconds} s" + (f", < {megabytes:.0f} MB" if megabytes else "")
    details = ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in extra.items())
    print(
        f"{name}: median wall {wall:.2f} s, cpu {cpu:.2f} s, peak RSS {rss:.0f} MB ({details}); "
        f"budget {limits}: {verdict}"
    )


if __name__ == "__main__":
    main()
