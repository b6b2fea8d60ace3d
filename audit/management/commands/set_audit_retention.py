from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from audit.dbroles import set_audit_retention


class Command(BaseCommand):
    help = (
        "Run as the owner after migrate: copy RETENTION_AUDIT_DAYS into the "
        "database, which alone decides which audit rows the purge may delete."
    )

    def handle(self, *args, **options):
        days = settings.RETENTION_AUDIT_DAYS
        try:
            set_audit_retention(days)
        except (ValueError, DatabaseError) as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 0:
            self.stdout.write(f"audit_days: {days}")
