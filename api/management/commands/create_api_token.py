"""Issue a personal API token from the command line (local demos, CI seeding).

    manage.py create_api_token lead.merseycare@demo.nwpsw.example "curl demo"

Prints only the token, so scripts can capture it. The token has exactly the
user's access, like one made on /api/tokens/. In production mode it refuses:
there, people create their own tokens after confirming it is them, so nobody
with shell access can mint a credential for someone else.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from api import services


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it (shown once)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("name", nargs="?", default="command line")

    def handle(self, *args, email, name, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "create_api_token is for local demos and tests. In production, "
                "people create their own tokens at /api/tokens/ after signing in again"
            )
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None or not user.is_active:
            raise CommandError(f"No active user has the email {email}")
        try:
            _, raw = services.token_create(user=user, name=name, via="command line")
        except PermissionDenied as exc:
            raise CommandError(f"{email}: {exc}") from None
        self.stdout.write(raw)
