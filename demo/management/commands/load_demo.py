"""Load the demonstration data of demo/data.py, idempotently and in one transaction.

Every row is found by its natural key (code, slug, e-mail, username, (cycle, group,
title)...) and saved only when a value differs, so a second run writes nothing: no
new history rows, no moved ``updated_at``. Dates that depend on today (the open
consultation, the scheduled webinars) are computed from the date, not the time, so
runs on the same day agree; a run on a later day moves them forward and keeps the
demo alive (the consultation open, the scheduled webinars ahead).

This is a loader of demonstration data, not a state change of the programme: it
writes states directly instead of going through the services, and queues no notice.
"""

import time
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from accounts.roles import sync_roles
from delivery.models import ExpertInvitation
from delivery.selectors.dates import date_conflicts
from demo import data
from demo.committee_report import load_committee_report
from demo.delivered import load_delivered
from demo.delivery import load_campaign, load_registrations
from demo.experts import load_expert_invitations
from demo.member_states import DELEGATES, load_delegates, load_member_states
from demo.plan_comments import load_shared_draft
from demo.tracker import load_decision_parts, load_paragraphs, load_sessions, measure_values, reference_values
from participants.models import NetworkMember
from planning.models import AnnualPlan, PlanEntry
from proposals.models import CandidateTopic, ConsultationCycle, Coordinator, Proposal, ProposalPart
from reporting.models import CommitteeDecision, DocumentReference, FollowUpAction, Measure
from webinars.models import (
    AnsweredQuestion,
    Closure,
    Expert,
    Feedback,
    Language,
    Material,
    Region,
    RegionalGroup,
    ScopeArea,
    Series,
    Topic,
    Webinar,
)

CHANGE_REASON = "Demonstration data (load_demo)"
DOMAIN_APPS = ("accounts", "webinars", "proposals", "planning", "reporting")
MATERIAL_TITLES = {
    "recording": {
        "en": "Recording",
        "fr": "Enregistrement",
        "es": "Grabación",
        "ar": "التسجيل",
        "zh-hans": "录像",
        "ru": "Запись",
    },
    "slides": {
        "en": "Slides",
        "fr": "Diapositives",
        "es": "Diapositivas",
        "ar": "الشرائح",
        "zh-hans": "幻灯片",
        "ru": "Слайды",
    },
}


# --- Writing rows only when they differ -------------------------------------------------


def localized(values: dict) -> dict:
    """{"title": {"en": ..., "fr": ...}} -> {"title_en": ..., "title_fr": ...}; other values as they are."""
    expanded = {}
    for name, value in values.items():
        if isinstance(value, dict):
            for language, text in value.items():
                expanded[build_localized_fieldname(name, language)] = text
        else:
            expanded[name] = value
    return expanded


def differs(obj, name: str, value) -> bool:
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def save(obj) -> None:
    obj.full_clean()
    obj._change_reason = CHANGE_REASON
    obj.save()


def upsert(model, lookup: dict, values: dict | None = None, *, m2m: dict | None = None, backdate: dict | None = None):
    """Find the row by its natural key; create it, or save it only if a value changed.

    ``backdate`` sets automatic timestamps (created_at...) on creation only, so that a
    proposal is not created after it was submitted.
    """
    values = localized(values or {})
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**{**lookup, **values})
        save(obj)
        if backdate:
            model.objects.filter(pk=obj.pk).update(**backdate)
    else:
        changed = {name: value for name, value in values.items() if differs(obj, name, value)}
        if changed:
            for name, value in changed.items():
                setattr(obj, name, value)
            save(obj)
    for name, targets in (m2m or {}).items():
        related = getattr(obj, name)
        if set(related.values_list("pk", flat=True)) != {target.pk for target in targets}:
            related.set(targets)
    return obj


def upsert_user(username: str, password: str, **values):
    """A demo login; the password is hashed only when it is new or no longer matches."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model(username=username, **values)
        user.set_password(password)
        save(user)
        return user
    changed = {name: value for name, value in values.items() if differs(user, name, value)}
    for name, value in changed.items():
        setattr(user, name, value)
    if not user.check_password(password):
        user.set_password(password)
        changed["password"] = user.password
    if changed:
        save(user)
    return user


# --- Dates ------------------------------------------------------------------------------


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Geneva wall-clock time on a day (the committee's own clock)."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def upcoming_days(today: date, count: int, *, closed: set[date] = frozenset()) -> list[date]:
    """Days left this year for the plan's webinars, from a week ahead, spread evenly, Monday to
    Thursday (working days in Geneva and in the capitals whose weekend starts on Friday),
    avoiding the ``closed`` days (holidays).

    Late in the year they crowd into the last weeks; on 31 December nothing is left of
    the year and they spill into January rather than into the past.
    """
    first, last = today + timedelta(days=7), date(today.year, 12, 15)
    if first > last:
        first, last = today + timedelta(days=1), date(today.year, 12, 31)
    if first > last:
        first, last = today + timedelta(days=1), today + timedelta(days=count)

    def working_days(last_day: date) -> list[date]:
        days = [first + timedelta(days=n) for n in range((last_day - first).days + 1)]
        return [day for day in days if day.weekday() < 4 and day not in closed]

    weekdays = working_days(last)
    while len(weekdays) < count:  # never two webinars on one day: go on into the next days
        last += timedelta(days=1)
        weekdays = working_days(last)
    return [weekdays[round(i * (len(weekdays) - 1) / max(count - 1, 1))] for i in range(count)]


def quarter(day: date) -> str:
    return f"q{(day.month - 1) // 3 + 1}"


# --- Loaders, one per app ---------------------------------------------------------------


class DemoLoader:
    def __init__(self, today: date):
        self.today = today
        self.year = today.year

    def run(self) -> None:
        self.load_reference()
        self.load_accounts()
        self.load_catalogue()
        self.load_consultations()
        load_delegates(self, upsert=upsert, upsert_user=upsert_user, password=data.COORDINATOR_PASSWORD)
        self.load_plan()
        load_delivered(self)
        load_shared_draft(self)  # next year's draft plan, shared with the groups, and their comments
        load_expert_invitations(secretariat=self.secretariat)
        load_registrations()
        load_campaign(secretariat=self.secretariat)
        self.load_network()
        self.load_reporting()
        load_committee_report(upsert, today=self.today)

    # webinars: reference data
    def load_reference(self) -> None:
        self.languages = {
            item["code"]: upsert(
                Language,
                {"code": item["code"]},
                {"name": item["name"], "is_ui_language": item["is_ui_language"], "order": item["order"]},
            )
            for item in data.LANGUAGES
        }
        self.regions = {
            item["code"]: upsert(
                Region,
                {"code": item["code"]},
                {
                    "name": item["name"],
                    "order": item["order"],
                    "capitals": data.REGION_CAPITALS.get(item["code"], []),
                },
            )
            for item in data.REGIONS
        }
        self.groups = {
            item["code"]: upsert(
                RegionalGroup,
                {"code": item["code"]},
                {
                    "name": item["name"],
                    "order": item["order"],
                    "contact_email": f"{item['code']}-group@delegations.example.org",
                    "is_active": True,
                },
                m2m={"regions": self.pick(self.regions, item["regions"])},
            )
            for item in data.GROUPS
        }
        self.member_states = load_member_states(upsert=upsert, regions=self.regions, groups=self.groups)
        self.scope_areas = {
            item["code"]: upsert(
                ScopeArea,
                {"code": item["code"]},
                {key: item[key] for key in ("title", "description", "is_in_scope", "order")},
            )
            for item in data.SCOPE_AREAS
        }

    # accounts and proposals.Coordinator
    def load_accounts(self) -> None:
        self.secretariat = upsert_user(
            data.SECRETARIAT["username"],
            data.SECRETARIAT_PASSWORD,
            email=data.SECRETARIAT["email"],
            first_name=data.SECRETARIAT["first_name"],
            last_name=data.SECRETARIAT["last_name"],
            language=data.SECRETARIAT["language"],
            is_staff=True,
            is_superuser=True,
            is_active=True,
        )
        sync_roles()
        for item in data.SECRETARIAT_STAFF:
            user = upsert_user(
                item["username"],
                data.SECRETARIAT_PASSWORD,
                email=f"{item['username']}@secretariat.example.org",
                first_name=item["first"],
                last_name=item["last"],
                language=item["language"],
                is_staff=True,
                is_superuser=False,
                is_active=True,
            )
            user.groups.set([Group.objects.get(name=item["role"])])
        self.coordinator_of = {}  # group code -> the user who answers for it in the demo
        for item in data.COORDINATORS:
            user = upsert_user(
                item["username"],
                data.COORDINATOR_PASSWORD,
                email=f"{item['username']}@delegations.example.org",
                first_name=item["first"],
                last_name=item["last"],
                language=item["language"],
                is_staff=False,
                is_superuser=False,
                is_active=True,
            )
            upsert(Coordinator, {"user": user}, {"group": self.groups[item["group"]], "is_active": True})
            self.coordinator_of.setdefault(item["group"], user)

    # webinars: catalogue and follow-up
    def load_catalogue(self) -> None:
        self.topic_data = {item["slug"]: item for item in data.TOPICS}
        self.topics = {
            item["slug"]: upsert(
                Topic,
                {"slug": item["slug"]},
                {
                    "title": item["title"],
                    "summary": item["summary"],
                    "objectives": item.get("objectives", {}),
                    "target_audience": item.get("target_audience", {}),
                    "scope_area": self.scope_areas[item["scope_area"]],
                },
            )
            for item in data.TOPICS
        }
        self.experts = {
            item["key"]: upsert(
                Expert,
                {"email": item["email"]},
                {
                    **{key: item[key] for key in ("name", "kind", "gender", "nationality", "title", "biography")},
                    "region": self.regions[item["region"]],
                    "is_active": True,
                },
                m2m={
                    "languages": self.pick(self.languages, item["languages"]),
                    "scope_areas": self.pick(self.scope_areas, item["scope_areas"]),
                },
            )
            for item in data.EXPERTS
        }
        self.series = {
            item["slug"]: upsert(
                Series,
                {"slug": item["slug"]},
                {"title": item["title"], "description": item["description"], "topic": self.topics[item["topic"]]},
            )
            for item in data.SERIES
        }
        for item in data.HELD_WEBINARS:
            self.load_held_webinar(item)

    def load_held_webinar(self, item: dict) -> None:
        month, day, hour, minute = item["starts"]
        starts_at = at(date(self.year - item["years_ago"], month, day), hour, minute)
        topic = self.topic_data[item["topic"]]
        webinar = upsert(
            Webinar,
            {"slug": item["slug"]},
            {
                "title": item["title"],
                "description": item["description"],
                "objectives": topic.get("objectives", {}),
                "target_audience": topic.get("target_audience", {}),
                "summary": item["summary"],
                "topic": self.topics[item["topic"]],
                "series": self.series[item["series"]] if item.get("series") else None,
                "series_position": item.get("series_position"),
                "starts_at": starts_at,
                "duration_minutes": 90,
                "format": item["format"],
                "status": Webinar.Status.HELD,
                "join_url": "",
                "registration_count": item["registrations"],
                "attendance_count": item["attendance"],
            },
            m2m={
                "regions": self.pick(self.regions, item["regions"]),
                "languages": self.pick(self.languages, item["languages"]),
                "experts": self.pick(self.experts, item["experts"]),
            },
            backdate={"created_at": starts_at - timedelta(days=60)},
        )
        published_at = starts_at + timedelta(days=3)
        links = {
            "recording": f"https://webinars.example.org/recordings/{webinar.slug}",
            "slides": f"https://webinars.example.org/slides/{webinar.slug}.pdf",
        }
        for kind, url in links.items():
            upsert(
                Material,
                {"webinar": webinar, "kind": kind},
                {
                    "title": MATERIAL_TITLES[kind],
                    "url": url,
                    "language": self.languages[item["languages"][0]],
                    "is_published": True,
                    "published_at": published_at,
                },
                backdate={"created_at": published_at},
            )
        for order, question in enumerate(item["questions"], start=1):
            upsert(
                AnsweredQuestion,
                {"webinar": webinar, "order": order},
                {"question": question["question"], "answer": question["answer"], "is_published": True},
            )
        for feedback in item["feedback"]:
            expert = self.experts[feedback["expert"]] if feedback.get("expert") else None
            upsert(
                Feedback,
                {
                    "webinar": webinar,
                    "source": feedback["source"],
                    "country": feedback.get("country", ""),
                    "expert": expert,
                },
                {
                    "overall_rating": feedback["overall"],
                    "relevance_rating": feedback.get("relevance"),
                    "useful": feedback.get("useful", ""),
                    "to_improve": feedback.get("to_improve", ""),
                    "topic_suggestion": feedback.get("topic_suggestion", ""),
                },
                backdate={"submitted_at": starts_at + timedelta(days=1)},
            )

    # proposals: this year's decided consultation and next year's open one
    def load_consultations(self) -> None:
        spec = data.CURRENT_CYCLE
        before = self.year - 1
        opens_at = at(date(before, *spec["opens_on"]), 9)
        deadline_at = at(date(before, *spec["deadline_on"]), 18)
        self.current_cycle = self.load_cycle(
            target_year=self.year,
            spec=spec,
            state=ConsultationCycle.State.DECIDED,
            approved_at=at(date(before, *spec["approved_on"]), 10),
            opens_at=opens_at,
            deadline_at=deadline_at,
            closed_at=deadline_at,
            candidates=data.CURRENT_CANDIDATE_TOPICS,
        )
        self.current_proposals = {}
        for item in data.CURRENT_PROPOSALS:
            submitted_at = at(date(before, *item["submitted_on"]), 10)
            proposal = self.load_proposal(self.current_cycle, item, submitted_at)
            self.current_proposals[(item["group"], item["title"])] = proposal

        opens_at = at(self.today - timedelta(days=14), 9)
        deadline_at = min(at(self.today + timedelta(days=30), 18), at(date(self.year, 12, 31), 23, 59))
        self.open_cycle = self.load_cycle(
            target_year=self.year + 1,
            spec=data.OPEN_CYCLE,
            state=ConsultationCycle.State.OPEN,
            approved_at=opens_at - timedelta(days=7),
            opens_at=opens_at,
            deadline_at=deadline_at,
            closed_at=None,
            candidates=data.OPEN_CANDIDATE_TOPICS,
        )
        for item in data.OPEN_PROPOSALS:
            days = item["submitted_after_days"]
            submitted_at = None if days is None else opens_at + timedelta(days=days, hours=1)
            self.load_proposal(self.open_cycle, item, submitted_at)

    def load_cycle(self, *, target_year, spec, state, approved_at, opens_at, deadline_at, closed_at, candidates):
        cycle = upsert(
            ConsultationCycle,
            {"target_year": target_year},
            {
                "title": {language: text.format(year=target_year) for language, text in spec["title"].items()},
                "introduction": spec["introduction"],
                "opens_at": opens_at,
                "deadline_at": deadline_at,
                "state": state,
                "approved_at": approved_at,
                "opened_at": opens_at,
                "closed_at": closed_at,
            },
            backdate={"created_at": approved_at - timedelta(days=14)},
        )
        for order, item in enumerate(candidates, start=1):
            upsert(
                CandidateTopic,
                {"cycle": cycle, "topic": self.topics[item["topic"]]},
                {"source": item["source"], "note": item.get("note", ""), "order": order},
            )
        return cycle

    def load_proposal(self, cycle, item: dict, submitted_at):
        coordinator = self.coordinator_of[item["group"]]
        candidate = None
        if item.get("candidate"):
            candidate = CandidateTopic.objects.get(cycle=cycle, topic=self.topics[item["candidate"]])
        created_at = (submitted_at or cycle.opens_at + timedelta(days=3)) - timedelta(days=1)
        proposal = upsert(
            Proposal,
            {"cycle": cycle, "group": self.groups[item["group"]], "title": item["title"]},
            {
                "kind": item["kind"],
                "candidate_topic": candidate,
                "shape": item.get("shape", Proposal.Shape.SINGLE),
                "objectives": item["objectives"],
                "target_audience": item["target_audience"],
                "topics": item.get("topics", ""),
                "comment": item.get("comment", ""),
                "scope_area": self.scope_areas[item["scope_area"]],
                "written_in": item["written_in"],
                "preferred_period": item["preferred_period"],
                "state": item["state"],
                "decision_reason": item.get("decision_reason", ""),
                # A graded series that goes on across years: the part it proposes there.
                "continues_series": self.series[item["continues_series"]] if item.get("continues_series") else None,
                "series_first_part": item.get("series_first_part"),
                "created_by": coordinator,
                "submitted_by": coordinator if submitted_at else None,
                "submitted_at": submitted_at,
            },
            m2m={
                "regions": self.pick(self.regions, item["regions"]),
                "languages": self.pick(self.languages, item["languages"]),
            },
            backdate={"created_at": created_at},
        )
        for position, part in enumerate(item.get("parts", []), start=1):
            upsert(
                ProposalPart,
                {"proposal": proposal, "position": position},
                {"title": part["title"], "objectives": part["objectives"]},
            )
        return proposal

    # planning: this year's published plan and its scheduled webinars
    def load_plan(self) -> None:
        spec = data.PLAN
        published_at = at(date(self.year - 1, *spec["published_on"]), 10)
        plan = upsert(
            AnnualPlan,
            {"year": self.year},
            {
                "cycle": self.current_cycle,
                "capacity": spec["capacity"],
                "budget": Decimal(spec["budget"]),
                "cost_per_webinar": Decimal(spec["cost_per_webinar"]),
                "state": AnnualPlan.State.PUBLISHED,
                "notes": spec["notes"],
                "published_at": published_at,
                "published_by": self.secretariat,
            },
            backdate={"created_at": published_at - timedelta(days=10)},
        )
        closed = self.load_holidays()
        days = upcoming_days(self.today, len(data.PLAN_ENTRIES), closed=closed)
        self.load_session_week(days)
        for day, item in zip(days, data.PLAN_ENTRIES, strict=True):
            topic = self.topic_data[item["topic"]]
            expert = self.experts[item["expert"]]
            languages = self.pick(self.languages, item["languages"])
            waiting = item.get("to_be_scheduled")
            if waiting:
                # Published "to be scheduled": no date, no registration; its expert once they accepted.
                dated = {
                    "starts_at": None,
                    "status": Webinar.Status.TO_BE_SCHEDULED,
                    "planned_period": (
                        f"{day.year}-{day.month:02d}" if waiting == "month" else f"{day.year}-Q{quarter(day)[1]}"
                    ),
                    "join_url": "",
                    "registration_count": 0,
                }
                experts = [expert] if waiting == "month" else []
            else:
                dated = {
                    "starts_at": at(day, item["hour"]),
                    "status": Webinar.Status.SCHEDULED,
                    "planned_period": "",
                    "join_url": f"https://meet.example.org/webinars/{item['slug']}",
                    "registration_count": 35 + 12 * item["position"],
                }
                experts = [expert]
            webinar = upsert(
                Webinar,
                {"slug": item["slug"]},
                {
                    "title": item["title"],
                    "description": topic["summary"],
                    "objectives": topic.get("objectives", {}),
                    "target_audience": topic.get("target_audience", {}),
                    "topic": self.topics[item["topic"]],
                    "series": self.series[item["series"]] if item.get("series") else None,
                    "series_position": item.get("series_position"),
                    "duration_minutes": 90,
                    "format": Webinar.Format.LIVE,
                    **dated,
                },
                m2m={
                    "regions": self.pick(self.regions, item["regions"]),
                    "languages": languages,
                    "experts": experts,
                },
            )
            if waiting == "month":
                self.load_accepted_availability(webinar=webinar, expert=expert, day=day)
            if item.get("kept_despite"):
                self.keep_despite_conflicts(webinar, reason=item["kept_despite"])
            upsert(
                PlanEntry,
                {"plan": plan, "position": item["position"]},
                {
                    "title": item["title"],
                    "topic": self.topics[item["topic"]],
                    "region": self.regions[item["region"]],
                    "period": quarter(day),
                    # A month the Secretariat wrote on the entry: the webinar keeps it as its period.
                    "starts_at": at(day, item["hour"]) if waiting == "month" else None,
                    "expert": expert,
                    "rationale": item["rationale"],
                    "webinar": webinar,
                },
                m2m={
                    "proposals": [self.current_proposals[key] for key in item["proposals"]],
                    "languages": languages,
                },
            )
            for key in item["proposals"]:  # what the publication records: the proposal became this webinar
                self.current_proposals[key].webinars.add(webinar)

    # webinars: the closures the scheduling screen avoids
    def load_holidays(self) -> set[date]:
        """The new-year holidays of this year and the next, as closures; returns their days."""
        closed = set()
        for year in (self.year, self.year + 1):
            for item in data.HOLIDAYS:
                first, last = date(year, *item["first"]), date(year, *item["last"])
                upsert(
                    Closure,
                    {"kind": Closure.Kind.HOLIDAY, "starts_on": first},
                    {"title": item["title"], "ends_on": last},
                )
                closed.update(first + timedelta(days=n) for n in range((last - first).days + 1))
        return closed

    def load_session_week(self, days: list[date]) -> None:
        """The committee's session week, in the month of the first webinar still to be scheduled,
        after the last scheduled one: the scheduling screen shows its days closed."""
        positions = [n for n, item in enumerate(data.PLAN_ENTRIES) if item.get("to_be_scheduled")]
        if not positions:
            return
        anchor, last_scheduled = days[positions[0]], days[positions[0] - 1]
        first = max(anchor - timedelta(days=anchor.weekday()), last_scheduled + timedelta(days=1))
        last = anchor + timedelta(days=4 - anchor.weekday())
        while last.month != anchor.month:
            last -= timedelta(days=1)
        upsert(
            Closure,
            {"kind": Closure.Kind.COMMITTEE_SESSION, "title_en": data.COMMITTEE_SESSION["en"]},
            {"title": data.COMMITTEE_SESSION, "starts_on": first, "ends_on": max(first, last)},
        )
        self.session_week = (first, max(first, last))

    def load_accepted_availability(self, *, webinar: Webinar, expert: Expert, day: date) -> None:
        """The expert of a webinar still to be scheduled accepted, available from the week of ``day``
        to the end of its month: the scheduling screen proposes only days within."""
        month_end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        available_from = day - timedelta(days=day.weekday())
        invitation = upsert(
            ExpertInvitation,
            {"expert": expert, "webinar": webinar},
            {
                "invited_by": self.secretariat,
                "state": ExpertInvitation.State.ACCEPTED,
                "answered_at": at(self.today - timedelta(days=5), 10),
                "available_from": available_from,
                "available_until": max(available_from, month_end),
                "availability_note": "Mornings in Geneva suit me best.",
            },
        )
        if invitation.invited_at.date() > self.today - timedelta(days=5):
            ExpertInvitation.objects.filter(pk=invitation.pk).update(invited_at=at(self.today - timedelta(days=9), 10))

    def keep_despite_conflicts(self, webinar: Webinar, *, reason: str) -> None:
        """A date kept despite its conflicts, with the programme manager's reason, as the
        scheduling service records it (the conflicts named in English, the loader's language)."""
        conflicts = [
            {"code": conflict.code, "message": conflict.message}
            for conflict in date_conflicts(webinar, webinar.starts_at, now=at(self.today, 0))
        ]
        manager = get_user_model().objects.filter(groups__name="Programme manager").order_by("pk").first()
        record = {
            "date_conflicts_accepted": conflicts,
            "date_conflicts_reason": reason if conflicts else "",
            "date_conflicts_accepted_by_id": manager.pk if conflicts and manager else None,
        }
        if any(getattr(webinar, name) != value for name, value in record.items()):
            record["date_conflicts_accepted_at"] = at(self.today - timedelta(days=3), 11) if conflicts else None
            Webinar.objects.filter(pk=webinar.pk).update(**record)

    # webinars: the participants' network
    def load_network(self) -> None:
        for item in data.NETWORK_MEMBERS:
            if "joined" in item:
                years_ago, month, day = item["joined"]
                joined_at = at(date(self.year - years_ago, month, day), 10)
            else:
                joined_at = at(self.today - timedelta(days=item["days_ago"]), 10)
            state = item["state"]
            upsert(
                NetworkMember,
                {"email": item["email"]},
                {
                    "name": item["name"],
                    "language": item["language"],
                    "state": state,
                    "confirmed_at": joined_at + timedelta(hours=1) if state != "pending" else None,
                    "unsubscribed_at": joined_at + timedelta(days=180) if state == "unsubscribed" else None,
                },
                m2m={
                    "regions": self.pick(self.regions, item["regions"]),
                    "scope_areas": self.pick(self.scope_areas, item["scope_areas"]),
                },
                backdate={"created_at": joined_at},
            )

    # reporting: the tracker of the eighteenth session's decision
    def load_reporting(self) -> None:
        spec = data.DECISION
        sessions = load_sessions(upsert, today=self.today, next_week=getattr(self, "session_week", None))
        decision = upsert(
            CommitteeDecision,
            {"session": sessions[spec["session"]], "decided_on": date(*spec["decided_on"])},
            {key: spec[key] for key in ("agenda_item", "title", "text", "source_document")},
        )
        paragraphs = load_paragraphs(upsert, decision=decision)
        texts = ("title", "implementation", "examination", "decision_taken", "follow_up", "state")
        for item in data.MEASURES:
            measure = upsert(
                Measure,
                {"decision": decision, "paragraph": item["paragraph"], "number": item["number"]},
                {**{key: item[key] for key in texts}, **measure_values(item, paragraphs)},
            )
            orders: dict[str, int] = {}
            for document in item["documents"]:
                order = orders[document["role"]] = orders.get(document["role"], -1) + 1
                upsert(
                    DocumentReference,
                    {"measure": measure, "role": document["role"], "order": order},
                    reference_values(item, document, sessions),
                )
            for action in item.get("actions", []):
                upsert(
                    FollowUpAction,
                    {"measure": measure, "description_en": action["description"]["en"]},
                    {"description": action["description"], "owner": action["owner"]},
                )
        load_decision_parts(upsert, decision=decision, sessions=sessions)

    @staticmethod
    def pick(objects: dict, keys: list[str]) -> list:
        return [objects[key] for key in keys]


class Command(BaseCommand):
    # Console output for developers: plain English, kept out of the six catalogues.
    help = "Load the demonstration data (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        started = time.monotonic()
        with translation.override("en"), transaction.atomic():
            DemoLoader(timezone.localdate()).run()
        elapsed = time.monotonic() - started
        for label in DOMAIN_APPS:
            counts = ", ".join(
                f"{model._meta.object_name} {model._default_manager.count()}"
                for model in apps.get_app_config(label).get_models()
                if not model._meta.object_name.startswith("Historical")
            )
            self.stdout.write(f"{label}: {counts}")
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {elapsed:.1f} s."))
        self.stdout.write(
            f"Secretariat: http://127.0.0.1:8000/en/secretariat/  user {data.SECRETARIAT['username']}  "
            f"password {data.SECRETARIAT_PASSWORD}"
        )
        for item in data.SECRETARIAT_STAFF:
            self.stdout.write(
                f"Secretariat, {item['role']} ({item['language']}): user {item['username']}  "
                f"password {data.SECRETARIAT_PASSWORD}"
            )
        with translation.override("en"):
            names = dict(RegionalGroup.objects.values_list("code", "name_en"))
        for item in data.COORDINATORS:
            self.stdout.write(
                f"Coordinator ({names[item['group']]}, {item['language']}): user {item['username']}  "
                f"password {data.COORDINATOR_PASSWORD}"
            )
        for item in DELEGATES:
            self.stdout.write(
                f"Delegate of a member state ({item['state']}, {item['language']}): user {item['username']}  "
                f"password {data.COORDINATOR_PASSWORD}"
            )
