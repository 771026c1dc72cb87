"""The small form on a webinar's page: "Tell me when the date is set".

A plain form, not a ModelForm: a ModelForm would check the unique address per webinar and
say "already asked", which the page must never reveal.
"""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from outbox.addresses import normalise_email
from participants.forms.network import HONEYPOT_FIELD, HoneypotBoundField
from portal.forms import language_choices


class DateAlertForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(label=_("Language of the message"), choices=language_choices)
    consent = forms.BooleanField(
        label=_(
            "I agree that the Secretariat keeps my e-mail address to tell me once when the date of this "
            "webinar is set and registration opens."
        ),
        required=True,
        error_messages={"required": _("Please agree to the use of your address, or we cannot write to you.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        bound_field_class=HoneypotBoundField,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "date-alert-%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            active = get_language()
            if active in dict(settings.LANGUAGES):
                self.fields["language"].initial = active

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    @property
    def is_from_a_robot(self) -> bool:
        """A person never sees the honeypot field; only a robot that fills every box fills it."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())
