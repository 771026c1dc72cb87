from django import forms
from django.utils.translation import gettext_lazy as _

from planning.models import PlanEntry
from proposals.models import Proposal
from proposals.series import public_series
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


class SeriesLinkForm(forms.Form):
    """The public series an answer continues, and (left empty: the next one) the number of its first part."""

    series = forms.TypedChoiceField(coerce=int, empty_value=None, required=False, label=_("Continues the series"))
    first_part = forms.IntegerField(
        label=_("Number of its first part"),
        min_value=2,
        required=False,
        help_text=_("Left empty: the next part of the series."),
    )

    def __init__(self, *args, series_choices: list[tuple[int, str]] | None = None, **kwargs):
        """`series_choices`: the public series as (id, title), read once for every row of the page."""
        super().__init__(*args, **kwargs)
        if series_choices is None:
            series_choices = list(public_series().values_list("pk", "title"))
        self.fields["series"].choices = [("", _("No series")), *series_choices]


class DistinctForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is another webinar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Another region or language, say. Left empty: the mark is taken off."),
    )


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


class SharePlanForm(forms.Form):
    """The draft to the groups until a date; the service checks the date and the plan."""

    comments_until = forms.DateField(
        label=_("Last day for the groups' comments"), widget=forms.DateInput(attrs={"type": "date"})
    )
    message = forms.CharField(
        label=_("Message to the groups"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PublishPlanForm(forms.Form):
    consultation_skipped_reason = forms.CharField(
        label=_("Why the groups were not consulted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when the draft was not shared with the groups and they have not commented."),
    )


class PlanCommentForm(forms.Form):
    """The group's comment on the draft, on the whole plan or on one of its entries."""

    entry = forms.ModelChoiceField(
        PlanEntry.objects.none(), required=False, label=_("On"), empty_label=_("The plan as a whole")
    )
    text = forms.CharField(label=_("The group's comment"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = plan.entries.order_by("position")
        self.fields["entry"].label_from_instance = lambda entry: f"{entry.position}. {entry.title}"


class EditPlanCommentForm(forms.Form):
    text = forms.CharField(label=_("The group's comment"), widget=forms.Textarea(attrs={"rows": 4}))
