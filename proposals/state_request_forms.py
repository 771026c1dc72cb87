"""The forms of member states' requests: the delegate's request, the group's decision on it.

The member state is never a field: it is the delegate's own (proposals.state_requests).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from proposals.forms import TEXT_FIELD_CLASSES, LimitedTextField, OneLineTextField, language_field
from proposals.models import CandidateTopic, Proposal, StateRequest


class CandidateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.topic.title)


class StateRequestForm(forms.ModelForm):
    """A topic of the state's own (title and the rest), or its interest in a candidate topic."""

    candidate_topic = CandidateChoiceField(
        queryset=CandidateTopic.objects.none(),
        required=False,
        label=_("Interest in a candidate topic"),
        empty_label=_("None: we bring a topic of our own"),
        help_text=_("Choose one of the Secretariat's candidate topics, or leave this empty and describe your topic."),
        error_messages={"invalid_choice": _("Only the topics offered in this consultation can be chosen.")},
    )

    class Meta:
        model = StateRequest
        fields = ["candidate_topic", "title", "objectives", "target_audience", "languages", "text"]
        field_classes = {**TEXT_FIELD_CLASSES, "title": OneLineTextField, "text": LimitedTextField}
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "target_audience": forms.Textarea(attrs={"rows": 2}),
            "text": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "title": _("The topic your state would like a webinar on."),
            "text": _("Anything the group's coordinators should know: why, for whom, when."),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate_topic"].queryset = (
            CandidateTopic.objects.filter(cycle=cycle).select_related("topic").order_by("order", "pk")
        )
        self.fields["languages"] = language_field()
        for name in ("title", "objectives", "target_audience", "text"):
            self.fields[name].required = False

    def values(self) -> dict:
        return dict(self.cleaned_data)


class TakeStateRequestForm(forms.Form):
    """Into which of the group's answers the request goes: one of them, or a new one."""

    proposal = forms.ModelChoiceField(
        queryset=Proposal.objects.none(),
        required=False,
        label=_("Into the answer"),
        empty_label=_("A new answer of the group"),
        error_messages={"invalid_choice": _("Choose one of your group's answers to this consultation.")},
    )

    def __init__(self, *args, state_request: StateRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = Proposal.objects.filter(
            group_id=state_request.member_state.group_id,
            cycle_id=state_request.cycle_id,
            state__in=(Proposal.State.DRAFT, Proposal.State.SUBMITTED),
        ).order_by("title", "pk")


class DeclineStateRequestForm(forms.Form):
    reason = LimitedTextField(
        label=_("Why the group declines it"),
        max_length=StateRequest._meta.get_field("decline_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The delegate reads this reason."),
    )
