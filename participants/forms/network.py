"""The sign-up form of the participants' network.

A plain form, not a ModelForm: a ModelForm would check the unique address and say
"already in the network", which is exactly what the page must never reveal.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from outbox.addresses import normalise_email
from portal.forms import language_choices
from webinars.models import Language, Region, ScopeArea

HONEYPOT_FIELD = "website"


class HoneypotBoundField(BoundField):
    """Puts the honeypot's wrapper out of sight (static/css/portal.css: .network-honeypot)."""

    def css_classes(self, extra_classes=None):
        return super().css_classes(extra_classes=" ".join(filter(None, ["network-honeypot", extra_classes])))


class PublicForm(forms.Form):
    """What every form a visitor fills without an account shares: a honeypot robots fill and
    people never see, the page's language as the messages' language, and the address as the
    outbox writes it."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        bound_field_class=HoneypotBoundField,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = self.fields.pop(HONEYPOT_FIELD)  # the last box of the form
        if not self.is_bound:
            active = get_language()
            if active in dict(language_choices()):
                self.fields["language"].initial = active

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    @property
    def is_from_a_robot(self) -> bool:
        """A person never sees the honeypot field; only a robot that fills every box fills it."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class ScopeAreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class WebinarLanguageChoiceField(forms.ModelMultipleChoiceField):
    """The languages webinars are given in (webinars.Language rows, the six and any other the
    Secretariat adds), chosen by code: a member's ``languages`` holds codes."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Language.objects.all(), to_field_name="code", **kwargs)

    def label_from_instance(self, obj):
        return obj.name


class NetworkPreferencesForm(forms.Form):
    """What a member chooses: how to be addressed, in which language, about what.

    Interests narrow the digest of newly scheduled webinars: an area, a region or a
    language left unchosen does not narrow it (nothing chosen: every webinar)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Optional."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(label=_("Preferred language for our messages"), choices=language_choices)
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions of interest"),
        queryset=Region.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose nothing to hear about webinars for every region."),
    )
    scope_areas = ScopeAreaChoiceField(
        label=_("Areas of interest"),
        queryset=ScopeArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose nothing to hear about webinars in every area."),
    )
    languages = WebinarLanguageChoiceField(
        label=_("Webinars given in"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose nothing to hear about webinars in every language."),
    )

    @classmethod
    def for_member(cls, member, data=None):
        initial = {
            "name": member.name,
            "language": member.language,
            "regions": list(member.regions.all()),
            "scope_areas": list(member.scope_areas.all()),
            "languages": list(member.languages or []),
        }
        return cls(data=data, initial=initial)

    def clean_languages(self) -> list[str]:
        return [language.code for language in self.cleaned_data["languages"]]


class JoinNetworkForm(PublicForm, NetworkPreferencesForm):
    field_order = ["email", "name", "language", "regions", "scope_areas", "languages", "consent", "website"]

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a link to this address; you are in the network once you follow it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Secretariat keeps my e-mail address and the preferences above to inform me "
            "about its webinars. I can leave at any time with the link in every message."
        ),
        required=True,
        error_messages={"required": _("Please agree to the use of your data, or we cannot send you anything.")},
    )
