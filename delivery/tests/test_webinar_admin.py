"""The webinar's admin page saved as a whole: its parts go through the services that own their rules."""

from datetime import timedelta

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory
from outbox.models import Notice
from participants.models import Registration
from participants.tests.factories import RegistrationFactory
from webinars.models import Material, Webinar
from webinars.tests.factories import HeldWebinarFactory, MaterialFactory, WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings, tmp_path):
    settings.PORTAL_SITE_URL = "https://webinars.example.org"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer(client):
    user = SecretariatFactory(roles=["Programme officer"])
    client.force_login(user)
    return user


def change_form_data(response) -> dict:
    """The change form as the admin shows it (with its inlines), ready to post back."""
    data = {}
    page_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({f"{management.prefix}-{name}": value for name, value in management.initial.items()})
        page_forms.extend(inline.formset.forms)
    for form in page_forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, forms.FileField) or value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[form.add_prefix(name)] = [str(item) for item in value]
            else:
                data[form.add_prefix(name)] = "on" if value is True else str(value)
    return data


def test_publishing_a_material_on_the_webinars_admin_page_goes_through_the_follow_up_service(client, officer):
    webinar = HeldWebinarFactory()
    material = MaterialFactory(webinar=webinar, title="Deck", is_published=False, published_at=None)
    url = reverse("admin:webinars_webinar_change", args=[webinar.pk])
    data = change_form_data(client.get(url))
    prefix = next(key for key, value in data.items() if key.endswith("-id") and value == str(material.pk))
    data[f"{prefix.removesuffix('-id')}-is_published"] = "on"

    response = client.post(url, data)

    assert response.status_code == 302
    stored = Material.objects.get(pk=material.pk)
    assert stored.is_published and stored.published_at is not None


def test_a_capacity_raised_on_the_webinars_admin_page_moves_the_waiting_list_up(client, officer):
    webinar = WebinarFactory(capacity=1, registration_count=1)
    RegistrationFactory(webinar=webinar, email="holder@example.org")
    waiting = RegistrationFactory(
        webinar=webinar,
        email="waiting@example.org",
        state=Registration.State.WAITLISTED,
        consented_at=timezone.now() - timedelta(hours=1),
    )
    url = reverse("admin:webinars_webinar_change", args=[webinar.pk])
    data = change_form_data(client.get(url))
    data["capacity"] = "2"

    response = client.post(url, data)

    assert response.status_code == 302
    assert Registration.objects.get(pk=waiting.pk).state == Registration.State.REGISTERED
    assert Notice.objects.filter(kind=Notice.Kind.REGISTRATION_PROMOTED, to="waiting@example.org").count() == 1
    assert Webinar.objects.get(pk=webinar.pk).registration_count == 2


def test_saving_the_webinars_admin_page_leaves_its_status_and_date_as_they_are(client, officer):
    webinar = WebinarFactory()
    url = reverse("admin:webinars_webinar_change", args=[webinar.pk])
    data = change_form_data(client.get(url))
    data.update({"status": "cancelled", "starts_at_0": "2031-01-01", "starts_at_1": "10:00"})

    response = client.post(url, data)

    assert response.status_code == 302
    stored = Webinar.objects.get(pk=webinar.pk)
    assert (stored.status, stored.starts_at) == (Webinar.Status.SCHEDULED, webinar.starts_at)
    assert not Notice.objects.exists()
