"""Addresses reversed once for a list of links."""

from django.urls import reverse

from core.links import absolute_url_by_pk, address_by_pk
from network.models import ActionItem, Meeting
from training.models import TrainingBooking
from workforce.models import Post


def test_address_by_pk_is_what_reverse_gives():
    address = address_by_pk("workforce:post-detail")
    for pk in (1, 7, 2147, 99999):
        assert address(pk) == reverse("workforce:post-detail", args=[pk])
    assert address_by_pk("training:opportunity-detail")(42) == reverse(
        "training:opportunity-detail", args=[42]
    )


def test_absolute_url_by_pk_is_what_the_model_gives():
    for model in (Post, Meeting, ActionItem):
        address = absolute_url_by_pk(model)
        for pk in (1, 7, 2147, 99999):
            assert address(pk) == model(pk=pk).get_absolute_url()
    # An address without the pk (the booking's is the person's training page).
    assert absolute_url_by_pk(TrainingBooking) is None
