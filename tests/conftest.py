import pytest
from django.contrib.auth.models import Permission


@pytest.fixture
def editor(django_user_model):
    """A staff user holding every permission of the curation app (no superuser bypass)."""
    user = django_user_model.objects.create_user(username="editor", password="pw-editor-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="curation"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
