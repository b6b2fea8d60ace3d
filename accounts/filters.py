"""The people list's search and filters; everything is in the URL."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.status import AccountStatus, filter_by_status
from core.filters import FilterSet
from network.models import MemberTrust

User = get_user_model()


class PeopleFilter(FilterSet):
    all_or_nothing = True  # one bad value lists everyone, as it always has

    q = django_filters.CharFilter(
        label="Name or email", max_length=100, method="filter_q"
    )
    role = django_filters.ChoiceFilter(
        label="Role", choices=User.Role.choices, empty_label="Any role"
    )
    trust = django_filters.ModelChoiceFilter(
        label="Trust",
        queryset=MemberTrust.objects.all(),
        empty_label="Any trust",
        method="filter_trust",
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=AccountStatus.choices,
        empty_label="Any status",
        method="filter_status",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            field.widget.attrs["class"] = (
                "nhsuk-input" if name == "q" else "nhsuk-select"
            )

    def filter_q(self, people, name, value):
        return people.filter(Q(full_name__icontains=value) | Q(email__icontains=value))

    def filter_trust(self, people, name, value):
        return people.filter(Q(trust=value) | Q(employer_trust=value))

    def filter_status(self, people, name, value):
        return filter_by_status(people, value)
