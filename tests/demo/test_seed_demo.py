import pytest
from django.core.management import call_command

from accounts.models import User
from network.models import MemberTrust, Milestone


def snapshot():
    return (
        list(MemberTrust.objects.values_list("name", "status", "updated_at")),
        list(User.objects.values_list("email", "role", "password")),
        Milestone.objects.count(),
    )


@pytest.mark.django_db
def test_seed_demo_loads_trusts_milestones_and_a_user_per_role():
    call_command("seed_demo")
    assert MemberTrust.objects.current().count() == 6
    historic = MemberTrust.objects.get(short_name="NWBH")
    assert historic.status == "dissolved"
    assert set(historic.successors.values_list("short_name", flat=True)) == {
        "GMMH",
        "Mersey Care",
    }
    assert Milestone.objects.first().happened_on.year == 2016
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {"coordinator", "trust_lead", "peer_worker"}
    assert User.objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first


def test_seed_demo_refuses_in_production(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
