"""The feedback survey a participant or an expert fills in, and the Secretariat's address list."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from outbox.addresses import normalise_email
from portal.forms import language_choices
from webinars.models import Feedback

RATING_CHOICES = [(value, str(value)) for value in range(1, 6)]


def _rating(label, *, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
        help_text=_("1 = poor, 5 = excellent"),
    )


class FeedbackSurveyForm(forms.Form):
    """Ratings from 1 to 5 and three open questions; an expert does not rate the expert."""

    overall_rating = _rating(_("Overall, how would you rate the webinar?"))
    relevance_rating = _rating(_("How relevant was it to your work?"), required=False)
    content_rating = _rating(_("How would you rate its content?"))
    expert_rating = _rating(_("How would you rate the expert's presentation?"))
    useful = forms.CharField(label=_("What was useful?"), required=False, max_length=4000, widget=forms.Textarea)
    to_improve = forms.CharField(
        label=_("What could be improved?"), required=False, max_length=4000, widget=forms.Textarea
    )
    topic_suggestion = forms.CharField(
        label=_("Which topics would you suggest for future webinars?"),
        required=False,
        max_length=2000,
        help_text=_(
            "After reading them, the Secretariat may list suggested topics on the webinar's public page, "
            "never with who suggested them. Your other answers are never made public."
        ),
        widget=forms.Textarea,
    )

    def __init__(self, *args, source: str = Feedback.Source.PARTICIPANT, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("useful", "to_improve", "topic_suggestion"):
            self.fields[name].widget.attrs["rows"] = 3
        if source == Feedback.Source.EXPERT:
            del self.fields["expert_rating"]
            del self.fields["relevance_rating"]


def parse_addresses(text: str) -> tuple[list[str], list[str]]:
    """Addresses pasted one a line or separated by commas, semicolons or spaces: (good, bad)."""
    good, bad, seen = [], [], set()
    for part in re.split(r"[\s,;]+", text or ""):
        email = part.strip().strip("<>").strip()
        if not email or normalise_email(email) in seen:
            continue
        seen.add(normalise_email(email))
        try:
            validate_email(email)
        except ValidationError:
            bad.append(email)
        else:
            good.append(email)
    return good, bad


class ParticipantAddressesForm(forms.Form):
    """Participants' addresses pasted by the Secretariat, and the language of the message."""

    addresses = forms.CharField(
        label=_("Participants' e-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One address a line, or separated by commas or semicolons."),
    )
    language = forms.ChoiceField(
        label=_("Language of the message"), choices=language_choices, initial=settings.LANGUAGE_CODE
    )

    def clean_addresses(self):
        good, bad = parse_addresses(self.cleaned_data["addresses"])
        if bad:
            raise forms.ValidationError(
                _("These are not e-mail addresses: %(addresses)s"), params={"addresses": ", ".join(bad)}
            )
        if not good:
            raise forms.ValidationError(_("Paste at least one e-mail address."))
        return good
