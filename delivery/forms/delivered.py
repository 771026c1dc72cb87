"""Forms of the follow-up screen for what a webinar delivered; the rules are in
delivery.services.delivered."""

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from delivery.models import WebinarCosts
from delivery.services.delivered import WAYS, LanguageDelivery
from webinars.models import Language


class DeliveredLanguageForm(forms.Form):
    """One language: delivered or not, and how. A language the screen proposes is fixed (hidden);
    the last form picks another language."""

    language = forms.ModelChoiceField(label=_("Another language"), queryset=Language.objects.all(), required=False)
    is_delivered = forms.BooleanField(
        label=_("Delivered in this language"),
        required=False,
        help_text=_("Spoken by the expert or interpreted live, or with a recording, summary or slides in it."),
    )
    is_interpreted_live = forms.BooleanField(label=_("Interpreted live"), required=False)
    has_recording = forms.BooleanField(label=_("Recording in this language"), required=False)
    has_summary = forms.BooleanField(label=_("Summary in this language"), required=False)
    has_slides = forms.BooleanField(label=_("Slides in this language"), required=False)

    def __init__(self, *args, fixed_language: Language | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_language = fixed_language
        if fixed_language is not None:
            self.fields["language"].widget = forms.HiddenInput()
            self.fields["language"].queryset = Language.objects.filter(pk=fixed_language.pk)

    @property
    def title(self) -> str:
        return str(self.fixed_language) if self.fixed_language is not None else str(_("Another language"))

    def delivery(self) -> LanguageDelivery | None:
        """The language as delivered, or None when it was not (ticking a way counts as delivered)."""
        data = self.cleaned_data
        language = data.get("language")
        if language is None or not (data.get("is_delivered") or any(data.get(way) for way in WAYS)):
            return None
        return LanguageDelivery(language=language, **{way: bool(data.get(way)) for way in WAYS})


class BaseDeliveredLanguageFormSet(forms.BaseFormSet):
    def __init__(self, *args, languages: list[Language], **kwargs):
        self.languages = languages
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["fixed_language"] = self.languages[index] if index is not None and index < len(self.languages) else None
        return kwargs

    def deliveries(self) -> list[LanguageDelivery]:
        return [delivery for form in self.forms if (delivery := form.delivery()) is not None]


DeliveredLanguageFormSet = forms.formset_factory(
    DeliveredLanguageForm, formset=BaseDeliveredLanguageFormSet, extra=1, max_num=50, validate_max=True
)


def delivered_language_formset(*, lines, data=None) -> BaseDeliveredLanguageFormSet:
    """One form per language the screen shows (``delivery.selectors.delivered.language_lines``), then one free."""
    return DeliveredLanguageFormSet(
        data,
        prefix="languages",
        initial=[line.as_initial() for line in lines],
        languages=[line.language for line in lines],
    )


class WebinarCostsForm(forms.ModelForm):
    """What the webinar actually cost; the estimate is shown beside it, never copied into it."""

    class Meta:
        model = WebinarCosts
        fields = ("expert_fee", "interpretation", "platform", "other", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, estimate=None, **kwargs):
        super().__init__(*args, prefix="costs", **kwargs)
        if estimate is not None:
            for name, amount in (
                ("expert_fee", estimate.expert_fee),
                ("interpretation", estimate.interpretation),
                ("platform", estimate.platform),
            ):
                self.fields[name].help_text = _("Estimated in the plan: %(amount)s") % {
                    "amount": number_format(amount, 2, force_grouping=True)
                }
