from django.core.management.base import BaseCommand

from audit.retention import purge_expired


class Command(BaseCommand):
    help = "Apply the retention periods in settings (safe to run repeatedly)."

    def handle(self, *args, **options):
        counts = purge_expired()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
