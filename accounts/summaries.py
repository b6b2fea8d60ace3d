"""What the person page shows about someone: sign-in set-up and what they own."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from accounts.services import is_invited

SHOWN = 20  # rows of each kind on the page; the count says if there are more


def summary(person) -> dict:
    from api.models import ApiToken
    from network.models import ActionItem
    from training.models import TrainingBooking
    from workforce.models import Post

    actions = ActionItem.objects.filter(owner=person).order_by("due_date")
    posts = Post.objects.filter(updated_by=person).select_related("trust")
    bookings = TrainingBooking.objects.filter(user=person).select_related("opportunity")
    return {
        "verified": EmailAddress.objects.filter(
            user=person, email__iexact=person.email, verified=True
        ).exists(),
        "has_mfa": Authenticator.objects.filter(
            user=person, type=Authenticator.Type.TOTP
        ).exists(),
        "invited": is_invited(person),
        "tokens": ApiToken.objects.filter(user=person)[:SHOWN],
        "actions": actions[:SHOWN],
        "action_count": actions.count(),
        "posts": posts.order_by("-updated_at")[:SHOWN],
        "post_count": posts.count(),
        "bookings": bookings.order_by("-created_at")[:SHOWN],
        "booking_count": bookings.count(),
    }
