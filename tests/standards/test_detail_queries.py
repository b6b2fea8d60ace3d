"""The standard page costs the same number of queries however many versions it lists."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from standards.models import StandardVersion

from .conftest import BODY, approve


def queries_for_standard_page(client, standard) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/standards/{standard.code}/")
    assert response.status_code == 200
    return len(queries)


def test_each_version_link_costs_no_query(login, coordinator, standard, meeting):
    client = login(coordinator)
    approve(
        StandardVersion.objects.create(standard=standard, number=1, body=BODY), meeting
    )
    client.get(f"/standards/{standard.code}/")  # caches the header's work-home count
    with_one = queries_for_standard_page(client, standard)
    superseded = StandardVersion.Status.SUPERSEDED
    for number in range(2, 6):  # older versions the page also links to
        StandardVersion.objects.create(
            standard=standard, number=number + 10, body=BODY, status=superseded
        )
    assert queries_for_standard_page(client, standard) == with_one
