"""Documents lay a workshop out in the zone the one resolver gives, also for a workshop stored without `tz`."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from curriculum.catalogue import load_catalogue
from curriculum.errors import UsageError
from scheduler.models import Workshop
from tiptrain.documents import Documents
from tiptrain.settings import Settings, SettingsFile


def documents(folder: Path) -> Documents:
    file = SettingsFile.model_validate({"period": {"start": date(2027, 1, 1), "end": date(2027, 6, 30)}})
    return Documents(Settings(workspace=folder, file=file), load_catalogue())


def workshop(country: str, city: str, start: date) -> Workshop:
    days = [start + timedelta(days=i) for i in range(5)]
    return Workshop.model_validate(
        {
            "id": "W-x",
            "request": "x",
            "country": country,
            "city": city,
            "programme": "tot-5d",
            "language": "en",
            "start": start,
            "end": days[-1],
            "days": days,
            "trainers": ["t-a"],
        }
    )


@pytest.mark.parametrize(
    ("country", "city", "zone"), [("UA", "Kyiv", "Europe/Kyiv"), ("CN", "Beijing", "Asia/Shanghai")]
)
def test_agenda_of_workshop_without_tz_takes_the_citys_zone(tmp_path: Path, country: str, city: str, zone: str) -> None:
    agenda = documents(tmp_path).agenda(workshop(country, city, date(2027, 3, 1)), "en")

    assert agenda.tz == zone


def test_agenda_of_workshop_in_unknown_town_of_zones_with_different_offsets_asks_for_tz(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^a tz is required: 'Invented Town' is not a city tiptrain knows in RU"):
        documents(tmp_path).agenda(workshop("RU", "Invented Town", date(2027, 3, 1)), "en")
