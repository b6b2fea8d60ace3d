"""Declared access policy for every workforce URL (checked by tests/security).

Objects belong to Trust A, so lead B probes cross-trust access. Statuses follow
tests.policies.ROLES: anonymous, peer worker, lead A, lead B, coordinator, admin.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from tests.policies import COORDINATORS, PUBLIC, Policy, World


def post(w: World):
    from workforce.models import Post
    from workforce.services import post_create

    return w.once(
        "workforce.post",
        lambda: post_create(
            post=Post(
                trust=w.trust_a,
                local_ref="A-001",
                role_type="psw",
                job_title="Peer Support Worker – Crisis",
                band="afc_3",
                wte=Decimal("1.00"),
                delivery_model="embedded_in_team",
                setting="crisis",
                lived_experience_basis="service_user",
                contract_type="permanent",
                funding_source="trust_baseline",
                status="funded",
                status_effective_date=date(2024, 1, 10),
            ),
            actor=w.lead_a,
        ),
    )


def checklist_item(w: World):
    from workforce.models import ImplementationChecklistItem
    from workforce.reference import seed_checklist_items

    def make():
        seed_checklist_items(ImplementationChecklistItem)
        return ImplementationChecklistItem.objects.order_by("order").first()

    return w.once("workforce.item", make)


def workforce_return(w: World):
    from workforce.models import WorkforceReturn

    today = timezone.localdate()
    return w.once(
        "workforce.return",
        lambda: WorkforceReturn.objects.create(
            trust=w.trust_a,
            period="2026-Q3",
            snapshot_date=today - timedelta(days=10),
            due_date=today + timedelta(days=20),
        ),
    )


def post_import(w: World):
    from workforce.models import PostImport

    return w.once(
        "workforce.import",
        lambda: PostImport.objects.create(
            trust=w.trust_a,
            filename="posts.csv",
            content="local_ref,job_title\n",
            created_by=w.lead_a,
        ),
    )


def post_pk(w):
    return {"pk": post(w).pk}


def return_pk(w):
    return {"pk": workforce_return(w).pk}


def import_pk(w):
    return {"pk": post_import(w).pk}


POLICIES = [
    Policy(
        "workforce:dashboard",
        get=PUBLIC,
        why="Public aggregates, rounded to the nearest 5 for the public.",
    ),
    Policy(
        "workforce:reports",
        get=PUBLIC,
        why="Public aggregates, rounded; the list of posts recruiting for over "
        "90 days only for leads (own trust) and coordinators.",
    ),
    Policy(
        "workforce:report-csv",
        get=PUBLIC,
        kwargs=lambda w: {"slug": "band-mix"},
    ),
    Policy(
        "workforce:report-xlsx",
        get=PUBLIC,
        kwargs=lambda w: {"slug": "band-mix"},
    ),
    Policy(
        "workforce:dashboard-xlsx",
        get=PUBLIC,
        kwargs=lambda w: {"slug": "by-band"},
    ),
    Policy(
        "workforce:dashboard-csv",
        get=PUBLIC,
        kwargs=lambda w: {"slug": "by-band"},
    ),
    Policy("workforce:post-list", get="302 403 200 200 200 200"),
    Policy("workforce:post-export", get="302 403 200 200 200 200"),
    Policy("workforce:post-export-xlsx", get="302 403 200 200 200 200"),
    Policy(
        "workforce:post-create",
        get="302 403 200 200 200 200",
        post="302 403 200 200 200 200",
    ),
    Policy("workforce:post-detail", get="302 404 200 404 200 200", kwargs=post_pk),
    Policy(
        "workforce:post-update",
        get="302 404 200 404 200 200",
        post="302 404 200 404 200 200",
        kwargs=post_pk,
    ),
    Policy(
        "workforce:post-status",
        get="302 404 200 404 200 200",
        post="302 404 200 404 200 200",
        kwargs=post_pk,
    ),
    Policy(
        "workforce:import-upload",
        get="302 403 200 200 200 200",
        post="302 403 200 200 200 200",
    ),
    Policy("workforce:import-template", get="302 403 200 200 200 200"),
    Policy("workforce:import-template-xlsx", get="302 403 200 200 200 200"),
    Policy(
        "workforce:import-preview",
        get="302 404 200 404 404 404",
        kwargs=import_pk,
        why="A staged file is seen only by the person who uploaded it.",
    ),
    Policy("workforce:import-errors", get="302 404 200 404 404 404", kwargs=import_pk),
    Policy(
        "workforce:import-confirm",
        get="302 405 405 405 405 405",
        post="302 404 302 404 404 404",
        kwargs=import_pk,
    ),
    Policy("workforce:readiness-home", get="302 403 302 302 200 200"),
    Policy(
        "workforce:readiness",
        get="302 404 200 404 200 200",
        kwargs=lambda w: {"trust_pk": w.trust_a.pk},
    ),
    Policy(
        "workforce:readiness-item",
        get="302 404 200 404 200 200",
        post="302 404 200 404 200 200",
        kwargs=lambda w: {"trust_pk": w.trust_a.pk, "item_pk": checklist_item(w).pk},
    ),
    Policy(
        "workforce:checklist-item-update",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=lambda w: {"pk": checklist_item(w).pk},
    ),
    Policy("workforce:return-list", get="302 403 200 200 200 200"),
    Policy(
        "workforce:board-pack",
        get="302 403 200 200 200 200",
        why="The regional board pack for coordinators; a trust lead gets their "
        "own trust's pack (other trusts' figures never in it); peer workers "
        "and the public are refused.",
    ),
    Policy("workforce:return-detail", get="302 404 200 404 200 200", kwargs=return_pk),
    Policy(
        "workforce:return-submit",
        get="302 405 405 405 405 405",
        post="302 404 302 404 403 403",
        kwargs=return_pk,
    ),
    Policy(
        "workforce:return-confirm",
        get="302 405 405 405 405 405",
        post="302 404 403 404 302 302",
        kwargs=return_pk,
    ),
    Policy(
        "workforce:return-send-back",
        get="302 405 405 405 405 405",
        post="302 404 403 404 302 302",
        kwargs=return_pk,
    ),
    Policy(
        "workforce:return-round-open",
        get="302 405 405 405 405 405",
        post="302 403 403 403 302 302",
        why="Only coordinators open a quarter's returns.",
    ),
    Policy(
        "workforce:return-reopen",
        get="302 405 405 405 405 405",
        post="302 404 403 404 302 302",
        kwargs=return_pk,
        why="Only coordinators re-open a return; another trust's lead gets 404.",
    ),
]
