"""Create the Editors and Reviewers groups with their permissions; safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from curation.review.roles import roles_setup


class Command(BaseCommand):
    help = "Create or update the Editors and Reviewers groups (idempotent)."

    def handle(self, *args, **options):
        try:
            reports = roles_setup()
        except LookupError as error:
            raise CommandError(str(error)) from error
        for report in reports:
            action = "Created" if report.created else "Updated"
            self.stdout.write(f"{action} group {report.group}: {len(report.granted)} permissions.")
