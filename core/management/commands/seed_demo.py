import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Order matters: users need trusts; posts, standards and training need users.
DEMO_MODULES = [
    "network.demo",
    "accounts.demo",
    "workforce.demo",
    "standards.demo",
    "training.demo",
    "core.demo_workhome",  # last: it gives the work homes something to show
]


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            # Demo accounts have a published password: never in production.
            raise CommandError("seed_demo refuses to run in production mode")
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue  # that app has no demo data yet
                module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
