from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import accounts, network, standards, training, workforce, workhome

# Order matters: users need trusts; posts, standards and training need users;
# the work homes come last, to show something from each.
DEMO_DATA = [network, accounts, workforce, standards, training, workhome]


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            # Demo accounts have a published password: never in production.
            raise CommandError("seed_demo refuses to run in production mode")
        with transaction.atomic():
            for module in DEMO_DATA:
                module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
