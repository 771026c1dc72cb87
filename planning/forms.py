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
    class Meta:
        model = PlanEntry
        fields = ("title", "period", "region", "regions", "languages", "expert", "starts_at")
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
