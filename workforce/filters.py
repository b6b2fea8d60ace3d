"""The post register's filters, shared by the page, its exports and the API."""

import django_filters
from django import forms
from django.utils import timezone

from audit.scoped import ScopedModelChoiceFilter
from core.dates import add_months
from core.filters import FilterSet
from network.models import MemberTrust
from workforce.models import Post
from workforce.permissions import is_coordinator, trusts_managed_by

FUNDING_WINDOWS = [("3", "3 months"), ("6", "6 months"), ("12", "12 months")]


class PostFilter(FilterSet):
    trust = ScopedModelChoiceFilter(
        queryset=MemberTrust.objects.none(), empty_label="All trusts"
    )
    # Each "any" option says what a person would say. Declared here, not set
    # in __init__: a filter's form field is built once and cached, and the API
    # schema builds it on the class's own filters, which each instance copies.
    setting = django_filters.ChoiceFilter(
        choices=Post.Setting.choices, empty_label="Any setting"
    )
    band = django_filters.ChoiceFilter(
        choices=Post.Band.choices, empty_label="Any band"
    )
    status = django_filters.ChoiceFilter(
        choices=Post.Status.choices, empty_label="Any status"
    )
    role_type = django_filters.ChoiceFilter(
        choices=Post.RoleType.choices, empty_label="Any role type"
    )
    delivery_model = django_filters.ChoiceFilter(
        choices=Post.DeliveryModel.choices, empty_label="Any delivery model"
    )
    contract_type = django_filters.ChoiceFilter(
        label="Contract", choices=Post.Contract.choices, empty_label="Any contract"
    )
    funding_ending = django_filters.ChoiceFilter(
        label="Funding ending within",
        choices=FUNDING_WINDOWS,
        method="filter_funding_ending",
        empty_label="Any time",
    )

    class Meta:
        model = Post
        fields: list = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["trust"].queryset = trusts_managed_by(user)
        if not is_coordinator(user):
            # A trust lead's register is their own trust: nothing to choose on
            # the page (the API still refuses another trust's id).
            self.form.fields["trust"].widget = forms.HiddenInput()

    def filter_funding_ending(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.funding_ending_between(today, add_months(today, int(value)))
