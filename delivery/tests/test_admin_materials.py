"""The admin's material form follows the follow-up screen's rules and publishes through its functions."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory
from delivery.admin.webinars import MaterialForm, save_material
from delivery.tests.factories import pdf_bytes
from portal.permissions import MissingPermission
from webinars.models import Material
from webinars.tests.factories import HeldWebinarFactory, MaterialFactory, WebinarFactory

pytestmark = pytest.mark.django_db

MINIMAL_PDF = pdf_bytes()
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_SITE_URL = "https://webinars.example.org"


@pytest.fixture
def officer():
    return SecretariatFactory(roles=["Programme officer"])


AdminMaterialForm = modelform_factory(
    Material, form=MaterialForm, fields=["webinar", "kind", "title", "url", "file", "is_published"]
)


def _admin_form(webinar, *, files=None, instance=None, **data):
    return AdminMaterialForm(
        data={"webinar": webinar.pk, "kind": "slides", "title": "Deck", **data}, files=files or {}, instance=instance
    )


CASES = {
    "a program named as slides": ({}, lambda: {"file": SimpleUploadedFile("deck.pdf", WINDOWS_EXE)}),
    "a link and a file": (
        {"url": "https://slides.example.org/deck"},
        lambda: {"file": SimpleUploadedFile("deck.pdf", MINIMAL_PDF)},
    ),
    "neither link nor file": ({}, dict),
}


@pytest.mark.parametrize("case", CASES)
def test_the_admin_material_form_refuses_what_the_follow_up_screen_refuses(client, officer, case):
    webinar = HeldWebinarFactory()
    client.force_login(officer)
    data, files = CASES[case]

    admin_form = _admin_form(webinar, files=files(), **data)
    screen = client.post(
        reverse("delivery:followup_add_material", args=[webinar.slug, "slides"]),
        {"slides-title": "Deck", **{f"slides-{k}": v for k, v in {**data, **files()}.items()}},
    )

    assert not admin_form.is_valid()
    assert screen.status_code == 400
    assert not Material.objects.exists()


def test_the_admin_material_form_refuses_a_material_for_a_webinar_not_yet_held(client, officer):
    webinar = WebinarFactory()
    client.force_login(officer)

    admin_form = _admin_form(webinar, url="https://slides.example.org/deck")
    screen = client.get(reverse("delivery:followup_detail", args=[webinar.slug]))

    assert not admin_form.is_valid()
    assert "Follow-up starts once the webinar has been held." in admin_form.non_field_errors()
    assert screen.status_code == 404


def test_a_material_published_in_the_admin_is_dated_by_the_follow_up_service(officer):
    webinar = HeldWebinarFactory()
    form = _admin_form(webinar, url="https://slides.example.org/deck", is_published="on")
    assert form.is_valid(), form.errors

    before = timezone.now()
    material = save_material(form.save(commit=False), actor=officer)

    stored = Material.objects.get(pk=material.pk)
    assert stored.is_published and stored.published_at >= before


def test_a_material_withdrawn_in_the_admin_leaves_the_public_page(client, officer):
    webinar = HeldWebinarFactory()
    material = MaterialFactory(webinar=webinar, title="Deck", url="https://slides.example.org/deck")
    form = _admin_form(webinar, instance=material, url="https://slides.example.org/deck")
    assert form.is_valid(), form.errors

    save_material(form.save(commit=False), actor=officer)

    stored = Material.objects.get(pk=material.pk)
    assert not stored.is_published and stored.published_at is None
    page = client.get(reverse("webinars:webinar_detail", args=[webinar.slug])).content.decode()
    assert "slides.example.org/deck" not in page


def test_editing_a_published_material_in_the_admin_keeps_its_publication_date(officer):
    webinar = HeldWebinarFactory()
    published_at = timezone.now() - timedelta(days=5)
    material = MaterialFactory(webinar=webinar, url="https://video.example.org/a", published_at=published_at)
    form = _admin_form(
        webinar, instance=material, kind="recording", url="https://video.example.org/b", is_published="on"
    )
    assert form.is_valid(), form.errors

    save_material(form.save(commit=False), actor=officer)

    stored = Material.objects.get(pk=material.pk)
    assert (stored.url, stored.published_at) == ("https://video.example.org/b", published_at)


def test_the_admin_cannot_save_a_material_for_staff_without_the_follow_up_permission():
    webinar = HeldWebinarFactory()
    form = _admin_form(webinar, url="https://slides.example.org/deck", is_published="on")
    assert form.is_valid(), form.errors

    with pytest.raises(MissingPermission):
        save_material(form.save(commit=False), actor=SecretariatFactory(roles=["Read-only"]))

    assert not Material.objects.exists()


def test_a_material_added_in_the_admin_goes_through_the_follow_up_service(client, officer):
    webinar = HeldWebinarFactory()
    client.force_login(officer)

    response = client.post(
        reverse("admin:webinars_material_add"),
        {
            "webinar": webinar.pk,
            "kind": "slides",
            "title_en": "Deck",
            "url": "https://slides.example.org/deck",
            "is_published": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    material = Material.objects.get()
    assert material.is_published and material.published_at is not None


def test_a_material_for_a_webinar_not_yet_held_is_refused_by_the_material_admin(client, officer):
    webinar = WebinarFactory()
    client.force_login(officer)

    response = client.post(
        reverse("admin:webinars_material_add"),
        {"webinar": webinar.pk, "kind": "slides", "title_en": "Deck", "url": "https://slides.example.org/deck"},
    )

    assert response.status_code == 200
    assert "Follow-up starts once the webinar has been held." in response.content.decode()
    assert not Material.objects.exists()
