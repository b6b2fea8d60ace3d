"""Demo data shape and idempotency; the trust-page summary."""

from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.template.loader import render_to_string

from demo import workforce as demo
from tests.workforce.test_query_counts import seed_demo_trusts
from workforce.models import Post, PostStatusChange, TrustChecklistStatus
from workforce.summaries import trust_summary

pytestmark = pytest.mark.django_db


def test_demo_matches_the_domain_shape_and_is_idempotent():
    seed_demo_trusts()
    demo.seed()
    counts = (
        Post.objects.count(),
        PostStatusChange.objects.count(),
        TrustChecklistStatus.objects.count(),
    )
    demo.seed()
    assert (
        Post.objects.count(),
        PostStatusChange.objects.count(),
        TrustChecklistStatus.objects.count(),
    ) == counts
    live = {
        r["trust__short_name"]: (r["n"], r["w"])
        for r in Post.objects.exclude(status="closed")
        .values("trust__short_name")
        .annotate(n=Count("id"), w=Sum("wte"))
    }
    assert live["Mersey Care"] == (45, Decimal("38.00"))
    assert live["GMMH"] == (40, Decimal("33.50"))
    assert Post.objects.filter(
        trust__short_name="Mersey Care", setting="criminal_justice_liaison"
    ).exists()
    assert (
        Post.objects.filter(
            trust__short_name="CWP", band="volunteer", contract_type="volunteer"
        ).count()
        == 7
    )
    embedded = (
        Post.objects.filter(delivery_model="embedded_in_team").count()
        / Post.objects.count()
    )
    assert 0.7 < embedded < 0.9
    cntw_q1 = PostStatusChange.objects.as_at(
        __import__("datetime").date(2022, 3, 31)
    ).filter(post__trust__short_name="CNTW")
    assert (
        cntw_q1.filter(to_status="filled").count(),
        cntw_q1.filter(to_status="recruiting").count(),
    ) == (21, 20)
    assert (
        PostStatusChange.objects.order_by("effective_date").first().effective_date.year
        == 2016
    )


def test_trust_summary_and_its_template(trust_a):
    from tests.workforce.conftest import make_post

    make_post(trust_a, status="filled", wte=Decimal("0.80"))
    make_post(trust_a, status="funded", wte=Decimal("1.00"))
    make_post(trust_a, status="planned", wte=Decimal("0.50"))
    summary = trust_summary(trust_a)
    assert (summary["posts"], summary["wte"], summary["filled_wte"]) == (
        3,
        Decimal("2.3"),
        Decimal("0.8"),
    )
    assert summary["vacancy_rate"] == Decimal("55.6")  # (1.8 − 0.8) ÷ 1.8
    assert [p["label"] for p in summary["phases"]] == [
        "Preparation",
        "Recruitment",
        "Employment",
        "Ongoing development",
    ]
    html = render_to_string(
        "workforce/includes/trust_summary.html", {"summary": summary}
    )
    assert "<h2" in html and "55.6%" in html and "Preparation" in html
