"""Standards, each with superseded versions, an approved one and an open draft,
with consultation responses from every trust, edits and adoptions."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from standards.models import (
    CompetenceDomain,
    ConsultationResponse,
    Standard,
    StandardAdoption,
    StandardVersion,
    StandardVersionEdit,
)

AREAS = [a for a, _ in Standard.Area.choices]
PHRASES = [
    "Peer support workers have regular reflective supervision with a peer.",
    "Every new starter has a planned induction covering lived experience values.",
    "Teams are prepared for peer roles before the first post starts.",
    "Reasonable adjustments are agreed in a wellness plan and reviewed.",
    "Recruitment is values based and co-produced with people with lived experience.",
    "Progression routes to senior and lead roles are published for every band.",
]
EDITS_PER_VERSION = 2


def generate(ctx) -> None:
    from benchmarks.loaddata import BATCH

    rng, n = ctx.rng, ctx.volumes.standards
    standards = Standard.objects.bulk_create(
        [
            Standard(
                code=f"NWPSW-S{i + 1:03d}",
                title=f"Standard {i + 1}: {rng.choice(PHRASES)[:60]}",
                area=AREAS[i % len(AREAS)],
                owner_id=rng.choice(ctx.coordinator_ids),
            )
            for i in range(n)
        ]
    )
    ctx.count("standards_standard", n)
    domains = list(CompetenceDomain.objects.values_list("pk", flat=True))
    if domains:
        through = Standard.hee_domains.through
        through.objects.bulk_create(
            [
                through(standard_id=s.pk, competencedomain_id=d)
                for s in standards
                for d in rng.sample(domains, min(3, len(domains)))
            ]
        )

    versions = []
    for standard in standards:
        versions.extend(_versions(ctx, standard))
    StandardVersion.objects.bulk_create(versions, batch_size=BATCH)
    ctx.count("standards_standardversion", len(versions))
    edits = [
        StandardVersionEdit(
            version_id=v.pk,
            revision=r + 1,
            body=v.body,
            summary_of_changes=f"Edit {r + 1}",
            edited_by_id=rng.choice(ctx.coordinator_ids),
            edited_at=timezone.make_aware(datetime.combine(ctx.anchor, time(9))),
        )
        for v in versions
        for r in range(EDITS_PER_VERSION)
    ]
    StandardVersionEdit.objects.bulk_create(edits, batch_size=BATCH)
    ctx.count("standards_standardversionedit", len(edits))
    _responses(ctx, versions)
    adoptions = [
        StandardAdoption(
            standard_id=s.pk,
            trust_id=t,
            status=rng.choice(["planned", "partially_adopted", "adopted"]),
        )
        for s in standards
        for t in ctx.trust_ids
    ]
    StandardAdoption.objects.bulk_create(adoptions, batch_size=BATCH)
    ctx.count("standards_standardadoption", len(adoptions))


def _body(rng, paragraphs: int = 6) -> str:
    return "\n\n".join(rng.choice(PHRASES) for _ in range(paragraphs))


def _versions(ctx, standard) -> list:
    """v1..v(n-2) superseded, v(n-1) approved, vn in consultation."""
    rng, count = ctx.rng, ctx.volumes.versions_per_standard
    rows, body = [], _body(rng)
    for number in range(1, count + 1):
        approved_on = ctx.anchor - timedelta(days=400 * (count - number) + 30)
        meeting = rng.choice(ctx.past_meeting_ids or ctx.meeting_ids)
        status = "superseded" if number < count - 1 else "approved"
        fields = {"approved_at_id": meeting, "approved_on": approved_on}
        fields["review_date"] = approved_on + timedelta(days=730)
        if number == count:
            status, fields = "consultation", {}
            fields["consultation_opens"] = ctx.anchor - timedelta(days=10)
            fields["consultation_closes"] = ctx.anchor + timedelta(days=18)
        # Each version changes a paragraph or two, so the diff has something to show.
        paragraphs = body.split("\n\n")
        paragraphs[rng.randrange(len(paragraphs))] = (
            rng.choice(PHRASES) + f" (v{number})"
        )
        body = "\n\n".join(paragraphs)
        rows.append(
            StandardVersion(
                standard_id=standard.pk,
                number=number,
                status=status,
                body=body,
                summary_of_changes=f"Version {number} changes.",
                revision=EDITS_PER_VERSION,
                **fields,
            )
        )
    return rows


def _responses(ctx, versions) -> None:
    from benchmarks.loaddata import BATCH

    rng, rows = ctx.rng, []
    open_or_old = [v for v in versions if v.status in ("consultation", "superseded")]
    for version in open_or_old:
        for trust_id in ctx.trust_ids:
            lead = (ctx.lead_ids_by_trust.get(trust_id) or [None])[0]
            if lead is None or rng.random() < 0.2:
                continue
            rows.append(
                ConsultationResponse(
                    version_id=version.pk,
                    trust_id=trust_id,
                    respondent_id=lead,
                    respondent_type="trust_lead",
                    position=rng.choice(
                        ["support", "support_with_changes", "no_comment"]
                    ),
                    comments="We support this with small changes to paragraph 2.",
                    submitted_at=timezone.make_aware(
                        datetime.combine(ctx.anchor - timedelta(days=5), time(12))
                    ),
                )
            )
    ConsultationResponse.objects.bulk_create(rows, batch_size=BATCH)
    ctx.count("standards_consultationresponse", len(rows))
