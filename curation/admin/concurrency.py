"""Admin side of optimistic concurrency: the change form carries the version it was loaded at.

A save from a page loaded before someone else's save is refused with a message that says who
changed what (`curation.review.versions`), and the form comes back showing the current record with
the person's own edits on top, so pressing Save again applies exactly their edit. A revert to
an old version is an edit of the current one, so it is checked against the current version.
"""

import datetime
from decimal import Decimal

from concurrency.exceptions import RecordModifiedError
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect

from curation.review import versions

VERSION = "version"


def _form_value(value):
    """A stored value as a browser would post it."""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _comparable(value):
    return value.pk if isinstance(value, models.Model) else value


def missing_version_error(*, label: str) -> str:
    return (
        f"{label} was not saved: the form did not say which version of the record it was loaded at, so "
        "saving it could undo someone else's changes. Open the record's page again and make your change there."
    )


def stale_form_error(form, *, stored: models.Model) -> str | None:
    """Why a bound form of `stored` (its current row) may not be saved, or None.

    A form that posts no version (a script, a hand-made request) is refused: it cannot show
    that it was loaded at the current version. A form loaded at an older version is refused
    with what changed since, and comes back showing the current record with its own edits on top.
    """
    label = f"{stored._meta.verbose_name.capitalize()} #{stored.pk}"
    if form.add_prefix(VERSION) not in form.data:
        return missing_version_error(label=label)
    cleaned = form.cleaned_data
    if VERSION not in cleaned:
        return None  # the version field's own error (a tampered signature) is already shown
    conflict = versions.conflict_since(current=stored, seen_version=cleaned[VERSION])
    if conflict is None:
        return None
    _show_current_with_own_edits(form, stored, conflict.seen_version)
    return conflict.message()


def _show_current_with_own_edits(form, stored, seen_version):
    cleaned = form.cleaned_data
    seen = versions.seen_record(instance=stored, version=seen_version)
    data = form.data.copy()
    for name in form.fields:
        if name == VERSION or name not in cleaned:
            continue
        try:
            model_field = stored._meta.get_field(name)
        except Exception:  # a form-only field: keep what was posted
            continue
        if seen is None or not hasattr(seen, model_field.attname):
            continue
        own_edit = _comparable(cleaned[name]) != getattr(seen, model_field.attname)
        if not own_edit:
            data[form.add_prefix(name)] = _form_value(getattr(stored, model_field.name))
    data[form.add_prefix(VERSION)] = form.fields[VERSION]._signer.sign(stored.version)
    form.data = data


class VersionCheckedAdminMixin:
    """Adds the version to the change form and refuses a stale save with what changed."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or VERSION in flatten_fieldsets(fieldsets):
            return fieldsets
        name, options = fieldsets[0]
        fieldsets[0] = (name, {**options, "fields": [*options["fields"], VERSION]})
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or VERSION not in form_class.base_fields:
            return form_class
        reverting = getattr(request, "_reverting_to_version", False)

        class VersionCheckedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                if not self.instance.pk or VERSION not in cleaned:
                    return cleaned
                stored = type(self.instance)._default_manager.get(pk=self.instance.pk)
                if reverting:
                    # The old version's values, saved over the current row: an edit of the current version.
                    cleaned[VERSION] = stored.version
                    return cleaned
                error = stale_form_error(self, stored=stored)
                if error:
                    raise ValidationError(error)
                return cleaned

        # Keep the fields exactly as the other mixins left them (a subclass would rebuild them).
        VersionCheckedForm.base_fields = form_class.base_fields
        return VersionCheckedForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._reverting_to_version = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (RecordModifiedError, versions.StaleEdit) as error:
            # Someone saved between this form's check and its save: nothing was written.
            text = (
                error.conflict.message()
                if isinstance(error, versions.StaleEdit)
                else (
                    "Someone else saved this record while you were saving; nothing of yours was saved. "
                    "Reload the page and apply your change again."
                )
            )
            self.message_user(request, text, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
