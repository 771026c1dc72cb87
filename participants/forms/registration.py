"""The registration form on a scheduled webinar's page."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from participants.forms.network import PublicForm
from participants.models import Registration
from portal.forms import language_choices
from webinars.time_zones import is_time_zone, time_zone_choices


class RegistrationForm(PublicForm):
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
    time_zone = forms.CharField(
        label=_("Your time zone"),
        max_length=64,
        required=False,
        help_text=_("Optional. Our messages then give the time in Geneva and in your time zone."),
        widget=forms.Select(attrs={"data-detect-time-zone": "true"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Secretariat keeps the information above to organise this webinar, "
            "send me the messages about it and count attendance."
        ),
        required=True,
        error_messages={"required": _("Please agree to the use of your data, or we cannot register you.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The common zones; a browser's own zone (set by static/js/time-zone-field.js) that is
        # not among them stays selected when the form comes back with an error.
        zones = [("", _("Geneva time only")), *time_zone_choices()]
        given = (self.data.get(self.add_prefix("time_zone")) or "").strip() if self.is_bound else ""
        if given and given not in dict(zones) and is_time_zone(given):
            zones.append((given, given.replace("_", " ")))
        self.fields["time_zone"].widget.choices = zones

    def clean_country(self) -> str:
        country = self.cleaned_data["country"].strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", country):
            raise forms.ValidationError(_("Give a two-letter country code such as KE or BR."))
        return country

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"].strip()
        if zone and not is_time_zone(zone):
            raise forms.ValidationError(_("Choose a time zone from the list, such as Africa/Nairobi."))
        return zone

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
            "time_zone": data["time_zone"],
            "has_consented": data["consent"],
        }
