"""Prepare a local demo: load the seed data into an empty database and create demo logins."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from curation.models import Source

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "ftz-demo-2026")


class Command(BaseCommand):
    help = "Load the seed fixtures (when the database has no sources yet) and create the demo logins."

    def handle(self, *args, **options):
        if settings.IS_PRODUCTION:
            raise CommandError("setup_demo creates well-known passwords and refuses to run with DJANGO_ENV=production.")
        if Source.objects.exists():
            self.stdout.write("Sources already present: seed fixtures not loaded again.")
        else:
            call_command("loaddata", "seed", verbosity=0)
            # loaddata writes raw rows; give each seeded row its first history entry.
            call_command("populate_history", "--auto", verbosity=0)
            self.stdout.write(self.style.SUCCESS("Loaded the seed fixtures."))

        user_model = get_user_model()
        admin, _ = user_model.objects.get_or_create(username="admin", defaults={"email": "admin@example.org"})
        admin.is_staff = admin.is_superuser = True
        admin.set_password(DEMO_PASSWORD)
        admin.save()

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins (local use only) at http://127.0.0.1:8000/admin/"))
        self.stdout.write(f"  superuser  admin / {DEMO_PASSWORD}")
        self.stdout.write("")
