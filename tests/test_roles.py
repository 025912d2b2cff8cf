"""The Editors and Reviewers groups and the demo logins."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from curation.review.roles import EDITOR_PERMISSIONS, EDITORS, REVIEWER_PERMISSIONS, REVIEWERS, roles_setup

pytestmark = pytest.mark.django_db


def permission_names(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_setup_roles_creates_both_groups_and_is_idempotent(capsys):
    call_command("setup_roles")
    first = {name: permission_names(name) for name in (EDITORS, REVIEWERS)}
    call_command("setup_roles")
    assert {name: permission_names(name) for name in (EDITORS, REVIEWERS)} == first
    assert Group.objects.filter(name__in=[EDITORS, REVIEWERS]).count() == 2
    assert "Updated group Reviewers" in capsys.readouterr().out


def test_reviewers_can_do_everything_editors_can_and_review():
    roles_setup()
    editors, reviewers = permission_names(EDITORS), permission_names(REVIEWERS)
    assert editors == set(EDITOR_PERMISSIONS) and reviewers == set(REVIEWER_PERMISSIONS)
    assert editors < reviewers
    assert reviewers - editors == {
        "curation.approve_claim",
        "curation.retract_claim",
        "curation.resolve_contradiction",
        "curation.publish_release",
        "curation.change_job",
    }
    assert "curation.submit_claim" in editors and "curation.add_contradiction" in editors
    assert {"curation.import_claim", "curation.import_source", "curation.export_claim"} <= editors


def test_setup_roles_restores_a_permission_removed_by_hand():
    roles_setup()
    reviewers = Group.objects.get(name=REVIEWERS)
    reviewers.permissions.remove(Permission.objects.get(codename="approve_claim"))
    roles_setup()
    assert "curation.approve_claim" in permission_names(REVIEWERS)


def test_only_reviewers_may_publish_releases():
    roles_setup()
    assert "curation.publish_release" in permission_names(REVIEWERS)
    assert "curation.publish_release" not in permission_names(EDITORS)
    assert "curation.view_release" in permission_names(EDITORS)


def test_setup_demo_creates_an_editor_and_a_reviewer_and_prints_their_logins(capsys):
    call_command("setup_demo")
    out = capsys.readouterr().out
    from curation.management.commands.setup_demo import DEMO_PASSWORD

    assert f"editor / {DEMO_PASSWORD}" in out and f"reviewer / {DEMO_PASSWORD}" in out
    users = get_user_model().objects
    editor, reviewer = users.get(username="editor"), users.get(username="reviewer")
    assert editor.check_password(DEMO_PASSWORD) and reviewer.check_password(DEMO_PASSWORD)
    assert [g.name for g in editor.groups.all()] == [EDITORS]
    assert [g.name for g in reviewer.groups.all()] == [REVIEWERS]
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("curation.submit_claim") and not editor.has_perm("curation.approve_claim")
    assert reviewer.has_perm("curation.approve_claim")
