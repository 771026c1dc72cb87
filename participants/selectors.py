"""What earlier apps' pages may read of the participants: whether a webinar takes registrations.

The webinars app's public page shows the "Register" button from here, so the button
appears exactly where the registration service would take a registration; and, while
registration is not open yet, the "Tell me when the date is set" form.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from participants.forms.alerts import DateAlertForm
from participants.models import Registration
from participants.services.alerts import waits_for_registration
from participants.services.registration import registration_refusal
from webinars.models import MemberState, RegionalGroup, Webinar


@dataclass(frozen=True)
class RegistrationOffer:
    """What a webinar's page offers: a registration (perhaps to the waiting list), or why not."""

    is_open: bool
    is_full: bool = False  # every place is taken: a registration goes to the waiting list
    closed_reason: str = ""


@dataclass(frozen=True)
class DateAlertOffer:
    """The page's "Tell me when the date is set" form, while registration is not open yet."""

    is_offered: bool
    has_date: bool = False  # the date is set; registration waits for the expert
    form: object = None


def date_alert_offer(webinar: Webinar) -> DateAlertOffer:
    """The form posts to participants:date_alert; the same offer whatever the visitor."""
    if not waits_for_registration(webinar):
        return DateAlertOffer(is_offered=False)
    has_date = webinar.status == Webinar.Status.SCHEDULED and webinar.starts_at is not None
    return DateAlertOffer(is_offered=True, has_date=has_date, form=DateAlertForm())


def registration_offer(webinar: Webinar) -> RegistrationOffer:
    refusal = registration_refusal(webinar)
    if refusal is not None:
        return RegistrationOffer(is_open=False, closed_reason=" ".join(refusal.messages))
    is_full = webinar.capacity is not None and webinar.registration_count >= webinar.capacity
    return RegistrationOffer(is_open=True, is_full=is_full)


# Participation per member state and per regional group ----------------------------------------


@dataclass(frozen=True)
class StateParticipation:
    """One member state's participants in the webinars asked about (code "" : countries no state row knows)."""

    code: str
    name: str
    group_name: str
    region_name: str
    registered: int
    attended: int
    group_id: int | None = None
    region_id: int | None = None


@dataclass(frozen=True)
class GroupParticipation:
    """One regional group's participants: the sum of its member states' (group_id None: no group, or unknown)."""

    group_id: int | None
    name: str
    registered: int
    attended: int
    state_count: int  # member states of the group with at least one participant


@dataclass(frozen=True)
class MemberStateParticipation:
    rows: tuple[StateParticipation, ...] = ()
    groups: tuple[GroupParticipation, ...] = ()

    @property
    def registered(self) -> int:
        return sum(row.registered for row in self.rows)

    @property
    def attended(self) -> int:
        return sum(row.attended for row in self.rows)


def participation_by_member_state(*, webinar_ids) -> MemberStateParticipation:
    """Registered and attended per member state and per regional group, for these webinars.

    Registered counts every registration not cancelled (registered or waiting), attended
    those marked as attended (the attendance report), as the annual report counts them.
    A participant's country is a member state row (webinars.MemberState, data the
    Secretariat edits); a country no row knows is counted in one "Other or unknown
    country" row, never dropped. Every regional group has its line, with zeros when none
    of its states took part; states outside every group, and unknown countries, add up
    in a last line without a group. Names follow the active language: call it inside
    translation.override() for another one. Three queries, whatever the data.
    """
    counts = (
        Registration.objects.filter(webinar_id__in=list(webinar_ids))
        .order_by()
        .values("country")
        .annotate(
            registered=Count("pk", filter=~Q(state=Registration.State.CANCELLED)),
            attended=Count("pk", filter=Q(has_attended=True)),
        )
    )
    by_country = {row["country"]: row for row in counts if row["registered"] or row["attended"]}
    states = MemberState.objects.filter(code__in=list(by_country)).select_related("group", "region")
    states = {state.code: state for state in states}
    rows = []
    unknown_registered = unknown_attended = 0
    for country, row in by_country.items():
        state = states.get(country)
        if state is None:
            unknown_registered += row["registered"]
            unknown_attended += row["attended"]
            continue
        rows.append(
            StateParticipation(
                code=state.code,
                name=str(state.name or state.code),
                group_name=str(state.group.name) if state.group_id else "",
                region_name=str(state.region.name) if state.region_id else _("Other or unknown region"),
                registered=row["registered"],
                attended=row["attended"],
                group_id=state.group_id,
                region_id=state.region_id,
            )
        )
    rows.sort(key=lambda row: (-row.attended, -row.registered, row.name))
    if unknown_registered or unknown_attended:
        rows.append(
            StateParticipation(
                code="",
                name=_("Other or unknown country"),
                group_name="",
                region_name=_("Other or unknown region"),
                registered=unknown_registered,
                attended=unknown_attended,
            )
        )
    groups = []
    for group in RegionalGroup.objects.order_by("order", "code"):
        members = [row for row in rows if row.group_id == group.pk]
        groups.append(
            GroupParticipation(
                group_id=group.pk,
                name=str(group.name),
                registered=sum(row.registered for row in members),
                attended=sum(row.attended for row in members),
                state_count=len(members),
            )
        )
    outside = [row for row in rows if row.group_id is None]
    if outside:
        groups.append(
            GroupParticipation(
                group_id=None,
                name=_("No regional group, or unknown country"),
                registered=sum(row.registered for row in outside),
                attended=sum(row.attended for row in outside),
                state_count=sum(1 for row in outside if row.code),
            )
        )
    return MemberStateParticipation(rows=tuple(rows), groups=tuple(groups))
