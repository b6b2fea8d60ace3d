from django.core.management.base import BaseCommand

from demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS


class Command(BaseCommand):
    help = (
        "Print the demo logins, the shared password and the coordinator's TOTP secret."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for email, _name, role, trust, admin, totp in DEMO_USERS:
            extra = " + admin" if admin else ""
            extra += f" ({trust})" if trust else ""
            extra += ", needs an authenticator code" if totp else ""
            self.stdout.write(f"  {email:38} {role.label}{extra}")
        self.stdout.write(
            f"Authenticator (TOTP) secret for coordinator and admin: {DEMO_TOTP_SECRET}\n"
            "  add it to any authenticator app, or run `make totp` for the current code."
        )
