"""POST /workshops/{id}/deliver (roster upload) and GET pack.pdf, signin.pdf, certificates.pdf."""

from __future__ import annotations

import html as markup
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from httpx2 import Response
from openpyxl import Workbook
from pypdf import PdfReader
from starlette.testclient import TestClient
from web_kit import csrf_of, open_register

from tiptrain.documents import Documents
from tiptrain.settings import load_settings
from tiptrain.web.routes.workshop_documents import file_name
from tiptrain.web.routes.workshops import ROSTER_LIMIT

Client = Callable[[str], TestClient]
PAGE = "/workshops/W-ml-bamako"
HEADER = "name,organisation,profession,sex,country,email,day1,day2,day3"
GOOD = [
    "Mariam Koné,Brigade des mineurs,police,f,ML,mariam@example.org,1,1,1",
    "Oumar Diallo,Tribunal de Bamako,judges,m,ML,,1,0,1",
]
BAD = [
    "Mariam Koné,Brigade des mineurs,police,q,ML,mariam@example.org,1,yes,1",
    "Oumar Diallo,Tribunal de Bamako,judges,m,XX,,1,0,1",
]


def roster_csv(rows: list[str]) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


def roster_xlsx(rows: list[str]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in [HEADER, *rows]:
        sheet.append([int(cell) if cell in ("0", "1") else cell for cell in line.split(",")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def confirm(workspace: Path, workshop_id: str = "W-ml-bamako") -> None:
    with open_register(workspace) as register:
        register.transition(workshop_id, "confirmed")


def upload(user: TestClient, name: str, data: bytes, path: str = PAGE, **fields: str) -> Response:
    token = csrf_of(user.get(PAGE).text)
    return user.post(
        f"{path}/deliver",
        data={"csrf_token": token, **fields},
        files={"roster": (name, data, "application/octet-stream")},
        follow_redirects=False,
    )


def stored(workspace: Path, workshop_id: str = "W-ml-bamako") -> tuple[str, list[str]]:
    with open_register(workspace) as register:
        return register.workshop(workshop_id).status, [p.name for p in register.participants(workshop_id)]


def test_deliver_with_a_good_roster_records_it_in_the_users_name(client_for: Client, web_workspace: Path) -> None:
    confirm(web_workspace)

    answer = upload(client_for("office"), "roster-bamako.csv", roster_csv(GOOD))

    assert answer.status_code == 200  # the page itself, with the reader's warnings (the workshop is in 2027)
    html = markup.unescape(answer.text)
    assert '<p class="notice" role="status">The roster is recorded: the workshop is delivered.</p>' in html
    assert "<li>W-ml-bamako: roster recorded before the last day (2027-02-03); attendance may still change</li>" in html
    assert '<span class="badge status-delivered" id="status">delivered</span>' in html
    assert stored(web_workspace) == ("delivered", ["Mariam Koné", "Oumar Diallo"])
    with open_register(web_workspace) as register:
        assert register.history("W-ml-bamako")[-1].actor == "awa"


def test_deliver_warnings_name_the_uploaded_file_not_the_temporary_one(client_for: Client, web_workspace: Path) -> None:
    confirm(web_workspace)
    rows = [HEADER + ",notes", *(row + ",vegetarian" for row in GOOD)]

    answer = upload(client_for("office"), "roster-bamako.csv", ("\n".join(rows) + "\n").encode())

    html = markup.unescape(answer.text)
    assert "<li>roster-bamako.csv:1: column(s) 'notes' are not roster columns" in html
    assert "tiptrain-roster-" not in html


def test_deliver_reads_xlsx_as_the_command_line_does(client_for: Client, web_workspace: Path) -> None:
    confirm(web_workspace)

    answer = upload(client_for("coordinator"), "roster.xlsx", roster_xlsx(GOOD))

    assert answer.status_code == 200
    assert stored(web_workspace) == ("delivered", ["Mariam Koné", "Oumar Diallo"])


def test_deliver_with_bad_rows_lists_every_bad_cell_and_stores_nothing(client_for: Client, web_workspace: Path) -> None:
    confirm(web_workspace)

    answer = upload(client_for("office"), "roster-bamako.csv", roster_csv(BAD))

    assert answer.status_code == 422
    html = answer.text
    cells = re.findall(
        r'<td data-label="Row" class="row-number">(.*?)</td>\s*<td data-label="Column"><bdi>(.*?)</bdi></td>\s*'
        r'<td data-label="Value"><bdi>(.*?)</bdi></td>',
        html,
    )
    assert [tuple(markup.unescape(cell) for cell in row) for row in cells] == [
        ("2", "day2", "'yes'"),
        ("2", "sex", "'q'"),
        ("3", "country", "'XX'"),
    ]
    assert "roster-bamako.csv: 3 problem(s). Nothing was stored" in html
    assert "tiptrain-roster-" not in html  # the temporary file's path is not shown
    assert stored(web_workspace) == ("confirmed", [])


def test_deliver_refuses_a_planned_workshop_with_the_lifecycle_message(client_for: Client, web_workspace: Path) -> None:
    answer = upload(client_for("coordinator"), "roster.csv", roster_csv(GOOD))

    assert answer.status_code == 400
    assert "W-ml-bamako is planned, not confirmed; confirm it first" in answer.text
    assert stored(web_workspace) == ("planned", [])


def test_deliver_replaces_the_roster_of_a_delivered_workshop_only_when_asked(
    client_for: Client, web_workspace: Path
) -> None:
    confirm(web_workspace)
    coordinator = client_for("coordinator")
    upload(coordinator, "roster.csv", roster_csv(GOOD))
    corrected = roster_csv([GOOD[0]])

    again = upload(coordinator, "roster.csv", corrected)
    replaced = upload(coordinator, "roster.csv", corrected, replace="1")

    assert again.status_code == 400
    assert replaced.status_code == 200
    assert '<p class="notice" role="status">The roster is replaced.</p>' in replaced.text
    assert stored(web_workspace) == ("delivered", ["Mariam Koné"])


def test_deliver_refuses_an_oversized_upload_with_413(client_for: Client, web_workspace: Path) -> None:
    confirm(web_workspace)
    big = roster_csv(GOOD) + b"#" * (ROSTER_LIMIT + 1)

    answer = upload(client_for("coordinator"), "roster.csv", big)

    assert answer.status_code == 413
    assert stored(web_workspace) == ("confirmed", [])


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("roster.txt", roster_csv(GOOD)),
        ("roster.pdf", b"%PDF-1.7\n"),
        ("roster.xlsx", roster_csv(GOOD)),
        ("roster.csv", roster_xlsx(GOOD)),
        ("roster.csv", b"name\x00,organisation\n"),
    ],
)
def test_deliver_refuses_a_file_whose_type_or_content_is_wrong(
    client_for: Client, web_workspace: Path, name: str, data: bytes
) -> None:
    confirm(web_workspace)

    answer = upload(client_for("coordinator"), name, data)

    assert answer.status_code == 415
    assert "The roster must be a CSV, XLSX file" in answer.text
    assert stored(web_workspace) == ("confirmed", [])


def test_deliver_without_a_file_asks_for_one(client_for: Client, web_workspace: Path) -> None:
    confirm(web_workspace)
    coordinator = client_for("coordinator")

    answer = coordinator.post(
        f"{PAGE}/deliver", data={"csrf_token": csrf_of(coordinator.get(PAGE).text)}, follow_redirects=False
    )

    assert answer.status_code == 400
    assert "Choose a roster file to upload." in answer.text


@pytest.mark.parametrize(
    ("role", "workshop_id", "expected"),
    [
        ("office", "W-ua-kyiv", 404),
        ("trainer", "W-ml-bamako", 403),
        ("trainer", "W-ua-kyiv", 404),
        ("viewer", "W-ml-bamako", 403),
    ],
)
def test_deliver_by_role_and_reach(
    client_for: Client, web_workspace: Path, role: str, workshop_id: str, expected: int
) -> None:
    confirm(web_workspace, workshop_id)

    answer = upload(client_for(role), "roster.csv", roster_csv(GOOD), path=f"/workshops/{workshop_id}")

    assert answer.status_code == expected
    assert stored(web_workspace, workshop_id) == ("confirmed", [])


def test_deliver_without_the_csrf_token_stores_nothing(client_for: Client, web_workspace: Path) -> None:
    confirm(web_workspace)

    answer = client_for("coordinator").post(
        f"{PAGE}/deliver", files={"roster": ("roster.csv", roster_csv(GOOD), "text/csv")}, follow_redirects=False
    )

    assert answer.status_code == 403
    assert stored(web_workspace) == ("confirmed", [])


# downloads ---------------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_pack_download_is_the_command_lines_pdf_of_that_workshop(client_for: Client, web_workspace: Path) -> None:
    answer = client_for("office").get(f"{PAGE}/pack.pdf?lang=en")

    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == 'attachment; filename="pack-W-ml-bamako-en.pdf"'
    settings = load_settings(web_workspace)
    from curriculum.catalogue import load_catalogue

    with open_register(web_workspace) as register:
        workshop = register.workshop("W-ml-bamako")
    expected = Documents.of(settings, load_catalogue([])).pack(workshop, "en")
    assert pdf_text(answer.content) == pdf_text(expected)
    assert "Bamako" in pdf_text(answer.content)


def test_signin_download_defaults_to_the_workshops_language(client_for: Client) -> None:
    answer = client_for("trainer").get(f"{PAGE}/signin.pdf")

    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="signin-W-ml-bamako-fr.pdf"'
    assert "W-ml-bamako" in pdf_text(answer.content) or "Bamako" in pdf_text(answer.content)


def test_certificates_download_after_delivery_names_the_participants(client_for: Client, web_workspace: Path) -> None:
    confirm(web_workspace)
    office = client_for("office")
    upload(office, "roster.csv", roster_csv(GOOD))

    answer = office.get(f"{PAGE}/certificates.pdf?lang=es")

    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    text = pdf_text(answer.content)
    assert "Mariam Koné" in text and "Oumar Diallo" not in text  # absent one day of three: below 80 %


def test_certificates_before_delivery_answer_409(client_for: Client) -> None:
    assert client_for("coordinator").get(f"{PAGE}/certificates.pdf").status_code == 409


@pytest.mark.parametrize(
    ("kind", "name"), [("pack", "Amina Sow-Keita"), ("signin", "Mariam Koné"), ("certificates", "Mariam Koné")]
)
def test_documents_name_people_so_viewers_get_none(
    client_for: Client, web_workspace: Path, kind: str, name: str
) -> None:
    confirm(web_workspace)
    coordinator = client_for("coordinator")
    upload(coordinator, "roster.csv", roster_csv(GOOD))

    staff = coordinator.get(f"{PAGE}/{kind}.pdf")
    viewer = client_for("viewer").get(f"{PAGE}/{kind}.pdf")

    assert name in pdf_text(staff.content)  # the pack names its trainers, the others the participants
    assert viewer.status_code == 403


@pytest.mark.parametrize("kind", ["pack", "signin", "certificates"])
def test_documents_are_refused_out_of_reach(client_for: Client, web_workspace: Path, kind: str) -> None:
    confirm(web_workspace)
    upload(client_for("coordinator"), "roster.csv", roster_csv(GOOD))

    viewer = client_for("viewer").get(f"{PAGE}/{kind}.pdf")
    office = client_for("office").get(f"/workshops/W-ua-kyiv/{kind}.pdf")
    anonymous = client_for("coordinator")
    anonymous.cookies.clear()

    assert (viewer.status_code, office.status_code) == (403, 404)  # the viewer reaches it, the office does not
    assert anonymous.get(f"{PAGE}/{kind}.pdf", follow_redirects=False).status_code == 303


def test_document_language_must_be_one_the_exports_know(client_for: Client) -> None:
    answer = client_for("coordinator").get(f"{PAGE}/pack.pdf?lang=xx")

    assert answer.status_code == 400
    assert "no document language &#39;xx&#39;" in answer.text


def test_document_file_name_keeps_only_safe_characters() -> None:
    from tests.tiptrain.web.web_kit import stored_workshop

    workshop = stored_workshop("W-ml-bamako").model_copy(update={"id": 'W-"a b\r\n/../x'})

    assert file_name("pack", workshop, "fr") == "pack-W-a-b-x-fr.pdf"
