"""The report page's choice of years: one year, or a range of at most PORTAL_REPORT_MAX_YEARS."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reporting.figures import MAX_YEAR, MIN_YEAR, check_year_range


class ReportRangeForm(forms.Form):
    first_year = forms.IntegerField(label=_("From the year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    last_year = forms.IntegerField(
        label=_("to the year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=False,
        help_text=_("Leave empty for a report on one year."),
    )

    def clean(self):
        cleaned_data = super().clean()
        first_year = cleaned_data.get("first_year")
        if first_year is None:
            return cleaned_data
        if cleaned_data.get("last_year") is None and "last_year" not in self.errors:
            cleaned_data["last_year"] = first_year
        last_year = cleaned_data.get("last_year")
        if last_year is not None:
            try:
                check_year_range(first_year=first_year, last_year=last_year)
            except ValidationError as error:
                self.add_error("last_year" if error.code == "year_range_too_long" else None, error)
        return cleaned_data
