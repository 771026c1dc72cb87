"""The registration form on a scheduled webinar's page."""

import re

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from webinars.models import Registration
from webinars.network_forms import HONEYPOT_FIELD, HoneypotBoundField, language_choices
from webinars.registration import normalise_email


class RegistrationForm(forms.Form):
    """A plain form, not a ModelForm: a ModelForm would say "already registered" for an
    address, which would tell a stranger who registered; the page is the same for all."""

    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=2,
        min_length=2,
        help_text=_("Two-letter country code (ISO 3166-1), such as KE, BR or FR."),
        widget=forms.TextInput(attrs={"autocomplete": "country", "size": 2}),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    participant_type = forms.ChoiceField(label=_("Type of participant"), choices=Registration.ParticipantType.choices)
    language = forms.ChoiceField(label=_("Preferred language for our messages"), choices=language_choices)
    questions = forms.CharField(
        label=_("Questions in advance"),
        max_length=2000,
        required=False,
        help_text=_("Optional. The expert may answer them during the webinar."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Secretariat keeps the information above to organise this webinar, "
            "send me the messages about it and count attendance."
        ),
        required=True,
        error_messages={"required": _("Please agree to the use of your data, or we cannot register you.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        bound_field_class=HoneypotBoundField,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            active = get_language()
            if active in dict(language_choices()):
                self.fields["language"].initial = active

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean_country(self) -> str:
        country = self.cleaned_data["country"].strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", country):
            raise forms.ValidationError(_("Give a two-letter country code such as KE or BR."))
        return country

    @property
    def is_from_a_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "country": data["country"],
            "organisation": data["organisation"],
            "participant_type": data["participant_type"],
            "language": data["language"],
            "questions": data["questions"],
            "has_consented": data["consent"],
        }
