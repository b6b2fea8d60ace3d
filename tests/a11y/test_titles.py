"""Page titles read "Page – Section – service name" (WCAG 2.4.2)."""

import re

import pytest

from tests.network.conftest import at, make_meeting

pytestmark = pytest.mark.django_db


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1]


def test_an_inner_page_names_its_section_between_page_and_service(client, settings):
    meeting = make_meeting(
        title="Annual celebration event",
        is_public=True,
        starts_at=at(2030, 3, 1, 10),
        ends_at=at(2030, 3, 1, 16),
    )
    title = title_of(client.get(meeting.get_absolute_url()))
    assert title.startswith("Annual celebration event")
    assert title.endswith(f" – Meetings – {settings.SERVICE_NAME}")


def test_a_section_landing_page_does_not_repeat_the_section(client, settings):
    title = title_of(client.get("/network/meetings/"))
    assert title.count("Meetings") == 1
    assert title.endswith(f" – {settings.SERVICE_NAME}")


def test_a_page_outside_the_menu_has_page_and_service_only(client, settings):
    assert (
        title_of(client.get("/privacy/")) == f"Privacy notice – {settings.SERVICE_NAME}"
    )
