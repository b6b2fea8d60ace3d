"""CSV import: preview first, all-or-nothing save, safe re-import, clear errors."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.csv_helpers import csv_rows, csv_text
from tests.workforce.conftest import make_post
from workforce.csvimport import COLUMNS, LABELS
from workforce.models import Post, PostImport, PostStatusChange

pytestmark = pytest.mark.django_db

GOOD = {
    "trust": "Trust A", "job_title": "Peer Support Worker", "role_type": "psw",
    "band": "Band 3", "wte": "1.00", "delivery_model": "embedded_in_team",
    "setting": "crisis", "lived_experience_basis": "service_user",
    "contract_type": "permanent", "funding_source": "trust_baseline",
    "status": "filled", "status_effective_date": "2024-04-01",
}  # fmt: skip


def make_csv(rows, columns=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def row(ref, **extra):
    return {**GOOD, "local_ref": ref, **extra}


def upload(client, content: bytes, name="posts.csv"):
    return client.post(
        reverse("workforce:import-upload"),
        {"file": SimpleUploadedFile(name, content, "text/csv")},
    )


def upload_and_preview(client, content):
    response = upload(client, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]), PostImport.objects.latest("pk")


def test_preview_writes_nothing_then_confirm_writes_every_row(login, lead_a, trust_a):
    client = login(lead_a)
    preview, staged = upload_and_preview(
        client,
        make_csv(
            [
                row("R1"),
                row("R2", status="recruiting", recruitment_stage="interviewing"),
            ]
        ),
    )
    assert preview.context["counts"] == {"create": 2, "update": 0, "unchanged": 0}
    assert not Post.objects.exists()
    response = client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    assert response.status_code == 302
    assert set(Post.objects.values_list("local_ref", "status", "trust_id")) == {
        ("R1", "filled", trust_a.pk),
        ("R2", "recruiting", trust_a.pk),
    }
    assert PostStatusChange.objects.count() == 2
    staged.refresh_from_db()
    assert staged.status == "applied" and staged.created_count == 2


def test_reimporting_the_same_file_changes_nothing(login, lead_a, trust_a):
    client = login(lead_a)
    content = make_csv([row("R1"), row("R2", wte="0.5")])
    _, staged = upload_and_preview(client, content)
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    history = sum(p.history.count() for p in Post.objects.all())
    preview, again = upload_and_preview(client, content)
    assert preview.context["counts"] == {"create": 0, "update": 0, "unchanged": 2}
    client.post(reverse("workforce:import-confirm", args=[again.pk]))
    assert Post.objects.count() == 2 and PostStatusChange.objects.count() == 2
    assert sum(p.history.count() for p in Post.objects.all()) == history


def test_reimport_updates_fields_and_records_a_status_change(login, lead_a, trust_a):
    post = make_post(trust_a, local_ref="R1", status="recruiting")
    client = login(lead_a)
    _, staged = upload_and_preview(
        client,
        make_csv(
            [
                row(
                    "R1",
                    band="afc_4",
                    status="filled",
                    status_effective_date="2024-06-01",
                )
            ]
        ),
    )
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    post.refresh_from_db()
    assert (post.band, post.status) == ("afc_4", "filled")
    assert list(post.changes.values_list("from_status", "to_status")) == [
        ("", "recruiting"),
        ("recruiting", "filled"),
    ]


def test_exported_file_imports_back_unchanged(login, lead_a, trust_a):
    make_post(trust_a, local_ref="E1", notes="3 sessions a week, = odd hours")
    client = login(lead_a)
    exported = csv_text(client.get(reverse("workforce:post-export"))).encode()
    preview, _ = upload_and_preview(client, exported)
    assert preview.context["counts"]["unchanged"] == 1, preview.context[
        "check"
    ].error_rows


def test_bad_row_shows_row_and_column_errors_and_nothing_saves(login, lead_a, trust_a):
    client = login(lead_a)
    content = make_csv(
        [
            row("R1"),
            row("R2", wte="2", band="band 99"),
            row("R3", status_effective_date="31/31/2024"),
        ]
    )
    preview, staged = upload_and_preview(client, content)
    body = preview.content.decode()
    assert "<title>Error: " in body and "Nothing has been imported" in body
    errors = {
        (r.number, col)
        for r in preview.context["check"].error_rows
        for col, _ in r.errors
    }
    assert errors == {(3, "wte"), (3, "band"), (4, "status_effective_date")}
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    assert not Post.objects.exists()
    error_file = client.get(reverse("workforce:import-errors", args=[staged.pk]))
    lines = csv_rows(error_file)
    assert lines[0] == ["Row", "Local reference", "Column", "Problem"]
    assert {(line[0], line[2]) for line in lines[1:]} == {
        ("3", "WTE"),
        ("3", "Band"),
        ("4", "Status since"),
    }


def test_fix_and_reupload_imports(login, lead_a, trust_a):
    client = login(lead_a)
    upload_and_preview(client, make_csv([row("R1", wte="2")]))
    _, staged = upload_and_preview(client, make_csv([row("R1", wte="0.6")]))
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    assert str(Post.objects.get().wte) == "0.60"


@pytest.mark.parametrize(
    "rows, column, message",
    [
        ([row("R1"), row("R1")], "local_ref", "'R1' is also on row 2"),
        (
            [row("R1", trust="Trust B")],
            "trust",
            "You can only import posts for Trust A",
        ),
        (
            [row("R1", trust="Nowhere NHS")],
            "trust",
            "No member trust is called 'Nowhere NHS'",
        ),
        ([row("R1", job_title="=CMD()")], "job_title", "treat it as a formula"),
        ([row("R1", notes="@SUM(A1)")], "notes", "treat it as a formula"),
        ([row("")], "local_ref", "Enter the local reference"),
        (
            [row("R1", status="gone")],
            "status",
            "“gone” is not a status you can choose. Enter one of: Planned; Funded;",
        ),
        (
            [row("R1", contract_type="fixed_term")],
            "funding_end_date",
            "Enter the date funding ends",
        ),
        (
            [row("R1", status="filled", recruitment_stage="advertised")],
            "recruitment_stage",
            "only be set while the post is recruiting",
        ),
        (
            [row("R1", status_effective_date="2099-01-01")],
            "status_effective_date",
            "cannot be in the future",
        ),
    ],
)
def test_row_problems_each_get_a_clear_message(
    login, lead_a, trust_a, trust_b, rows, column, message
):
    preview, _ = upload_and_preview(login(lead_a), make_csv(rows))
    problems = [
        (c, m) for r in preview.context["check"].error_rows for c, m in r.errors
    ]
    assert any(c == column and message in m for c, m in problems), problems
    assert not Post.objects.exists()


def test_invalid_status_transition_on_reimport_is_a_row_error(login, lead_a, trust_a):
    make_post(trust_a, local_ref="R1", status="planned")
    preview, _ = upload_and_preview(
        login(lead_a), make_csv([row("R1", status="filled")])
    )
    problems = [m for r in preview.context["check"].error_rows for _, m in r.errors]
    assert problems == ["A planned post cannot become filled"]


def test_another_trusts_post_with_same_ref_is_never_touched(
    login, coordinator, lead_a, trust_a, trust_b
):
    theirs = make_post(trust_b, local_ref="R1", job_title="Theirs")
    client = login(lead_a)
    _, staged = upload_and_preview(client, make_csv([row("R1", job_title="Mine")]))
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    theirs.refresh_from_db()
    assert theirs.job_title == "Theirs" and theirs.trust == trust_b
    assert Post.objects.get(trust=trust_a).job_title == "Mine"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "file is empty"),
        (b"\n\n", "The file is empty"),
        ("local_ref,trust\nR1,Trust Á\n".encode("latin-1"), "not UTF-8 encoded"),
        (b"name,colour\nx,y\n", "The column headings do not match the template"),
        (make_csv([]), "headings but no rows"),
        (b"\x00\x01binary" * 10, "could not be read as CSV"),
    ],
)
def test_file_problems_get_a_clear_message(login, lead_a, content, message):
    client = login(lead_a)
    response = upload(client, content)
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Post.objects.exists()


def test_ten_megabyte_file_is_refused_before_reading(login, lead_a):
    response = upload(login(lead_a), b"x" * (10 * 1024 * 1024))
    assert "the limit is 2 MB" in response.content.decode()
    assert not PostImport.objects.exists()


def test_fifty_thousand_rows_are_refused(login, lead_a):
    content = make_csv([row(f"R{i}") for i in range(50_000)])
    response = upload(login(lead_a), content)
    assert "the limit is 2 MB" in response.content.decode()


def test_too_many_rows_in_a_small_file_are_refused(login, lead_a):
    content = ",".join(COLUMNS).encode() + b"\n" + b"r,,,,,,,,,,,,,,,,,,,\n" * 5001
    client = login(lead_a)
    preview = client.get(upload(client, content)["Location"])
    assert "5,001 rows; the limit is 5,000" in preview.content.decode()


def test_template_download_has_every_column(login, lead_a):
    response = login(lead_a).get(reverse("workforce:import-template"))
    header, example = csv_rows(response)
    assert header == LABELS
    assert "Band 3" in example and "afc_3" not in example


def test_confirming_twice_imports_once(login, lead_a, trust_a):
    client = login(lead_a)
    _, staged = upload_and_preview(client, make_csv([row("R1")]))
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    assert Post.objects.count() == 1 and PostStatusChange.objects.count() == 1


def test_coordinator_imports_for_several_trusts(login, coordinator, trust_a, trust_b):
    client = login(coordinator)
    _, staged = upload_and_preview(
        client, make_csv([row("R1"), row("R1", trust="Trust B")])
    )
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    assert sorted(Post.objects.values_list("trust__short_name", flat=True)) == [
        "Trust A",
        "Trust B",
    ]


def test_import_writes_in_a_fixed_number_of_queries(lead_a, trust_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workforce.services import post_import_apply

    counts = []
    for size, prefix in ((5, "S"), (30, "L")):  # one SQLite insert batch
        staged = PostImport.objects.create(
            trust=trust_a,
            filename="x.csv",
            content=make_csv([row(f"{prefix}{i}") for i in range(size)]).decode(),
        )
        with CaptureQueriesContext(connection) as ctx:
            post_import_apply(post_import=staged, user=lead_a, own_trust=trust_a)
        counts.append(len(ctx.captured_queries))
    assert Post.objects.count() == 35 and PostStatusChange.objects.count() == 35
    assert counts[0] == counts[1]


def test_public_dashboard_csv_is_rounded_too(client, trust_a):
    for n in range(3):
        make_post(trust_a, local_ref=f"F-{n}", status="filled")
    body = csv_text(client.get(reverse("workforce:dashboard-csv", args=["by-status"])))
    assert "Filled,5,5" in body
