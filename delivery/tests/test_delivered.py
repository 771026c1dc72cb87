"""What a held webinar delivered: its languages and its actual costs, recorded on the follow-up
screen and in the admin through one service, against the plan's estimate, never public."""

import html
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.tests.factories import SecretariatFactory
from delivery.models import DeliveredLanguage, WebinarCosts
from delivery.selectors.followup import followup_of
from delivery.services.delivered import LanguageDelivery, record_delivered_languages, record_webinar_costs
from delivery.tests.factories import DeliveredLanguageFactory, WebinarCostsFactory
from delivery.tests.test_webinar_admin import change_form_data
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory
from webinars.models import Material, Webinar
from webinars.tests.factories import HeldWebinarFactory, LanguageFactory, MaterialFactory, WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings, tmp_path):
    settings.PORTAL_SITE_URL = "https://webinars.example.org"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def english():
    return LanguageFactory(code="en", name="English", order=1)


@pytest.fixture
def french():
    return LanguageFactory(code="fr", name="French", order=2)


@pytest.fixture
def spanish():
    return LanguageFactory(code="es", name="Spanish", order=3)


@pytest.fixture
def webinar(english, french):
    """Given in English and French; a summary in English, slides published in French."""
    webinar = HeldWebinarFactory(languages=[english, french], summary_en="What was said.")
    MaterialFactory(webinar=webinar, kind=Material.Kind.SLIDES, language=french)
    return webinar


@pytest.fixture
def officer(client):
    user = SecretariatFactory(roles=["Programme officer"], language="en")
    client.force_login(user)
    return user


@pytest.fixture
def reader(client):
    """Reads the follow-up, records nothing."""
    user = SecretariatFactory(roles=["Read-only"], language="en")
    client.force_login(user)
    return user


def detail(webinar) -> str:
    return reverse("delivery:followup_detail", args=[webinar.slug])


def page(response) -> str:
    return html.unescape(response.content.decode())


def languages_form(response) -> dict:
    """The languages formset as the screen proposes it, ready to post back."""
    formset = response.context["languages_formset"]
    data = {f"languages-{name}": value for name, value in formset.management_form.initial.items()}
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            if value not in (None, False, ""):
                data[form.add_prefix(name)] = "on" if value is True else str(value)
    return data


def recorded(webinar) -> dict[str, tuple[bool, bool, bool, bool]]:
    return {
        row.language.code: (row.is_interpreted_live, row.has_recording, row.has_summary, row.has_slides)
        for row in DeliveredLanguage.objects.filter(webinar=webinar).select_related("language")
    }


# --- Languages delivered, on the follow-up screen ----------------------------------------------


def test_the_screen_proposes_the_webinars_languages_and_what_was_published_in_each_but_records_nothing(
    client, officer, webinar
):
    response = client.get(detail(webinar))

    proposed = {form.fixed_language.code: form.initial for form in response.context["languages_formset"].forms[:-1]}
    assert proposed["en"]["is_delivered"] and proposed["en"]["has_summary"] and not proposed["en"]["has_slides"]
    assert proposed["fr"]["is_delivered"] and proposed["fr"]["has_slides"] and not proposed["fr"]["has_summary"]
    assert "Not recorded yet." in page(response)
    assert not DeliveredLanguage.objects.exists()


def test_recording_the_languages_delivered_keeps_what_the_person_ticked(client, officer, webinar):
    data = languages_form(client.get(detail(webinar)))
    data["languages-1-is_interpreted_live"] = "on"  # French was interpreted live
    data["languages-1-has_recording"] = "on"

    response = client.post(reverse("delivery:followup_save_languages", args=[webinar.slug]), data)

    assert response.status_code == 302 and response["Location"].endswith("#languages")
    assert recorded(webinar) == {"en": (False, False, True, False), "fr": (True, True, False, True)}
    assert {item.key: item.is_done for item in followup_of(webinar).items}["languages_delivered"] is True


def test_a_language_unticked_is_no_longer_delivered_and_another_can_be_added(client, officer, webinar, spanish):
    DeliveredLanguageFactory(webinar=webinar, language=LanguageFactory(code="fr"))
    response = client.get(detail(webinar))
    data = languages_form(response)
    [french] = [n for n, form in enumerate(response.context["languages_formset"]) if form.title == "French"]
    for key in [key for key in data if key.startswith(f"languages-{french}-") and not key.endswith("-language")]:
        del data[key]  # French, recorded before, is unticked
    extra = int(data["languages-TOTAL_FORMS"]) - 1
    data[f"languages-{extra}-language"] = str(spanish.pk)
    data[f"languages-{extra}-has_summary"] = "on"  # ticking a way counts as delivered

    client.post(reverse("delivery:followup_save_languages", args=[webinar.slug]), data)

    assert recorded(webinar) == {"es": (False, False, True, False)}


def test_recording_no_language_at_all_is_refused_with_the_reason(client, officer, webinar):
    data = {key: value for key, value in languages_form(client.get(detail(webinar))).items() if "-is_" not in key}
    data = {key: value for key, value in data.items() if "-has_" not in key}

    response = client.post(reverse("delivery:followup_save_languages", args=[webinar.slug]), data, follow=True)

    assert "Tick at least one language the webinar was delivered in." in page(response)
    assert not DeliveredLanguage.objects.exists()


def test_recording_languages_is_refused_without_the_follow_up_permission(client, reader, webinar, english):
    response = client.post(
        reverse("delivery:followup_save_languages", args=[webinar.slug]),
        {
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-0-language": str(english.pk),
            "languages-0-is_delivered": "on",
        },
    )

    assert response.status_code == 403
    assert not DeliveredLanguage.objects.exists()
    assert "Record the languages delivered" not in page(client.get(detail(webinar)))


def test_the_service_refuses_a_person_without_the_permission_and_a_webinar_not_held(english):
    reader = SecretariatFactory(roles=["Read-only"])
    with pytest.raises(PermissionDenied):
        record_delivered_languages(
            webinar=HeldWebinarFactory(), actor=reader, deliveries=[LanguageDelivery(language=english)]
        )
    with pytest.raises(ValidationError, match="once the webinar has been held"):
        record_delivered_languages(
            webinar=WebinarFactory(), actor=None, deliveries=[LanguageDelivery(language=english)]
        )
    assert not DeliveredLanguage.objects.exists()


def test_the_same_language_twice_is_refused(webinar, english):
    with pytest.raises(ValidationError, match="English is listed twice"):
        record_delivered_languages(webinar=webinar, actor=None, deliveries=[LanguageDelivery(language=english)] * 2)


# --- Languages delivered, in the webinar's admin -----------------------------------------------


def admin_url(webinar) -> str:
    return reverse("admin:webinars_webinar_change", args=[webinar.pk])


def test_languages_delivered_are_recorded_from_the_webinars_admin_page_through_the_service(
    client, officer, webinar, english
):
    data = change_form_data(client.get(admin_url(webinar)))
    prefix = "delivered_languages"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-language": str(english.pk),
            f"{prefix}-0-is_interpreted_live": "on",
            f"{prefix}-0-has_recording": "on",
        }
    )

    response = client.post(admin_url(webinar), data)

    assert response.status_code == 302
    assert recorded(webinar) == {"en": (True, True, False, False)}


def test_the_admin_refuses_the_same_language_twice(client, officer, webinar, english):
    data = change_form_data(client.get(admin_url(webinar)))
    prefix = "delivered_languages"
    data[f"{prefix}-TOTAL_FORMS"] = "2"
    for n in (0, 1):
        data[f"{prefix}-{n}-language"] = str(english.pk)

    response = client.post(admin_url(webinar), data)

    assert response.status_code == 200
    assert "Please correct the duplicate data for language" in page(response)
    assert not DeliveredLanguage.objects.exists()


def test_the_admin_refuses_to_leave_a_held_webinar_without_languages_with_the_services_reason(
    client, officer, webinar, english
):
    DeliveredLanguageFactory(webinar=webinar, language=english)
    data = change_form_data(client.get(admin_url(webinar)))
    data["delivered_languages-0-DELETE"] = "on"

    response = client.post(admin_url(webinar), data)

    assert response.status_code == 200
    assert "Tick at least one language the webinar was delivered in." in page(response)
    assert recorded(webinar) == {"en": (True, False, False, False)}


def test_without_the_follow_up_permission_the_admin_shows_the_languages_but_records_none(client, webinar, english):
    DeliveredLanguageFactory(webinar=webinar, language=english, is_interpreted_live=False)
    client.force_login(SecretariatFactory(permissions=["webinars.view_webinar", "webinars.change_webinar"]))
    data = change_form_data(client.get(admin_url(webinar)))
    data.update(
        {
            "delivered_languages-TOTAL_FORMS": "2",
            "delivered_languages-1-language": str(LanguageFactory(code="fr").pk),
            "delivered_languages-1-has_slides": "on",
        }
    )

    client.post(admin_url(webinar), data)

    assert recorded(webinar) == {"en": (False, False, False, False)}


def test_the_languages_delivered_list_in_the_admin_is_read_only(client, officer):
    row = DeliveredLanguageFactory()

    listing = client.get(reverse("admin:delivery_deliveredlanguage_changelist"))
    change = client.post(reverse("admin:delivery_deliveredlanguage_change", args=[row.pk]), {})

    assert listing.status_code == 200 and "Follow-up screen" in page(listing)
    assert change.status_code == 403


# --- Actual costs ------------------------------------------------------------------------------


def costs_data(**amounts) -> dict:
    values = {"expert_fee": "0", "interpretation": "0", "platform": "0", "other": "0", "notes": ""} | amounts
    return {f"costs-{name}": value for name, value in values.items()}


def planned(webinar, **estimates):
    plan = AnnualPlanFactory(cost_per_webinar=Decimal("9000"), interpretation_cost_per_language=Decimal("1500"))
    return PlanEntryFactory(plan=plan, webinar=webinar, **estimates)


def test_actual_costs_are_recorded_on_the_follow_up_screen(client, officer, webinar):
    response = client.post(
        reverse("delivery:followup_save_costs", args=[webinar.slug]),
        costs_data(expert_fee="8000", interpretation="3100.50", platform="400", notes="Two interpreters"),
    )

    assert response.status_code == 302 and response["Location"].endswith("#costs")
    costs = WebinarCosts.objects.get(webinar=webinar)
    assert (costs.expert_fee, costs.interpretation, costs.platform, costs.other) == (8000, Decimal("3100.50"), 400, 0)
    assert costs.notes == "Two interpreters"


def test_the_screen_shows_actual_costs_against_the_plans_estimate(client, reader, webinar):
    planned(webinar, estimated_expert_fee=Decimal("9000"), estimated_interpretation=Decimal("1500"))
    WebinarCostsFactory(webinar=webinar, expert_fee=Decimal("8000"), interpretation=Decimal("3000"))

    text = page(client.get(detail(webinar)))

    assert (
        '<tr data-cost="interpretation"><td>Interpretation</td><td>1,500.00</td><td>3,000.00</td><td>1,500.00</td>'
        in text
    )
    assert '<tr data-cost="total"><td>Total</td><td>10,500.00</td><td>11,000.00</td><td>500.00</td>' in text
    assert "Record the actual costs" not in text


def test_an_entry_never_estimated_is_compared_at_the_plans_rule(client, reader, webinar):
    entry = planned(webinar)
    entry.languages.set(webinar.languages.all())  # English and French: 9000 + one interpretation of 1500

    text = page(client.get(detail(webinar)))

    assert '<tr data-cost="total"><td>Total</td><td>10,500.00</td><td>-</td><td>-</td>' in text


def test_a_webinar_no_plan_scheduled_says_there_is_no_estimate(client, reader, webinar):
    assert "there is no estimate to compare with" in page(client.get(detail(webinar)))


def test_recording_costs_is_refused_without_the_follow_up_permission(client, reader, webinar):
    response = client.post(reverse("delivery:followup_save_costs", args=[webinar.slug]), costs_data(expert_fee="1"))

    assert response.status_code == 403
    assert not WebinarCosts.objects.exists()


def test_negative_costs_are_refused(webinar):
    with pytest.raises(ValidationError, match="cannot be negative"):
        record_webinar_costs(
            webinar=webinar, actor=None, expert_fee=Decimal("-1"), interpretation=Decimal("0"), platform=Decimal("0")
        )
    assert not WebinarCosts.objects.exists()


def test_costs_are_recorded_in_the_admin_through_the_service_and_only_for_a_held_webinar(client, officer, webinar):
    scheduled = WebinarFactory()
    add = reverse("admin:delivery_webinarcosts_add")
    values = {"expert_fee": "100", "interpretation": "0", "platform": "0", "other": "0", "notes": ""}

    refused = client.post(add, {"webinar": scheduled.pk, **values})
    accepted = client.post(add, {"webinar": webinar.pk, **values})

    assert refused.status_code == 200 and "once the webinar has been held" in page(refused)
    assert accepted.status_code == 302
    assert list(WebinarCosts.objects.values_list("webinar_id", "expert_fee")) == [(webinar.pk, 100)]


def test_costs_never_appear_on_the_webinars_public_page(client, webinar):
    planned(webinar, estimated_expert_fee=Decimal("9876"))
    WebinarCostsFactory(webinar=webinar, expert_fee=Decimal("8765.43"), notes="Invoice 4711 from the interpreters")
    webinar.refresh_from_db()

    text = page(client.get(reverse("webinars:webinar_detail", args=[webinar.slug])))
    listing = page(client.get(reverse("webinars:topic_list")))

    assert webinar.status == Webinar.Status.HELD and str(webinar.title) in text
    for secret in ("8765", "8,765", "9876", "9,876", "Invoice 4711"):
        assert secret not in text and secret not in listing
