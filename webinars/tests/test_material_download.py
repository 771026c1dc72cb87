"""Uploaded slides and recordings leave the portal through its own view, published ones only."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from webinars.models import Webinar
from webinars.tests.factories import MaterialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _uploaded(**kwargs):
    return MaterialFactory(kind="slides", url="", file=ContentFile(b"%PDF-1.4 slides", name="deck.pdf"), **kwargs)


def test_published_slides_download_with_their_bytes(client):
    material = _uploaded()

    page = client.get(reverse("webinars:webinar_detail", args=[material.webinar.slug]))
    response = client.get(reverse("webinars:material_download", args=[material.pk]))

    assert reverse("webinars:material_download", args=[material.pk]) in page.content.decode()
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 slides"
    assert response["Content-Disposition"].startswith('attachment; filename="deck')


def test_unpublished_material_answers_404(client):
    material = _uploaded(is_published=False, published_at=None)

    assert client.get(reverse("webinars:material_download", args=[material.pk])).status_code == 404


def test_material_of_a_webinar_still_being_planned_answers_404(client):
    material = _uploaded()
    Webinar.objects.filter(pk=material.webinar_id).update(status=Webinar.Status.PLANNED)

    assert client.get(reverse("webinars:material_download", args=[material.pk])).status_code == 404
