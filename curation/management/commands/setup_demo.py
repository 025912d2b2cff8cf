"""Prepare a local demo: load the seed data into an empty database and create demo logins."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from curation.models import Source
from curation.review.roles import EDITORS, REVIEWERS

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "ftz-demo-2026")
DEMO_ROLE_LOGINS = [("editor", EDITORS), ("reviewer", REVIEWERS)]


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

        call_command("setup_roles", stdout=self.stdout)

        user_model = get_user_model()
        admin, _ = user_model.objects.get_or_create(username="admin", defaults={"email": "admin@example.org"})
        admin.is_staff = admin.is_superuser = True
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        for username, group_name in DEMO_ROLE_LOGINS:
            user, _ = user_model.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
            user.is_staff, user.is_superuser = True, False
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])

        self.stdout.write("")
        # ./portal up serves on PORTAL_ADDR; say where the admin really is.
        address = os.environ.get("PORTAL_ADDR", "127.0.0.1:8000")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (local use only) at http://{address}/{settings.ADMIN_URL}"))
        self.stdout.write(f"  superuser  admin / {DEMO_PASSWORD}")
        for username, group_name in DEMO_ROLE_LOGINS:
            self.stdout.write(f"  {group_name[:-1].lower():<9}  {username} / {DEMO_PASSWORD}")
        self.stdout.write("")
