"""A list reads each row exactly as the same serializer shows one object:
api.serializers.reading decides how to read each column once per list, and
must never change a key, a value or a format."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.utils import timezone
from rest_framework.request import Request

from api.serializers.network import (
    ActionItemSerializer,
    MeetingSerializer,
    MemberTrustSerializer,
)
from api.serializers.training import OpportunitySerializer
from api.serializers.workforce import PostSerializer, PostStatusChangeSerializer
from network.models import ActionItem, Meeting, MemberTrust
from tests.api.conftest import make_post
from training.models import TrainingOpportunity
from workforce.models import Post, PostStatusChange


def request_as(user):
    request = Request(RequestFactory().get("/api/v1/"))
    request.user = user
    return request


def assert_rows_as_one(serializer_class, rows, user):
    """The list's JSON is the JSON of each row serialized on its own."""
    context = {"request": request_as(user)}
    listed = serializer_class(rows, many=True, context=context).data
    one_by_one = [serializer_class(row, context=context).data for row in rows]
    assert rows, "nothing to compare"
    assert json.dumps(listed) == json.dumps(one_by_one)


@pytest.mark.django_db
def test_posts(coordinator, lead_a, trust_a, trust_b):
    make_post(trust_a, local_ref="A-1")
    make_post(
        trust_b,
        local_ref="B-1",
        wte=Decimal("0.5"),
        status="filled",
        funding_end_date=date(2027, 3, 31),
        notes="",
    )
    rows = list(Post.objects.select_related("trust").order_by("pk"))
    assert_rows_as_one(PostSerializer, rows, coordinator)
    assert_rows_as_one(PostSerializer, rows[:1], lead_a)
    changes = list(PostStatusChange.objects.order_by("pk"))
    assert_rows_as_one(PostStatusChangeSerializer, changes, coordinator)


@pytest.mark.django_db
def test_post_row_values(coordinator, trust_a):
    post = make_post(trust_a, local_ref="A-9", wte=Decimal("0.6"))
    context = {"request": request_as(coordinator)}
    [row] = PostSerializer([post], many=True, context=context).data
    assert row["web_url"] == post.get_absolute_url()
    assert row["trust"] == trust_a.pk and row["trust_name"] == trust_a.name
    assert row["wte"] == "0.60"
    assert row["allowed_next_statuses"] == list(post.allowed_next_statuses())


@pytest.mark.django_db
def test_meetings_with_and_without_links(meetings, peer_worker):
    from django.contrib.auth.models import AnonymousUser

    rows = list(Meeting.objects.order_by("pk"))
    assert_rows_as_one(MeetingSerializer, rows, peer_worker)
    assert_rows_as_one(MeetingSerializer, rows, AnonymousUser())
    context = {"request": request_as(AnonymousUser())}
    listed = MeetingSerializer(rows, many=True, context=context).data
    assert all("online_url" not in row for row in listed)


@pytest.mark.django_db
def test_trusts_with_and_without_contacts(trust_a, trust_b, peer_worker):
    from django.contrib.auth.models import AnonymousUser

    rows = list(MemberTrust.objects.prefetch_related("successors").order_by("pk"))
    assert_rows_as_one(MemberTrustSerializer, rows, peer_worker)
    assert_rows_as_one(MemberTrustSerializer, rows, AnonymousUser())


@pytest.mark.django_db
def test_actions_annotated_and_not(item_a, objective, coordinator, lead_a, peer_worker):
    ActionItem.objects.create(
        objective=objective,
        ref="4.2",
        action="Overdue, no lead trust",
        owner=coordinator,
        due_date=timezone.localdate() - timedelta(days=3),
        status=ActionItem.Status.NOT_STARTED,
    )
    today = timezone.localdate()
    annotated = list(
        ActionItem.objects.with_current_rag(today)
        .select_related("owner")
        .order_by("pk")
    )
    plain = list(ActionItem.objects.select_related("owner").order_by("pk"))
    for user in (coordinator, lead_a, peer_worker):
        assert_rows_as_one(ActionItemSerializer, annotated, user)
        assert_rows_as_one(ActionItemSerializer, plain, user)


@pytest.mark.django_db
def test_opportunities_with_and_without_sessions(opportunity, coordinator):
    bare = TrainingOpportunity.objects.get(pk=opportunity.pk)
    bare.pk = None
    bare.title = "No sessions yet"
    bare.save()
    rows = list(
        TrainingOpportunity.objects.select_related("provider")
        .prefetch_related("sessions")
        .order_by("pk")
    )
    assert_rows_as_one(OpportunitySerializer, rows, coordinator)
    context = {"request": request_as(coordinator)}
    row, bare_row = OpportunitySerializer(rows, many=True, context=context).data
    assert bare_row["sessions"] == []
    assert row["sessions"] == [
        {
            "date": opportunity.start_date.isoformat(),
            "start_time": "09:30:00",
            "end_time": "16:00:00",
            "note": "",
        }
    ]


@pytest.mark.django_db
def test_an_empty_list(coordinator):
    context = {"request": request_as(coordinator)}
    assert PostSerializer([], many=True, context=context).data == []


def test_the_schema_describes_the_serializers_as_before():
    """Built on ReadSerializer, a serializer keeps its own description (none
    for these) rather than inheriting the base class's words."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    for name in (
        "Post",
        "Meeting",
        "MemberTrust",
        "ActionItem",
        "Opportunity",
        "Session",
    ):
        assert "description" not in components[name], name
