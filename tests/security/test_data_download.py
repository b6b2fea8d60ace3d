"""Download my data holds every record that points at the person (SEC-27).

The export used to walk `user._meta.related_objects`, which skips every
relation declared with related_name="+" (consultation responses, action
updates, minutes comments, posts, imports and returns the person made).
"""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts.exportlist import EXPORTED, NOT_EXPORTED

pytestmark = pytest.mark.django_db


def fields_pointing_at_the_user():
    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            forward = field.is_relation and not field.auto_created
            if forward and field.related_model is user_model:
                yield model._meta.label_lower, field.name


def test_every_field_that_points_at_a_person_is_exported_or_explained():
    found = set(fields_pointing_at_the_user())
    assert len(found) >= 60  # the enumeration itself works
    missing = sorted(
        (label, name)
        for label, name in found
        if name not in EXPORTED.get(label, ()) and (label, name) not in NOT_EXPORTED
    )
    assert not missing, (
        "Add these to accounts/exportlist.py (EXPORTED, or NOT_EXPORTED with a "
        f"reason): {missing}"
    )


def test_the_export_list_names_only_real_lookups(world):
    from accounts.dataprotection import personal_data

    for label in EXPORTED:
        apps.get_model(label)  # raises for a model that no longer exists
    personal_data(world.lead_a)  # raises FieldError for a stale lookup


def lead_a_wrote_things(world):
    """A response with a comment, an action update, a minutes comment, a
    meeting paper, a post, an import and a submitted return, all by lead A."""
    from network.models import ActionUpdate, MeetingPaper, MinutesComment
    from tests.policies.network import action_item, held_meeting, paper
    from tests.policies.standards import comment
    from tests.policies.workforce import post, post_import, workforce_return

    comment(world)
    item = action_item(world)
    ActionUpdate.objects.create(
        item=item,
        author=world.lead_a,
        note="Draft shared with the group.",
        status_at_time=item.status,
        rag_at_time=item.rag,
    )
    MinutesComment.objects.create(
        meeting=held_meeting(world), author=world.lead_a, body="Item 3 is wrong."
    )
    MeetingPaper.objects.filter(pk=paper(world).pk).update(uploaded_by=world.lead_a)
    post(world)
    post_import(world)
    returned = workforce_return(world)
    returned.submitted_by = world.lead_a
    returned.submitted_at = timezone.now()
    returned.save()


def test_download_contains_what_the_person_wrote_and_submitted(client_for, world):
    lead_a_wrote_things(world)
    response = client_for("lead_a").post(reverse("accounts:my-data-download"))
    records = json.loads(response.content)["records"]
    expected = {
        "standards.consultationresponse": "Monthly is too rare at first.",
        "standards.consultationcomment": "Say who supervises.",
        "network.actionupdate": "Draft shared with the group.",
        "network.minutescomment": "Item 3 is wrong.",
        "workforce.post": "A-001",
        "workforce.poststatuschange": None,
        "workforce.postimport": "posts.csv",
        "workforce.workforcereturn": "2026-Q3",
        "network.actionitem": "Write the supervision standard",
        "network.meetingpaper": "Budget",
    }
    for label, text in expected.items():
        assert label in records, f"{label} missing from the download"
        if text is not None:
            assert text in json.dumps(records[label], default=str), label


def test_download_holds_nobody_elses_rows(client_for, world):
    lead_a_wrote_things(world)
    records = json.loads(
        client_for("lead_b").post(reverse("accounts:my-data-download")).content
    )["records"]
    assert not {"standards.consultationresponse", "network.actionupdate"} & set(records)
