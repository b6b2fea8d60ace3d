"""Declared access policy for every standards URL (checked by tests/security).

The version is in consultation; lead A has responded (with a paragraph
comment), so lead B probes access to another trust's response. Statuses follow
tests.policies.ROLES: anonymous, peer worker, lead A, lead B, coordinator, admin.
"""

from datetime import timedelta

from django.utils import timezone

from tests.policies import COORDINATORS, PUBLIC, SIGNED_IN, Policy, World

BODY = "## Purpose\n\nEvery peer support worker has regular supervision.\n"


def standard(w: World):
    from standards.models import Standard

    return w.once(
        "standards.standard",
        lambda: Standard.objects.create(
            code="NWPSW-S03",
            title="Supervision for peer support workers",
            area=Standard.Area.SUPERVISION,
            owner=w.coordinator,
        ),
    )


def version(w: World):
    from standards.models import StandardVersion

    today = timezone.localdate()
    return w.once(
        "standards.version",
        lambda: StandardVersion.objects.create(
            standard=standard(w),
            number=1,
            body=BODY,
            status=StandardVersion.Status.CONSULTATION,
            consultation_opens=today - timedelta(days=1),
            consultation_closes=today + timedelta(days=14),
        ),
    )


def response(w: World):
    from standards.models import ConsultationResponse

    return w.once(
        "standards.response",
        lambda: ConsultationResponse.objects.create(
            version=version(w),
            respondent=w.lead_a,
            trust=w.trust_a,
            respondent_type="trust_lead",
            position=ConsultationResponse.Position.SUPPORT_WITH_CHANGES,
            comments="Monthly is too rare at first.",
        ),
    )


def comment(w: World):
    from standards.models import ConsultationComment

    return w.once(
        "standards.comment",
        lambda: ConsultationComment.objects.create(
            response=response(w), paragraph=1, text="Say who supervises."
        ),
    )


def code(w):
    return {"code": standard(w).code}


def code_number(w):
    return {"code": version(w).standard.code, "number": version(w).number}


POLICIES = [
    Policy("standards:standard-list", get=PUBLIC),
    Policy(
        "standards:standard-create",
        get=COORDINATORS,
        post=COORDINATORS,
    ),
    Policy("standards:adoption-matrix", get=SIGNED_IN),
    Policy(
        "standards:response-disposition",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=lambda w: {"pk": response(w).pk},
    ),
    Policy(
        "standards:comment-edit",
        get="302 404 200 404 404 404",
        post="302 404 200 404 404 404",
        kwargs=lambda w: {"pk": comment(w).pk},
    ),
    Policy(
        "standards:comment-delete",
        get="302 404 200 404 404 404",
        post="302 404 302 404 404 404",
        kwargs=lambda w: {"pk": comment(w).pk},
    ),
    Policy(
        "standards:comment-disposition",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=lambda w: {"pk": comment(w).pk},
    ),
    Policy("standards:standard-detail", get="404 200 200 200 200 200", kwargs=code),
    Policy(
        "standards:standard-update",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=code,
    ),
    Policy("standards:version-compare", get="404 302 302 302 302 302", kwargs=code),
    Policy(
        "standards:version-next",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=code,
    ),
    Policy(
        "standards:adoption-edit",
        get="302 404 404 404 404 404",
        post="302 404 404 404 404 404",
        kwargs=lambda w: {"code": standard(w).code, "trust_pk": w.trust_a.pk},
        why="Adoption is recorded only once a version is approved (this one is in "
        "consultation), so every role gets 404 here.",
    ),
    Policy(
        "standards:version-detail", get="404 200 200 200 200 200", kwargs=code_number
    ),
    Policy(
        "standards:version-edit",
        get="302 403 403 403 302 302",
        post="302 403 403 403 302 302",
        kwargs=code_number,
    ),
    Policy("standards:version-history", get=SIGNED_IN, kwargs=code_number),
    Policy(
        "standards:consultation-open",
        get="302 403 403 403 302 302",
        post="302 403 403 403 302 302",
        kwargs=code_number,
    ),
    Policy(
        "standards:consultation-close",
        get="405 405 405 405 405 405",
        post="302 403 403 403 302 302",
        kwargs=code_number,
    ),
    Policy(
        "standards:version-approve",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=code_number,
    ),
    Policy(
        "standards:version-confirm",
        get="405 405 405 405 405 405",
        post="302 403 403 403 302 302",
        kwargs=code_number,
    ),
    Policy(
        "standards:version-withdraw",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=code_number,
    ),
    Policy(
        "standards:response-edit",
        get="302 200 200 200 403 403",
        post="302 200 200 200 403 403",
        kwargs=code_number,
    ),
    Policy(
        "standards:comment-add",
        get="302 403 403 403 403 403",
        post="302 403 403 403 403 403",
        kwargs=code_number,
    ),
    Policy("standards:response-list", get=COORDINATORS, kwargs=code_number),
    Policy(
        "standards:disposition-log", get="404 200 200 200 200 200", kwargs=code_number
    ),
]
