"""WSGI entry point (gunicorn ftzportal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ftzportal.settings")
application = get_wsgi_application()
