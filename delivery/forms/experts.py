"""Forms of the expert screens: roster filters, an invitation, an expert's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from delivery.services.experts import MAX_AVAILABILITY_NOTE, MAX_DECLINE_REASON
from webinars.models import Expert, Language, Region, ScopeArea


class RosterFilterForm(forms.Form):
    """Filters of the roster; every filtered view is a plain GET address to share."""

    scope_area = forms.ModelChoiceField(
        label=_("Area of expertise"), queryset=ScopeArea.objects.all(), required=False, empty_label=_("Any")
    )
    language = forms.ModelChoiceField(
        label=_("Language"), queryset=Language.objects.all(), required=False, empty_label=_("Any")
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False, empty_label=_("Any")
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("Any"))] + list(Expert.Gender.choices), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any"))] + list(Expert.Kind.choices), required=False)
    is_active = forms.TypedChoiceField(
        label=_("On the roster"),
        choices=[("", _("Any")), ("1", _("Yes")), ("0", _("No"))],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
    )


class InviteForm(forms.Form):
    expert = forms.ModelChoiceField(queryset=Expert.objects.filter(is_active=True), widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message to the expert (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class AcceptForm(forms.Form):
    """What an accepting expert may say of their availability; all optional."""

    available_from = forms.DateField(
        label=_("Available from (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    available_until = forms.DateField(
        label=_("Available until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    availability_note = forms.CharField(
        label=_("Anything the Secretariat should know about your availability (optional)"),
        help_text=_("For example: not on Mondays, or mornings only. Only the Secretariat reads it."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_AVAILABILITY_NOTE,
        required=False,
    )

    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("available_from"), cleaned_data.get("available_until")
        if first and last and last < first:
            self.add_error("available_until", _("The last day you are available comes on or after the first."))
        return cleaned_data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you decline (optional)"),
        help_text=_("Only the Secretariat reads it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_DECLINE_REASON,
        required=False,
    )
