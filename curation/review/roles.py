"""The two roles of the data desk, Editors and Reviewers, as groups of permissions.

The role definitions live here as data; `manage.py setup_roles` (run by `setup_demo`) makes
the groups match them. The permissions are checked in the domain code (`curation.review.workflow`),
so a role is what a user may do, not only which buttons they see.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS = "Editors"
REVIEWERS = "Reviewers"

_EDITED = ("source", "claim", "citation", "place", "placealias", "placelink", "metric", "outlet")

EDITOR_PERMISSIONS = (
    *(f"curation.{verb}_{model}" for model in _EDITED for verb in ("add", "change", "view")),
    # Drafts may be thrown away; the workflow refuses to delete a claim that was ever approved.
    "curation.delete_claim",
    "curation.delete_citation",
    "curation.delete_placealias",
    "curation.delete_placelink",
    # Flagging a contradiction is adding one; resolving it is the reviewers' permission.
    "curation.add_contradiction",
    "curation.change_contradiction",
    "curation.view_contradiction",
    "curation.submit_claim",
    *(f"curation.{verb}_{model}" for model in ("claim", "source", "place", "metric") for verb in ("import", "export")),
    "curation.view_release",
    # Everyone's background jobs are visible; one's own can be cancelled or run again.
    "curation.view_job",
)

REVIEWER_PERMISSIONS = (
    *EDITOR_PERMISSIONS,
    "curation.approve_claim",
    "curation.retract_claim",
    "curation.resolve_contradiction",
    "curation.publish_release",
    # Cancel or run again anyone's job.
    "curation.change_job",
)

ROLES = {EDITORS: EDITOR_PERMISSIONS, REVIEWERS: REVIEWER_PERMISSIONS}


@dataclass(frozen=True)
class RoleReport:
    group: str
    created: bool
    granted: tuple[str, ...]


def _permissions_named(names) -> dict[str, Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = Permission.objects.filter(content_type__app_label__in={app for app, _ in wanted}).select_related(
        "content_type"
    )
    return {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in found
        if (permission.content_type.app_label, permission.codename) in wanted
    }


@transaction.atomic
def roles_setup() -> list[RoleReport]:
    """Create the Editors and Reviewers groups, or bring their permissions back to the definition."""
    reports = []
    for group_name, required in ROLES.items():
        available = _permissions_named(required)
        absent = sorted(set(required) - set(available))
        if absent:
            raise LookupError(f"Permissions missing for {group_name}: {', '.join(absent)}. Run migrate first.")
        group, created = Group.objects.get_or_create(name=group_name)
        group.permissions.set(available.values())
        reports.append(
            RoleReport(
                group=group_name,
                created=created,
                granted=tuple(sorted(available)),
            )
        )
    return reports
