"""An API write leaves exactly the rows the same write through the web leaves."""

import pytest
from django.urls import reverse

from network.models import ActionUpdate
from workforce.models import PostStatusChange

from .conftest import make_post

STATUS = {
    "to_status": "recruiting",
    "effective_date": "2025-03-01",
    "recruitment_stage": "advertised",
    "note": "Advert out",
}


def _change_row(change):
    return (
        change.from_status,
        change.to_status,
        change.effective_date,
        change.note,
        change.changed_by_id,
    )


@pytest.mark.django_db
def test_post_status_change_rows_match(api, login, lead_a, trust_a):
    by_web = make_post(trust_a, local_ref="WEB")
    by_api = make_post(trust_a, local_ref="API")
    web = login(lead_a).post(reverse("workforce:post-status", args=[by_web.pk]), STATUS)
    assert web.status_code == 302
    response = api(lead_a).post(
        f"/api/v1/posts/{by_api.pk}/status/", STATUS, format="json"
    )
    assert response.status_code == 201

    def rows(post):
        return [_change_row(c) for c in PostStatusChange.objects.filter(post=post)]

    assert rows(by_web) == rows(by_api)
    assert by_web.history.count() == by_api.history.count()
    assert by_web.history.first().history_user == by_api.history.first().history_user


@pytest.mark.django_db
def test_action_progress_rows_match(api, login, lead_a, item_a, objective):
    from network.models import ActionItem

    twin = ActionItem.objects.create(
        objective=objective,
        ref="4.9",
        action=item_a.action,
        owner=lead_a,
        lead_trust=item_a.lead_trust,
        due_date=item_a.due_date,
        status=item_a.status,
        rag=item_a.rag,
    )
    body = {
        "on": "2025-05-01",
        "note": "Draft circulated",
        "status": "in_progress",
        "rag": "amber",
    }
    web = login(lead_a).post(
        reverse("network:action-progress", args=[item_a.pk]),
        {**body, "version": item_a.version},
    )
    assert web.status_code == 302
    response = api(lead_a).post(
        f"/api/v1/actions/{twin.pk}/progress/",
        {**body, "version": twin.version},
        format="json",
    )
    assert response.status_code == 201

    def row(item):
        u = ActionUpdate.objects.get(item=item)
        return (u.author_id, u.date, u.note, u.status_at_time, u.rag_at_time)

    assert row(item_a) == row(twin)
    item_a.refresh_from_db()
    twin.refresh_from_db()
    assert (item_a.rag, item_a.version) == (twin.rag, twin.version)
