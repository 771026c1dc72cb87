"""The Secretariat's campaign form: the audience, and the short text in each language."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from participants.models import Campaign
from webinars.models import Region, ScopeArea


def _suffix(code: str) -> str:
    return code.replace("-", "_")


TEXT_FIELDS = [f"{name}_{_suffix(code)}" for code, _label in settings.LANGUAGES for name in ("subject", "introduction")]


class ScopeAreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class CampaignForm(forms.ModelForm):
    """Audience criteria and texts. Every language's subject and introduction may stay
    empty: readers of that language then get the default subject and no introduction."""

    scope_areas = ScopeAreaChoiceField(
        label=_("Areas of interest"),
        queryset=ScopeArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Members interested in any of these areas (and members who chose none); none ticked: every member."
        ),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members following any of these regions (and members who chose none); none ticked: every member."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only people whose preferred language is ticked; none ticked: every language."),
    )

    class Meta:
        model = Campaign
        fields = [
            "include_network",
            "scope_areas",
            "regions",
            "languages",
            "include_series_participants",
            "include_topic_participants",
            *TEXT_FIELDS,
        ]
        widgets = {
            f"introduction_{_suffix(code)}": forms.Textarea(attrs={"rows": 3, "dir": "auto"})
            for code, _label in settings.LANGUAGES
        } | {f"subject_{_suffix(code)}": forms.TextInput(attrs={"dir": "auto"}) for code, _label in settings.LANGUAGES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        webinar = self.instance.webinar
        if webinar.series_id is None:
            # A lone webinar has no series whose past participants could be written to.
            del self.fields["include_series_participants"]
        if self.instance.pk is None:
            # A new campaign starts with the webinar's own audience, not with every member.
            codes = {code for code, _label in settings.LANGUAGES}
            self.initial["regions"] = [region.pk for region in webinar.regions.all()]
            self.initial["languages"] = [
                language.code for language in webinar.languages.all() if language.code in codes
            ]

    def clean(self):
        data = super().clean()
        if not (
            data.get("include_network")
            or data.get("include_series_participants")
            or data.get("include_topic_participants")
        ):
            raise forms.ValidationError(_("Choose at least one audience: network members or past participants."))
        return data

    def language_fields(self):
        """One entry per language for the template's blocks: name, fields, whether it is the default."""
        return [
            {
                "label": label,
                "subject": self[f"subject_{_suffix(code)}"],
                "introduction": self[f"introduction_{_suffix(code)}"],
                "is_default": code == settings.LANGUAGE_CODE,
            }
            for code, label in settings.LANGUAGES
        ]

    def audience_fields(self):
        return [self[name] for name in self._meta.fields if name not in TEXT_FIELDS and name in self.fields]
