"""A webinar's planned period while its date is to be announced: a month ("2027-03") or a
quarter ("2027-Q2"), as the published plan gave it.

The public page says "Date to be announced: March 2027" (or "second quarter of 2027") in
the page's language; the scheduling screen proposes the working days of the period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})-(?:(?P<month>0[1-9]|1[0-2])|Q(?P<quarter>[1-4]))$")


@dataclass(frozen=True)
class Period:
    """A month or a quarter of a year."""

    year: int
    month: int | None = None
    quarter: int | None = None

    @property
    def code(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else f"{self.year}-Q{self.quarter}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or (self.quarter - 1) * 3 + 1, 1)

    @property
    def last_day(self) -> date:
        month = self.month or self.quarter * 3
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def months(self) -> list[date]:
        """The first day of each month of the period."""
        first = self.first_day.month
        return [date(self.year, month, 1) for month in range(first, self.last_day.month + 1)]

    def text(self) -> str:
        """The period in the active language: "March 2027", "second quarter of 2027"."""
        if self.month:
            return formats.date_format(self.first_day, "YEAR_MONTH_FORMAT")
        sentences = {
            1: _("first quarter of %(year)s"),
            2: _("second quarter of %(year)s"),
            3: _("third quarter of %(year)s"),
            4: _("fourth quarter of %(year)s"),
        }
        return sentences[self.quarter] % {"year": self.year}


def parse_period(code: str) -> Period | None:
    """The period a code names, or None for an empty or malformed one."""
    found = PERIOD_PATTERN.match(code or "")
    if found is None:
        return None
    year = int(found["year"])
    if found["month"]:
        return Period(year=year, month=int(found["month"]))
    return Period(year=year, quarter=int(found["quarter"]))


def month_period(day: date) -> Period:
    return Period(year=day.year, month=day.month)


def quarter_period(year: int, quarter: int) -> Period:
    return Period(year=year, quarter=quarter)


def period_text(code: str) -> str:
    """The period in the active language, or "" when there is none."""
    period = parse_period(code)
    return period.text() if period else ""
