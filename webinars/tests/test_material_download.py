"""Uploaded slides and recordings leave the portal through its own view, published ones only."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches, reverse

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


@pytest.fixture
def urls_loaded_with_debug(request, settings):
    """portal/urls.py imported again with DEBUG as the parameter says, then as it was."""
    import portal.urls

    settings.DEBUG = request.param
    importlib.reload(portal.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.mark.parametrize("urls_loaded_with_debug", [False, True], indirect=True)
def test_a_withdrawn_file_is_not_reachable_under_media(client, settings, urls_loaded_with_debug):
    """The security test found /media/ serving withdrawn files: no route serves MEDIA_ROOT, in any mode."""
    material = _uploaded(is_published=False, published_at=None)

    response = client.get(f"/{settings.MEDIA_URL}{material.file.name}")

    assert response.status_code == 404
