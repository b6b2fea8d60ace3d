from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from demo.accounts import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current authenticator code for the demo coordinator and admin."

    def add_arguments(self, parser):
        parser.add_argument("--secret", default=DEMO_TOTP_SECRET)

    def handle(self, *args, **options):
        import time

        counter = int(time.time()) // 30
        self.stdout.write(format_hotp_value(hotp_value(options["secret"], counter)))
