from django.core.management.base import BaseCommand, CommandError

from audit.dbroles import RoleSetupError, grant_app_role


class Command(BaseCommand):
    help = (
        "PostgreSQL, run as the owner after migrate: give the application's "
        "role its privileges, with INSERT and SELECT only on the audit trail."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role the application connects as")

    def handle(self, *args, role, **options):
        try:
            grant_app_role(role)
        except RoleSetupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{role}: privileges granted")
