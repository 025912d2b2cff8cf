"""The one place the Tasks API comes from.

django-tasks is the backport of Django 6's built-in `django.tasks`; on Django 6 change this
import to `from django.tasks import ...` and nothing else moves.
"""

from django_tasks import TaskResultStatus, task, task_backends

__all__ = ["TaskResultStatus", "task", "task_backends"]
