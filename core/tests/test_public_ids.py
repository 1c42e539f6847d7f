"""New content gets its public id `sakke:<pk>` from one place, for every content type."""

import pytest

from core.history import record, versions_of
from core.public_ids import save_with_public_id
from news.models import NewsPost
from organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_a_new_object_gets_the_local_source_and_its_pk_as_public_id():
    organization = Organization(name_fi="Kuopion Kuoro ry")
    save_with_public_id(organization)
    organization.refresh_from_db()
    assert organization.public_id == f"sakke:{organization.pk}"
    assert organization.data_source == "sakke"


def test_the_revision_of_the_new_object_holds_its_public_id_not_the_temporary_one():
    post = NewsPost(title_fi="Kevätkonsertti", body_fi="<p>Tervetuloa</p>")
    with record(None, "Written"):
        save_with_public_id(post)
    assert versions_of(post).first().field_dict["public_id"] == f"sakke:{post.pk}"
