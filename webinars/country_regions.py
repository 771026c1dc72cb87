"""Which region of the programme a participant's country belongs to, for attendance figures.

Attendance is counted by country, region and type of participant. The link from a
country to its region is data: each member state row (webinars.MemberState, ISO 3166-1
code) names its region, and the Secretariat edits it in the admin (the demo loads the
organisation's composition from demo/member_states.py). A country no row knows, or a row
without a region, is counted under "Other or unknown region", never dropped. Each
country has one region, so no attendee is counted twice.
"""

from collections.abc import Iterable

from webinars.models import MemberState


def region_ids(countries: Iterable[str]) -> dict[str, int]:
    """The region id of each of these two-letter country codes that a member state row places
    in a region (one query); a country missing from the answer is of no known region."""
    codes = {(country or "").strip().upper() for country in countries}
    rows = MemberState.objects.filter(code__in=codes, region__isnull=False).values_list("code", "region_id")
    return dict(rows)
