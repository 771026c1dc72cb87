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


class CommitteeReportForm(forms.Form):
    """The report's settings: the year (on creation only), symbol, session, date and original language."""

    year = forms.IntegerField(label=_("Year reported on"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    symbol = forms.CharField(
        label=_("Document symbol"), max_length=40, help_text=_("For example CDIP/33/4."), strip=True
    )
    session = forms.ModelChoiceField(label=_("Session"), queryset=None)
    dated_on = forms.DateField(label=_("Date of the document"), widget=forms.DateInput(attrs={"type": "date"}))
    original_language = forms.ChoiceField(label=_("Original language"), choices=())

    def __init__(self, *args, with_year: bool = True, **kwargs):
        from django.conf import settings

        from reporting.models import Session

        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.order_by("-number")
        self.fields["original_language"].choices = settings.LANGUAGES
        if not with_year:
            del self.fields["year"]


RICH_TEXT_HELP = _(
    "Headings (<h3>), paragraphs (<p>), lists (<ul>, <ol>, <li>), links (<a href>) and emphasis (<em>, <strong>) "
    "are kept; anything else is removed. Plain text with blank lines between paragraphs works too."
)


class CommitteeReportTextsForm(forms.Form):
    """The Secretariat's texts and the accounts of the webinars, in one language."""

    def __init__(self, *args, report, language: str, **kwargs):
        from modeltranslation.utils import build_localized_fieldname

        from reporting.models import CommitteeReport

        super().__init__(*args, **kwargs)
        self.language = language
        labels = {name: CommitteeReport._meta.get_field(name).verbose_name for name in CommitteeReport.TEXT_FIELDS}
        for name in CommitteeReport.TEXT_FIELDS:
            field_name = build_localized_fieldname(name, language)
            if name == "title":
                field = forms.CharField(label=labels[name], max_length=255, required=False)
            else:
                field = forms.CharField(
                    label=labels[name],
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 5, "data-rich-text": "true", "dir": "auto"}),
                    help_text=RICH_TEXT_HELP,
                )
            field.initial = getattr(report, field_name) or ""
            self.fields[field_name] = field
        self.account_fields = {}
        for account in report.accounts.select_related("webinar"):
            name = f"account_{account.pk}"
            self.fields[name] = forms.CharField(
                label=_("Account of “%(webinar)s”") % {"webinar": account.webinar.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "data-rich-text": "true", "dir": "auto"}),
                initial=getattr(account, build_localized_fieldname("text", language)) or "",
            )
            self.account_fields[name] = account.pk

    def texts(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if not name.startswith("account_")}

    def accounts(self) -> dict:
        return {pk: {self.language: self.cleaned_data[name]} for name, pk in self.account_fields.items()}
