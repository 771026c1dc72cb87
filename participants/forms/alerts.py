"""The small form on a webinar's page: "Tell me when the date is set".

A plain form, not a ModelForm: a ModelForm would check the unique address per webinar and
say "already asked", which the page must never reveal.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from participants.forms.network import PublicForm
from portal.forms import language_choices


class DateAlertForm(PublicForm):
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

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "date-alert-%s")
        super().__init__(*args, **kwargs)
