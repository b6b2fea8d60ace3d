"""Meeting papers: checked from their content, stored through the storage API,
served only through the view that applies the meeting's visibility."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from network.models import MeetingAttendance, MeetingPaper
from network.papers import check_name

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office_zip(parts: dict[str, bytes], stored_first: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, parts.pop(stored_first), zipfile.ZIP_STORED)
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def xlsx(extra: dict[str, bytes] | None = None) -> bytes:
    parts = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    return office_zip({**parts, **(extra or {})})


def odt() -> bytes:
    return office_zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<x/>",
        },
        stored_first="mimetype",
    )


def upload(client, meeting, name, content, title="Budget paper"):
    return client.post(
        f"/network/meetings/{meeting.pk}/papers/new/",
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


def stored_files() -> list[str]:
    try:
        return default_storage.listdir("papers")[1]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("budget.pdf", PDF, "application/pdf"),
        (
            "figures.xlsx",
            xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("notes.odt", odt(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_upload_then_an_invited_lead_downloads(
    login, client, coordinator, lead_a, meeting, name, content, content_type
):
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    response = upload(login(coordinator), meeting, name, content)
    assert response.status_code == 302
    paper = MeetingPaper.objects.get()
    assert paper.filename == name and paper.content_type == content_type
    assert not paper.file.name.endswith(name)  # a random key, not the given name
    client.logout()
    download = login(lead_a).get(f"/network/meetings/{meeting.pk}/papers/{paper.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"] == f'attachment; filename="{name}"'
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("agenda.pdf", b"MZ\x90\x00\x03" + bytes(300), "must be a PDF, Word, Excel"),
        (
            "agenda.pdf",
            b"\x7fELF\x02\x01\x01" + bytes(300),
            "must be a PDF, Word, Excel",
        ),
        ("agenda.txt", b"just some words", "must be a PDF, Word, Excel"),
        ("agenda.exe", PDF, "must be a PDF, Word, Excel"),
        ("agenda.docx", PDF, "The file name ends in .docx but the file is a PDF"),
        ("big.pdf", PDF + bytes(21 * 1024 * 1024), "must be smaller than 20 MB"),
        (
            "bomb.xlsx",
            xlsx({"xl/worksheets/sheet1.xml": bytes(60 * 1024 * 1024)}),
            "expands to far more than its size",
        ),
        ("broken.xlsx", xlsx()[:-30], "damaged"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
    ids=[
        "exe",
        "elf",
        "text",
        "pdf-named-exe",
        "mismatch",
        "21mb",
        "bomb",
        "damaged",
        "empty",
    ],
)
def test_bad_uploads_are_refused_and_nothing_stored(
    login, coordinator, meeting, name, content, message
):
    response = upload(login(coordinator), meeting, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MeetingPaper.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.pdf", "a\\b.pdf", "report\x07.pdf", "x\u202e.pdf", ".."]
)
def test_names_that_could_act_as_paths_or_hide_characters_are_refused(name):
    with pytest.raises(ValidationError, match="slashes or hidden control characters"):
        check_name(name)


def test_path_in_a_raw_upload_never_reaches_storage(login, coordinator, meeting):
    """Django's multipart parser keeps only the last part of a name a client
    sends; with the random storage key the file cannot be placed elsewhere."""
    body = (
        b'--B\r\nContent-Disposition: form-data; name="title"\r\n\r\nPaper\r\n'
        b'--B\r\nContent-Disposition: form-data; name="file"; '
        b'filename="../../outside.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        + PDF
        + b"\r\n--B--\r\n"
    )
    client = login(coordinator)
    response = client.generic(
        "POST",
        f"/network/meetings/{meeting.pk}/papers/new/",
        body,
        content_type="multipart/form-data; boundary=B",
    )
    assert response.status_code == 302
    paper = MeetingPaper.objects.get()
    assert paper.filename == "outside.pdf"
    assert paper.file.name.startswith("papers/") and ".." not in paper.file.name


@pytest.fixture
def paper(login, client, coordinator, meeting):
    upload(login(coordinator), meeting, "budget.pdf", PDF)
    client.logout()
    return MeetingPaper.objects.get()


def test_visitor_gets_404_and_it_is_audited(client, meeting, paper):
    meeting.is_public = True
    meeting.save()  # even for a public meeting: papers are for members
    url = f"/network/meetings/{meeting.pk}/papers/{paper.pk}/"
    assert client.get(url).status_code == 404
    event = AuditEvent.objects.filter(action=AuditEvent.Action.NOT_FOUND).last()
    assert event.path == url and event.actor is None and event.outcome == "denied"


def test_member_not_invited_gets_404_and_it_is_audited(
    login, peer_worker, meeting, paper
):
    url = f"/network/meetings/{meeting.pk}/papers/{paper.pk}/"
    assert login(peer_worker).get(url).status_code == 404
    assert (
        login(peer_worker).get(f"/network/meetings/{meeting.pk}/papers.zip").status_code
        == 404
    )
    events = AuditEvent.objects.filter(
        action=AuditEvent.Action.NOT_FOUND, actor=peer_worker
    )
    assert events.count() == 2


def test_paper_of_another_meeting_is_not_found(login, coordinator, lead_b, paper):
    from tests.network.conftest import make_meeting

    other = make_meeting(title="Other")
    url = f"/network/meetings/{other.pk}/papers/{paper.pk}/"
    assert login(lead_b).get(url).status_code == 404


def test_all_papers_as_one_zip(login, coordinator, lead_b, meeting):
    client = login(coordinator)
    upload(client, meeting, "budget.pdf", PDF, title="Budget")
    upload(client, meeting, "budget.pdf", PDF, title="Budget again")
    upload(client, meeting, "figures.xlsx", xlsx(), title="Figures")
    response = login(lead_b).get(f"/network/meetings/{meeting.pk}/papers.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == [
        "budget (2).pdf",
        "budget.pdf",
        "figures.xlsx",
    ]
    assert archive.read("budget.pdf") == PDF


def test_removing_a_paper_removes_the_file(
    login, coordinator, meeting, paper, django_capture_on_commit_callbacks
):
    name = paper.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(coordinator).post(
            f"/network/meetings/{meeting.pk}/papers/{paper.pk}/delete/"
        )
    assert response.status_code == 302
    assert not MeetingPaper.objects.exists()
    assert not default_storage.exists(name)


def test_meeting_page_lists_papers_for_those_who_may_read_them(
    login, lead_a, peer_worker, meeting, paper
):
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    assert (
        "Budget paper" in login(lead_a).get(meeting.get_absolute_url()).content.decode()
    )
    page = login(peer_worker).get(meeting.get_absolute_url()).content.decode()
    assert "Budget paper" not in page
