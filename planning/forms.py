from django import forms
from django.utils.translation import gettext_lazy as _

from planning.models import PlanEntry
from proposals.models import Proposal
from webinars.models import Language, Region, RegionalGroup, ScopeArea


class ReviewFilterForm(forms.Form):
    group = forms.ModelChoiceField(RegionalGroup.objects.all(), required=False, label=_("Group"))
    kind = forms.ChoiceField(choices=[("", "---------"), *Proposal.Kind.choices], required=False, label=_("Kind"))
    scope_area = forms.ModelChoiceField(ScopeArea.objects.all(), required=False, label=_("Scope area"))
    region = forms.ModelChoiceField(Region.objects.all(), required=False, label=_("Region"))
    language = forms.ModelChoiceField(Language.objects.all(), required=False, label=_("Language"))
    state = forms.ChoiceField(choices=[("", "---------"), *Proposal.State.choices], required=False, label=_("State"))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason given to the group"), widget=forms.Textarea(attrs={"rows": 3}))


class MoveEntryForm(forms.Form):
    position = forms.IntegerField(label=_("New position"), min_value=1)


class AddEntryForm(forms.Form):
    """Which proposal to add; the page finds it in the cycle and the service decides whether it may be."""

    proposal = forms.IntegerField(label=_("Proposal under review"), min_value=1)


class PlanEntryForm(forms.ModelForm):
    """The entry as the Secretariat edits it, its estimated costs included (planning.costs has the rule)."""

    class Meta:
        model = PlanEntry
        fields = (
            "title",
            "period",
            "region",
            "regions",
            "languages",
            "expert",
            "starts_at",
            "estimated_expert_fee",
            "estimated_interpretation",
            "estimated_platform",
        )
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
        help_texts = {
            "estimated_expert_fee": _(
                "Filled from the plan's cost per webinar, which covers the expert and the platform: "
                "move the platform's share below when it is known."
            ),
            "estimated_interpretation": _(
                "Filled from the plan's interpretation cost for each language beyond the first; "
                "estimated again when the languages change and this amount is left as it was."
            ),
        }

    ESTIMATES = ("estimated_expert_fee", "estimated_interpretation", "estimated_platform")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.ESTIMATES:
            self.fields[name].required = False  # left empty: the amount stays as it was

    def clean(self):
        cleaned_data = super().clean()
        for name in self.ESTIMATES:
            if name in cleaned_data and cleaned_data[name] is None:
                cleaned_data[name] = getattr(self.instance, name)
        return cleaned_data
