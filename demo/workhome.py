"""Demo rows that give each demo person's work home real, varied lines.

Run last by seed_demo (it needs the people, posts, meetings and catalogue);
every date is relative to today and running it twice changes nothing more.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.models import Notification
from core.workdays import working_day_on_or_after
from network.models import MemberTrust
from training.models import TrainingBooking, TrainingInterest, TrainingOpportunity
from workforce.models import Post, WorkforceReturn
from workforce.reports import last_quarter_end, quarter_of

PEER = "peer@demo.nwpsw.example"
COORDINATOR = "coordinator@demo.nwpsw.example"


def seed(stdout=None) -> None:
    today = timezone.localdate()
    _current_round(today)
    _posts_to_check(today)
    User = get_user_model()
    peer = User.objects.filter(email=PEER).first()
    if peer:
        _offer(peer, today)
        _new_course_for_interest(peer, today)
    coordinator = User.objects.filter(email=COORDINATOR).first()
    if coordinator:
        _failed_email(coordinator)
    _invitation_not_accepted(today)
    if stdout:
        stdout.write("work home: a return round, an offer and other things to do")


def _current_round(today) -> None:
    """This quarter's returns: one overdue, one sent back, one waiting to confirm."""
    quarter_end = last_quarter_end(today)
    due = quarter_end + timedelta(days=15)
    for short, status in (
        ("Mersey Care", "open"),
        ("GMMH", "submitted"),
        ("Pennine Care", "returned"),
    ):
        trust = MemberTrust.objects.filter(short_name=short).first()
        if trust is None:
            continue
        WorkforceReturn.objects.get_or_create(
            trust=trust,
            period=quarter_of(quarter_end),
            defaults={
                "snapshot_date": quarter_end,
                "due_date": due,
                "status": status,
                "submitted_at": timezone.now() if status == "submitted" else None,
                "returned_reason": "Two posts show the wrong band"
                if status == "returned"
                else "",
            },
        )


def _posts_to_check(today) -> None:
    """Two Mersey Care posts nobody has looked at for seven months."""
    old = timezone.now() - timedelta(days=210)
    posts = Post.objects.filter(trust__short_name="Mersey Care", status="filled")
    ids = list(posts.order_by("local_ref").values_list("pk", flat=True)[:2])
    Post.objects.filter(pk__in=ids).update(updated_at=old)


def _offer(peer, today) -> None:
    """A place offered from the waiting list, to answer by 5pm tomorrow."""
    if TrainingBooking.objects.filter(user=peer, status="offered").exists():
        return
    course = (
        TrainingOpportunity.objects.filter(
            status="booking_open", book_here=True, places_remaining__gt=0
        )
        .exclude(bookings__user=peer)
        .order_by("start_date")
        .first()
    )
    if course is None:
        return
    deadline = datetime.combine(today + timedelta(days=1), time(17))
    TrainingBooking.objects.create(
        opportunity=course,
        user=peer,
        status="offered",
        waitlisted_at=timezone.now() - timedelta(days=6),
        offer_expires_at=timezone.make_aware(deadline),
    )
    course.places_remaining -= 1
    course.save(update_fields=["places_remaining"])


def _new_course_for_interest(peer, today) -> None:
    """A course added after the peer registered interest in its category."""
    interest = TrainingInterest.objects.filter(
        user=peer, opportunity=None, status="interested"
    ).first()
    if interest is None:
        return
    TrainingInterest.objects.filter(pk=interest.pk).update(
        created_at=timezone.now() - timedelta(days=21)
    )
    template = TrainingOpportunity.objects.filter(status="booking_open").first()
    if template is None:
        return
    TrainingOpportunity.objects.get_or_create(
        title="Leading peer support teams: an introduction",
        defaults={
            "provider": template.provider,
            "category": interest.category,
            "audience": "|psw|senior_psw_lead|",
            "description": "Two mornings on leading and supporting a peer team.",
            "delivery_mode": "online",
            "start_date": working_day_on_or_after(today + timedelta(days=45)),
            "booking_deadline": today + timedelta(days=35),
            "cost_type": "free",
            "book_here": True,
            "places_total": 16,
            "places_remaining": 16,
            "status": "booking_open",
            "published_at": timezone.now(),
        },
    )


def _failed_email(coordinator) -> None:
    """A reminder the mail server refused, for the outbox's failed list."""
    lead = get_user_model().objects.filter(email__startswith="lead.gmmh").first()
    if lead is None:
        return
    Notification.objects.get_or_create(
        kind="R13-return-due",
        content_type=ContentType.objects.get_for_model(lead),
        object_id=str(lead.pk),
        recipient=lead,
        occurrence="demo-failed",
        defaults={
            "subject": "Your quarterly return is due",
            "body_text": "Please check your posts and send your return.",
            "status": Notification.Status.FAILED,
            "attempts": 5,
            "last_error": "SMTPRecipientsRefused: 550 mailbox unavailable",
        },
    )


def _invitation_not_accepted(today) -> None:
    """Someone invited three weeks ago who has not set a password yet."""
    User = get_user_model()
    trust = MemberTrust.objects.filter(short_name="LSCft").first()
    user, made = User.objects.get_or_create(
        email="new.lead.lscft@demo.nwpsw.example",
        defaults={
            "full_name": "Jordan Price",
            "role": "trust_lead" if trust else "peer_worker",
            "trust": trust,
        },
    )
    if made:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    User.objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - timedelta(days=21)
    )
