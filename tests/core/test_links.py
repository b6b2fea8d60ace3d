"""Addresses reversed once for a list of links."""

from django.urls import reverse

from core.links import address_by_pk


def test_address_by_pk_is_what_reverse_gives():
    address = address_by_pk("workforce:post-detail")
    for pk in (1, 7, 2147, 99999):
        assert address(pk) == reverse("workforce:post-detail", args=[pk])
    assert address_by_pk("training:opportunity-detail")(42) == reverse(
        "training:opportunity-detail", args=[42]
    )
