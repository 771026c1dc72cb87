"""Form pieces of the catalogue that the later apps share: the numbering of a graded series."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from webinars.models.catalogue import check_part_positions


class PartPositionsInlineFormSet(BaseInlineFormSet):
    """Inline parts of a graded series, numbered 1..n with no gap and no repeat.

    The strategy: each part "completes the information given in the previous ones", so
    the numbering is the order of the gradation. Nothing is saved while it has holes.
    """

    position_field = "position"

    def clean(self):
        if not any(self.position_field in form.errors for form in self.forms):
            positions = [
                form.cleaned_data[self.position_field]
                for form in self.forms
                if form.cleaned_data.get(self.position_field) is not None and not self._should_delete_form(form)
            ]
            check_part_positions(positions)
        super().clean()


def check_position_among_siblings(form: forms.ModelForm, *, siblings, position_field: str) -> None:
    """A part edited on its own page keeps its series numbered 1..n with the others."""
    position = form.cleaned_data.get(position_field)
    if position is None:
        return
    others = list(siblings.exclude(pk=form.instance.pk).values_list(position_field, flat=True))
    try:
        check_part_positions([*others, position])
    except ValidationError as error:
        form.add_error(position_field, error)
