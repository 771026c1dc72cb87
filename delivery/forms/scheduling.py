"""The scheduling screen's form: a date, a start time on a clock, and the reason to keep a date
despite its conflicts (for whoever may)."""

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from delivery.services.scheduling import MAX_OVERRIDE_REASON
from webinars.time_zones import GENEVA_TIME_ZONE, is_time_zone


class ScheduleForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    time_zone = forms.CharField(
        label=_("Time zone of this time"),
        max_length=64,
        initial=GENEVA_TIME_ZONE,
        help_text=_("An IANA name: Europe/Zurich for Geneva time, or a capital's, such as Africa/Nairobi."),
    )
    despite_conflicts = forms.CharField(
        label=_("Reason to keep this date despite its conflicts"),
        help_text=_("Recorded with the webinar. Leave empty unless the conflicts named above are accepted."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_OVERRIDE_REASON,
        required=False,
    )

    def __init__(self, *args, may_override: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_override:
            del self.fields["despite_conflicts"]

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"].strip()
        if not is_time_zone(zone):
            raise forms.ValidationError(
                _(
                    "The time zone “%(zone)s” does not exist: "
                    "give an IANA name such as Europe/Zurich or Africa/Nairobi."
                ),
                params={"zone": zone},
                code="unknown_time_zone",
            )
        return zone

    def wall_time(self) -> datetime:
        """The date and time typed, on the clock of the time zone given (naive)."""
        return datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
