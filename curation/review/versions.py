"""Optimistic concurrency: what changed in a record since someone loaded it, in words.

Claims, citations, sources and contradictions carry a version (django-concurrency's
AutoIncVersionField) that every save checks and moves on. When a save comes from a page
loaded at an older version, it is refused, and this module says what the other saves changed
(from the history rows, which record the version) and merges the person's own edits on top of
the current row, so saving again applies exactly their edit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

# Columns that change with every save or only through the workflow: not "what changed".
BOOKKEEPING_FIELDS = frozenset(
    {"id", "version", "updated_at", "updated_by", "created_at", "created_by", "content_hash"}
)


class StaleEdit(ValidationError):
    """A save from a page loaded before someone else's save; the message says what they changed."""

    def __init__(self, conflict: Conflict):
        self.conflict = conflict
        super().__init__(conflict.message())


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: object
    after: object


@dataclass
class Conflict:
    label: str
    seen_version: int
    current_version: int
    changes: list[FieldChange] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)

    def message(self) -> str:
        who = ", ".join(self.authors) if self.authors else "someone else"
        versions = f"version {self.seen_version} → {self.current_version}"
        text = f"{self.label} was saved by {who} after you opened it ({versions})."
        if self.changes:
            listed = "; ".join(f"{c.label}: {_shown(c.before)} → {_shown(c.after)}" for c in self.changes)
            text += f" They changed {listed}."
        return (
            text + " Nothing of yours was saved. The form now shows the current record with your own changes "
            "on top: check them and save again to apply them."
        )


def _shown(value) -> str:
    if value in (None, ""):
        return "(empty)"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).replace("\r\n", " ").replace("\n", " ")
    return f"“{text[:80]}…”" if len(text) > 80 else f"“{text}”"


def compared_fields(model) -> list[models.Field]:
    return [
        model_field
        for model_field in model._meta.concrete_fields
        if model_field.editable and model_field.name not in BOOKKEEPING_FIELDS
    ]


def seen_record(*, instance: models.Model, version: int):
    """The history row of the record as it was at `version` (the last row saved with it), or None."""
    return (
        type(instance).history.filter(id=instance.pk, version=version).order_by("-history_date", "-history_id").first()
    )


def conflict_since(*, current: models.Model, seen_version: int) -> Conflict | None:
    """What changed in `current` (the stored row) since it was at `seen_version`; None if nothing did."""
    if current.version == seen_version:
        return None
    model = type(current)
    label = f"{model._meta.verbose_name.capitalize()} #{current.pk}"
    conflict = Conflict(label=label, seen_version=seen_version, current_version=current.version)
    seen = seen_record(instance=current, version=seen_version)
    later = model.history.filter(id=current.pk, version__gt=seen_version).select_related("history_user")
    for record in later.order_by("history_date", "history_id"):
        user = record.history_user.get_username() if record.history_user else "a command"
        author = f"{user} at {record.history_date:%Y-%m-%d %H:%M}"
        if author not in conflict.authors:
            conflict.authors.append(author)
    if seen is not None:
        for model_field in compared_fields(model):
            before, after = getattr(seen, model_field.attname), getattr(current, model_field.attname)
            if before != after:
                if model_field.is_relation and after is not None:
                    after = getattr(current, model_field.name)
                    before = model_field.related_model._default_manager.filter(pk=before).first() or before
                conflict.changes.append(FieldChange(model_field.name, str(model_field.verbose_name), before, after))
    return conflict


def check_version(*, instance: models.Model, stored: models.Model) -> None:
    """Refuse a save of `instance` (loaded at its version) over a stored row that moved on since."""
    conflict = conflict_since(current=stored, seen_version=instance.version)
    if conflict is not None:
        raise StaleEdit(conflict)
