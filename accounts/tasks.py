from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model

from core.emails import send_templated_email


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_invitation(user_id: int, inviter_id: int) -> None:
    """Email an invited coordinator or trust lead their link to set a password."""
    from accounts.services import invitation_path

    User = get_user_model()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password():
        return  # already accepted, or removed since
    inviter = User.objects.filter(pk=inviter_id).first()
    send_templated_email(
        "invitation",
        to=[user.email],
        context={
            "user": user,
            "inviter": inviter,
            "url": settings.SITE_URL + invitation_path(user),
        },
    )
