"""The coordinators' forms: adopt candidate topics, write a proposal and its parts.

A draft keeps everything typed, so no field is required here; only the hard length
limits refuse a save. What a submission needs is the model's completeness rule,
checked by the service and shown as field errors.
"""

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms import inlineformset_factory
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from proposals.models import Proposal, ProposalPart
from proposals.series import public_series
from proposals.services import MAX_SERIES_PARTS
from webinars.calendar import calendar_text
from webinars.models import Language, MemberState, Region, RegionalGroup


def limit_message(limit: int, count: int) -> str:
    return _("At most %(limit)s characters, please (this text has %(count)s).") % {
        "limit": formats.number_format(limit, force_grouping=True),
        "count": formats.number_format(count, force_grouping=True),
    }


class LimitedTextField(forms.CharField):
    """Text with a hard limit the browser knows (maxlength) and the server states clearly.

    Browsers send a new line as two characters but count it as one; the server counts
    it as one too, so a text that fits in the box is never refused.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value

    def validate(self, value):
        super().validate(value)
        if self.max_length is not None and value and len(value) > self.max_length:
            raise forms.ValidationError(limit_message(self.max_length, len(value)), code="max_length")


class OneLineTextField(LimitedTextField):
    """A title: one line, without control characters.

    A browser's text box holds no line break, but a crafted form or a pasted control
    character would follow the title into the webinar it becomes on publishing, and from
    there into calendar files, feeds and message subjects: they become single spaces.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return calendar_text(value) if value else value


TEXT_FIELD_CLASSES = {
    "title": OneLineTextField,
    **{name: LimitedTextField for name in ("objectives", "target_audience", "topics", "comment")},
}


class LanguageChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def language_field() -> forms.ModelMultipleChoiceField:
    return LanguageChoiceField(
        queryset=Language.objects.order_by("order", "code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Desired languages"),
        help_text=_("One or more of the committee's six languages."),
    )


def region_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=Region.objects.order_by("order", "code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Target regions"),
    )


def member_state_field(group_id) -> forms.ModelMultipleChoiceField:
    """Only the group's own active member states are offered; the service refuses any other."""
    return forms.ModelMultipleChoiceField(
        queryset=MemberState.objects.filter(group_id=group_id, is_active=True).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Member states requesting or supporting it"),
        help_text=_("The member states of your group that asked for this webinar or support it."),
        error_messages={
            "invalid_choice": _("This member state is not one of your group's: choose among your group's states.")
        },
    )


class ProposalForm(forms.ModelForm):
    """The group's own proposal, or the details of an adopted topic (no shape, no parts)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Proposal
        fields = [
            "title",
            "shape",
            "continues_series",
            "objectives",
            "target_audience",
            "topics",
            "scope_area",
            "regions",
            "languages",
            "member_states",
            "preferred_period",
            "comment",
        ]
        field_classes = TEXT_FIELD_CLASSES
        widgets = {
            "shape": forms.RadioSelect,
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "target_audience": forms.Textarea(attrs={"rows": 2}),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "objectives": _("What participants should know or be able to do afterwards."),
            "target_audience": _("For example: IP offices, policy makers, universities."),
            "topics": _("The subjects the webinar or series should cover."),
        }

    def __init__(self, *args, kind: str = Proposal.Kind.OWN, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"] = region_field()
        self.fields["languages"] = language_field()
        self.fields["member_states"] = member_state_field(self.instance.group_id)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        if kind == Proposal.Kind.ADOPTION:
            del self.fields["shape"]
            del self.fields["continues_series"]
        else:
            self.fields["continues_series"].queryset = public_series()
            self.fields["continues_series"].help_text = _(
                "Your proposal becomes the next part of this series: part N+1 after the parts held or planned."
            )
        for field in self.fields.values():
            field.required = False
        self.fields["scope_area"].empty_label = _("Not sure")
        if "shape" in self.fields:
            self.fields["shape"].choices = Proposal.Shape.choices
            self.fields["shape"].initial = self.instance.shape or Proposal.Shape.SINGLE

    def clean_shape(self):
        return self.cleaned_data.get("shape") or Proposal.Shape.SINGLE

    def clean_preferred_period(self):
        return self.cleaned_data.get("preferred_period") or Proposal.Period.ANY

    def values(self) -> dict:
        """What the service writes: every field but the version."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    def add_completeness_errors(self, errors: dict[str, list[str]]) -> list[str]:
        """Put the submission's errors on their fields; return those that have no field here."""
        left = []
        for name, messages in errors.items():
            for message in messages:
                if name in self.fields:
                    self.add_error(name, message)
                elif name != "parts":
                    left.append(message)
        return left


class ProposalPartForm(forms.ModelForm):
    class Meta:
        model = ProposalPart
        fields = ["title", "objectives"]
        field_classes = {"title": OneLineTextField, "objectives": LimitedTextField}
        widgets = {"objectives": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].label = _("Title of the part")
        self.fields["objectives"].label = _("Objectives of the part")


class BaseProposalPartFormSet(forms.BaseInlineFormSet):
    """The parts of a series, each with an explicit part number the coordinator may change.

    Saving numbers the parts 1..n in the order of these numbers; a number outside the
    series (a forged one) is refused with a message.
    """

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.part_index = i
        return form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"] = forms.IntegerField(
            label=_("Part number"),
            required=False,
            widget=forms.NumberInput(attrs={"min": 1, "class": "part-order", "inputmode": "numeric"}),
        )
        if index is not None:
            form.fields["ORDER"].initial = index + 1
        form.fields["DELETE"].label = _("Remove this part")

    def kept_forms(self) -> list:
        kept = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            if not form.instance.pk and not form.has_changed():
                continue
            data = form.cleaned_data
            if not form.instance.pk and not (data.get("title") or data.get("objectives")):
                continue
            kept.append(form)
        return kept

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        total = self.total_form_count()
        for form in self.kept_forms():
            order = form.cleaned_data.get("ORDER")
            if order is not None and not 1 <= order <= total:
                raise forms.ValidationError(
                    _("Part moved out of range: give each part a number from 1 to %(count)s.") % {"count": total},
                    code="part_out_of_range",
                )

    def parts(self) -> list[dict]:
        """The kept parts in their new order, as the service takes them."""
        kept = self.kept_forms()
        ordered = sorted(
            enumerate(kept),
            key=lambda item: (item[1].cleaned_data.get("ORDER") or len(kept) + item[0] + 1, item[0]),
        )
        return [
            {
                "id": form.instance.pk,
                "title": form.cleaned_data.get("title") or "",
                "objectives": form.cleaned_data.get("objectives") or "",
            }
            for _index, form in ordered
        ]

    def forms_for_display(self) -> list:
        """The forms in the order of their part numbers as typed (new ones last)."""

        def number(item):
            index, form = item
            raw = form["ORDER"].value()
            try:
                return (int(raw), index)
            except (TypeError, ValueError):
                return (10_000 + index, index)

        return [form for _index, form in sorted(enumerate(self.forms), key=number)]


ProposalPartFormSet = inlineformset_factory(
    Proposal,
    ProposalPart,
    form=ProposalPartForm,
    formset=BaseProposalPartFormSet,
    fields=["title", "objectives"],
    extra=0,
    can_order=True,
    can_delete=True,
    max_num=MAX_SERIES_PARTS,
    validate_max=True,
    absolute_max=MAX_SERIES_PARTS * 2,
)


def rearranged_parts_data(data, prefix: str, *, move: str | None = None, add: bool = False):
    """The posted data with the parts renumbered after an up/down press, or one more empty part.

    This is how the up/down and "add a part" buttons work without JavaScript: the page
    comes back with everything typed and the new order, and nothing is saved yet.
    """
    data = data.copy()
    total = int(data.get(f"{prefix}-TOTAL_FORMS") or 0)
    total = max(0, min(total, MAX_SERIES_PARTS * 2))

    def order_of(index):
        try:
            return (int(data.get(f"{prefix}-{index}-ORDER")), index)
        except (TypeError, ValueError):
            return (10_000 + index, index)

    sequence = [index for index in sorted(range(total), key=order_of) if not data.get(f"{prefix}-{index}-DELETE")]
    if move:
        index_text, _sep, direction = move.partition(":")
        try:
            index = int(index_text)
        except ValueError:
            index = -1
        if index in sequence:
            at = sequence.index(index)
            to = at - 1 if direction == "up" else at + 1
            if 0 <= to < len(sequence):
                sequence[at], sequence[to] = sequence[to], sequence[at]
    for number, index in enumerate(sequence, start=1):
        data[f"{prefix}-{index}-ORDER"] = str(number)
    if add and total < MAX_SERIES_PARTS:
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
        data[f"{prefix}-{total}-ORDER"] = str(len(sequence) + 1)
    return data


class AdoptCandidateTopicsForm(forms.Form):
    """Adopt one or more of the Secretariat's topics, with the same wishes for each."""

    candidate_topics = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=_("Candidate topics your group adopts"),
        error_messages={"required": _("Choose at least one candidate topic.")},
    )
    regions = forms.ModelMultipleChoiceField(queryset=None, required=False)
    languages = forms.ModelMultipleChoiceField(queryset=None, required=False)
    preferred_period = forms.ChoiceField(
        label=_("Preferred period"), choices=Proposal.Period.choices, initial=Proposal.Period.ANY
    )
    comment = LimitedTextField(
        label=_("Comment to the Secretariat"),
        required=False,
        max_length=Proposal.TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, cycle, adopted_candidate_ids=(), submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.fields["candidate_topics"].queryset = (
            cycle.candidate_topics.exclude(pk__in=list(adopted_candidate_ids))
            .select_related("topic")
            .order_by("order", "pk")
        )
        self.fields["candidate_topics"].label_from_instance = lambda candidate: candidate.topic.title
        self.fields["regions"] = region_field()
        self.fields["languages"] = language_field()

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            if not cleaned.get("languages"):
                self.add_error("languages", _("Choose at least one language."))
            if not cleaned.get("regions"):
                self.add_error("regions", _("Choose at least one target region."))
        return cleaned


class GroupPickerForm(forms.Form):
    """The Secretariat chooses whose answers to read."""

    group = forms.ModelChoiceField(
        queryset=RegionalGroup.objects.order_by("order", "code"),
        label=_("Regional group"),
        empty_label=None,
    )


def _shown(proposal_or_data, name: str, field) -> str:
    """A field's value as a person reads it (labels, names), for the conflict table."""
    value = proposal_or_data.get(name) if isinstance(proposal_or_data, dict) else getattr(proposal_or_data, name)
    if name in ("regions", "languages", "member_states"):
        items = value.all() if hasattr(value, "all") else (value or [])
        return ", ".join(sorted(str(item.name) for item in items))
    if name in ("shape", "preferred_period"):
        return str(dict(Proposal._meta.get_field(name).choices).get(value, value or ""))
    if value is None:
        return ""
    return str(value)


def describe_conflict(*, form: ProposalForm, formset, current: Proposal, expected_version) -> list[dict]:
    """What differs between the proposal as saved now and what this editor typed, field by field.

    Each row: the field's label, their saved value, the value typed here, and whether
    the other editor changed it since this editor opened the page (from the history;
    None when the history cannot tell, as for languages, regions and parts).
    """
    loaded = None
    if expected_version is not None:
        loaded = current.history.filter(version=expected_version).order_by("-history_date", "-history_id").first()
    rows = []
    for name, field in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        theirs = _shown(current, name, field)
        yours = _shown(form.cleaned_data, name, field)
        if theirs == yours:
            continue
        changed_by_them = None
        if loaded is not None and name not in ("regions", "languages", "member_states"):
            changed_by_them = _shown(loaded, name, field) != theirs
        rows.append({"label": field.label, "theirs": theirs, "yours": yours, "changed_by_them": changed_by_them})
    if formset is not None and formset.is_valid():
        theirs = "\n".join(f"{part.position}. {part.title}" for part in current.parts.order_by("position"))
        yours = "\n".join(f"{number}. {part['title']}" for number, part in enumerate(formset.parts(), start=1))
        their_parts = [(p.title, p.objectives) for p in current.parts.order_by("position")]
        your_parts = [(p["title"], p["objectives"]) for p in formset.parts()]
        if their_parts != your_parts:
            rows.append({"label": _("Parts of the series"), "theirs": theirs, "yours": yours, "changed_by_them": None})
    return rows
