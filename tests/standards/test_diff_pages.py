"""The standards compare page: which versions, and the changes marked."""

import pytest


@pytest.mark.django_db
def test_compare_page_marks_changes_between_two_chosen_versions(client, approved):
    from standards.models import StandardVersion

    StandardVersion.objects.create(
        standard=approved.standard,
        number=2,
        body=approved.body.replace("monthly", "fortnightly"),
        status=StandardVersion.Status.SUPERSEDED,
        approved_on=approved.approved_on,
    )
    page = client.get("/standards/NWPSW-S03/compare/?from=1&to=2").content.decode()
    assert "1 word added and 1 word removed" in page
    assert "monthly</del>" in page and "fortnightly</ins>" in page
    side = client.get("/standards/NWPSW-S03/compare/?from=1&to=2&layout=side")
    assert side.context["left"].count("<del") == 1
    assert side.context["right"].count("<ins") == 1


@pytest.mark.django_db
def test_compare_with_only_one_version_says_so(client, approved):
    page = client.get("/standards/NWPSW-S03/compare/").content.decode()
    assert "nothing to compare yet" in page


@pytest.mark.django_db
def test_compare_page_shows_an_edit_on_the_next_request(client, approved):
    """Comparisons are remembered by the texts, so an edited body is compared
    afresh, never served from the earlier answer."""
    from standards.models import StandardVersion

    draft = StandardVersion.objects.create(
        standard=approved.standard,
        number=2,
        body=approved.body.replace("monthly", "fortnightly"),
        status=StandardVersion.Status.SUPERSEDED,
        approved_on=approved.approved_on,
    )
    url = "/standards/NWPSW-S03/compare/?from=1&to=2&layout=side"
    assert "fortnightly</ins>" in client.get(url).content.decode()
    draft.body = approved.body.replace("monthly", "weekly")
    draft.save()
    page = client.get(url).content.decode()
    assert "weekly</ins>" in page and "fortnightly" not in page
