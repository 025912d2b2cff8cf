"""Publish the approved claims as the next numbered dataset release."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from curation.io.releases import release_publish
from curation.jobs.commands import BackgroundMixin
from curation.jobs.progress import TerminalProgress
from curation.models import Job


class Command(BackgroundMixin, BaseCommand):
    help = "Publish a release (CSV, JSON, XLSX and datapackage.json with SHA-256 checksums) of the approved claims."

    def add_arguments(self, parser):
        parser.add_argument("--title", required=True)
        parser.add_argument("--description", default="")
        parser.add_argument("--user", required=True, help="username of the publisher (needs publish_release)")
        parser.add_argument("--include-deprecated", action="store_true")
        self.add_background_argument(parser)

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user named '{options['user']}'.")
        if options["background"]:
            return self.enqueue(
                kind=Job.Kind.RELEASE,
                user=user,
                parameters={
                    "title": options["title"],
                    "description": options["description"],
                    "include_deprecated": options["include_deprecated"],
                },
            )
        progress = TerminalProgress(unit="release", description="Building the release files")
        progress.begin(total=1, phase="Building the release files")
        try:
            release = release_publish(
                title=options["title"],
                description=options["description"],
                user=user,
                include_deprecated=options["include_deprecated"],
            )
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        else:
            progress.advance()
        finally:
            progress.close()
        changes = release.changes
        self.stdout.write(
            self.style.SUCCESS(
                f"Published release v{release.version} '{release.title}': {release.claim_count} claims "
                f"({len(changes['added'])} added, {len(changes['removed'])} removed, "
                f"{len(changes['changed'])} changed since the previous release)."
            )
        )
        for release_file in release.files.all():
            self.stdout.write(f"  {release_file.name}  {release_file.size} bytes  sha256 {release_file.sha256}")
