"""The yearly consultation: cycles, the candidate topics offered, coordinators, proposals.

The strategy's hybrid process: in the second half of each year the Secretariat sends
the group coordinators a list of candidate topics; each coordinator (i) says whether
the group wants a webinar on one of them and/or (ii) submits the group's own
proposal(s), a single webinar or a graded series, stating objectives, target
audience(s), topics and desired languages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from portal.permissions import has_permission
from portal.states import StateMachineMixin
from webinars.models import Language, MemberState, Region, RegionalGroup, ScopeArea, Series, Topic, Webinar
from webinars.models.catalogue import check_part_positions


class ConsultationCycleQuerySet(models.QuerySet):
    def open_now(self):
        now = timezone.now()
        return self.filter(state=ConsultationCycle.State.OPEN, opens_at__lte=now, deadline_at__gt=now)


class ConsultationCycle(StateMachineMixin, models.Model):
    """One year's consultation of the regional groups on next year's webinars."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        APPROVED = "approved", _("Approved, waiting to open")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed, under review")
        DECIDED = "decided", _("Plan published")

    TRANSITIONS = {
        State.DRAFT: frozenset({State.APPROVED}),
        State.APPROVED: frozenset({State.DRAFT, State.OPEN}),
        State.OPEN: frozenset({State.CLOSED}),
        State.CLOSED: frozenset({State.DECIDED}),
        State.DECIDED: frozenset(),
    }

    target_year = models.PositiveSmallIntegerField(
        _("year of the webinars"), unique=True, help_text=_("The year whose webinars this consultation prepares.")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    introduction = models.TextField(_("message to the coordinators"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    deadline_at = models.DateTimeField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ConsultationCycleQuerySet.as_manager()

    class Meta:
        ordering = ["-target_year"]
        verbose_name = _("consultation cycle")
        verbose_name_plural = _("consultation cycles")
        permissions = [
            ("approve_consultationcycle", _("Approve a consultation so that it opens to the groups")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline_at__gt=models.F("opens_at")),
                name="cycle_deadline_after_opening",
                violation_error_message=_("The deadline must come after the opening date."),
            ),
            models.CheckConstraint(
                condition=models.Q(target_year__gte=2000, target_year__lte=2100),
                name="cycle_target_year_sane",
                violation_error_message=_("Give a year between 2000 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return self.title or _("Consultation for %(year)s") % {"year": self.target_year}

    def clean(self) -> None:
        if self.opens_at and self.deadline_at and self.deadline_at <= self.opens_at:
            raise ValidationError({"deadline_at": _("The deadline must come after the opening date.")})
        if self.deadline_at and self.target_year and self.deadline_at.year > self.target_year:
            raise ValidationError({"deadline_at": _("The answers must be in before the year of the webinars begins.")})

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.state == self.State.OPEN and self.opens_at <= at < self.deadline_at


class CandidateTopic(models.Model):
    """A topic the Secretariat offers in a cycle, for groups to adopt."""

    class Source(models.TextChoices):
        SECRETARIAT = "secretariat", _("Proposed by the Secretariat")
        CARRIED_OVER = "carried_over", _("Retained earlier but not yet planned")
        FEEDBACK = "feedback", _("Suggested in feedback")

    cycle = models.ForeignKey(
        ConsultationCycle, on_delete=models.CASCADE, related_name="candidate_topics", verbose_name=_("cycle")
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="candidacies", verbose_name=_("topic"))
    source = models.CharField(_("source"), max_length=14, choices=Source.choices, default=Source.SECRETARIAT)
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # A part of a series left out for lack of capacity comes back as that part, not as a loose topic.
    continues_series = models.ForeignKey(
        Series,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidate_parts",
        verbose_name=_("part of the series"),
    )
    series_part = models.PositiveSmallIntegerField(_("part number in the series"), null=True, blank=True)

    class Meta:
        ordering = ["cycle", "order", "pk"]
        verbose_name = _("candidate topic")
        verbose_name_plural = _("candidate topics")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "topic"],
                name="candidate_topic_once_per_cycle",
                violation_error_message=_("This topic is already offered in this cycle."),
            )
        ]

    def __str__(self) -> str:
        return str(self.topic)


class Coordinator(models.Model):
    """A person who answers the consultation for one regional group (a group may have several)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator", verbose_name=_("user")
    )
    group = models.ForeignKey(
        RegionalGroup, on_delete=models.PROTECT, related_name="coordinators", verbose_name=_("regional group")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["group", "user__last_name"]
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.group})"


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A coordinator sees the group's own answers, drafts included; the Secretariat, by permission.

        Reading the groups' answers needs ``proposals.view_proposal``; an unsubmitted draft
        belongs to its group, and the Secretariat reads one only with
        ``proposals.view_draft_proposal``. Anyone else sees nothing.
        """
        if not user.is_authenticated:
            return self.none()
        coordinator = getattr(user, "coordinator", None)
        own_group = models.Q(group_id=coordinator.group_id) if coordinator and coordinator.is_active else None
        if has_permission(user, "proposals.view_proposal"):
            if has_permission(user, "proposals.view_draft_proposal"):
                return self
            submitted = ~models.Q(state=Proposal.State.DRAFT)
            return self.filter(submitted | own_group if own_group else submitted)
        return self.filter(own_group) if own_group else self.none()

    def under_consideration(self):
        """What the public list shows "as received": submitted, not drafts or withdrawn."""
        return self.filter(state__in=Proposal.PUBLIC_STATES)


class Proposal(StateMachineMixin, models.Model):
    """A group's answer: adopt a candidate topic, or propose its own webinar or series."""

    class Kind(models.TextChoices):
        ADOPTION = "adoption", _("Adopts a candidate topic")
        OWN = "own", _("Own proposal")

    class Shape(models.TextChoices):
        SINGLE = "single", _("A single webinar")
        SERIES = "series", _("A graded series")

    class Period(models.TextChoices):
        ANY = "any", _("Any time of the year")
        Q1 = "q1", _("January to March")
        Q2 = "q2", _("April to June")
        Q3 = "q3", _("July to September")
        Q4 = "q4", _("October to December")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        UNDER_REVIEW = "under_review", _("Under review")
        RETAINED = "retained", _("Retained in the plan")
        MERGED = "merged", _("Merged with another proposal")
        DECLINED = "declined", _("Not retained")

    TRANSITIONS = {
        State.DRAFT: frozenset({State.SUBMITTED, State.WITHDRAWN}),
        State.SUBMITTED: frozenset({State.DRAFT, State.WITHDRAWN, State.UNDER_REVIEW}),
        State.WITHDRAWN: frozenset({State.DRAFT}),
        State.UNDER_REVIEW: frozenset({State.RETAINED, State.MERGED, State.DECLINED}),
        State.RETAINED: frozenset({State.UNDER_REVIEW}),
        State.MERGED: frozenset({State.UNDER_REVIEW}),
        State.DECLINED: frozenset({State.UNDER_REVIEW}),
    }
    PUBLIC_STATES = (State.SUBMITTED, State.UNDER_REVIEW, State.RETAINED, State.MERGED, State.DECLINED)
    TEXT_LIMIT = 5000

    cycle = models.ForeignKey(
        ConsultationCycle, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("cycle")
    )
    group = models.ForeignKey(
        RegionalGroup, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("regional group")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OWN)
    candidate_topic = models.ForeignKey(
        CandidateTopic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("adopted candidate topic"),
    )
    shape = models.CharField(_("shape"), max_length=10, choices=Shape.choices, default=Shape.SINGLE)
    # A graded series goes on across years: a proposal may continue a public series, its
    # first part (its only one, for a single webinar) numbered right after the parts the
    # series holds (proposals.series states the rule).
    continues_series = models.ForeignKey(
        Series,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continuing_proposals",
        verbose_name=_("continues the series"),
    )
    series_first_part = models.PositiveSmallIntegerField(
        _("part number in the series"),
        null=True,
        blank=True,
        help_text=_("The number its first part takes in the series it continues."),
    )
    # Set at review: the subject is close to a webinar held or to another proposal, yet it is
    # another webinar (another region or language, say); the solver may then plan both.
    is_distinct_from_earlier = models.BooleanField(_("distinct from an earlier webinar"), default=False)
    distinct_reason = models.TextField(_("why it is not a repeat"), blank=True, max_length=TEXT_LIMIT)
    # What the proposal became: the webinars that planning's publication made of it (one per
    # part of a series). The next cycle reads it: a proposal that became a webinar never comes back.
    webinars = models.ManyToManyField(
        Webinar, blank=True, related_name="source_proposals", verbose_name=_("webinars it became")
    )
    title = models.CharField(_("title"), max_length=255)
    objectives = models.TextField(_("objectives"), blank=True, max_length=TEXT_LIMIT)
    target_audience = models.TextField(_("target audience(s)"), blank=True, max_length=TEXT_LIMIT)
    topics = models.TextField(_("topics to cover"), blank=True, max_length=TEXT_LIMIT)
    comment = models.TextField(_("comment to the Secretariat"), blank=True, max_length=TEXT_LIMIT)
    scope_area = models.ForeignKey(
        ScopeArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("scope area"),
    )
    regions = models.ManyToManyField(Region, blank=True, related_name="proposals", verbose_name=_("target regions"))
    languages = models.ManyToManyField(
        Language, blank=True, related_name="proposals", verbose_name=_("desired languages")
    )
    # The member states of the group that requested or support the answer (proposals.state_requests).
    member_states = models.ManyToManyField(
        MemberState, blank=True, related_name="proposals", verbose_name=_("member states requesting or supporting it")
    )
    written_in = models.CharField(_("written in"), max_length=10, choices=settings.LANGUAGES, default="en")
    preferred_period = models.CharField(_("preferred period"), max_length=4, choices=Period.choices, default=Period.ANY)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True)
    decision_reason = models.TextField(_("reason given to the group"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raised by every change the portal makes, so that two editors never overwrite each other."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-cycle__target_year", "group", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        permissions = [
            ("review_proposal", _("Review the groups' answers: under review, decline, merge")),
            ("view_draft_proposal", _("Read a group's unsubmitted drafts")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="adoption") & models.Q(candidate_topic__isnull=False))
                | (models.Q(kind="own") & models.Q(candidate_topic__isnull=True)),
                name="proposal_adoption_names_candidate",
                violation_error_message=_("Adopting names one candidate topic; an own proposal names none."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["draft", "withdrawn"]) | models.Q(submitted_at__isnull=False),
                name="proposal_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=(models.Q(continues_series__isnull=True) & models.Q(series_first_part__isnull=True))
                | (models.Q(continues_series__isnull=False) & models.Q(series_first_part__gte=2)),
                name="proposal_series_part_with_series",
                violation_error_message=_("A proposal continuing a series needs the number of its first part."),
            ),
            models.UniqueConstraint(
                fields=["group", "candidate_topic"],
                condition=models.Q(candidate_topic__isnull=False),
                name="proposal_adoption_once_per_group",
                violation_error_message=_("Your group has already adopted this candidate topic."),
            ),
        ]
        indexes = [models.Index(fields=["cycle", "state"], name="proposal_cycle_state_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.ADOPTION and not self.candidate_topic_id:
            errors["candidate_topic"] = _("Choose the candidate topic your group adopts.")
        if self.kind == self.Kind.OWN and self.candidate_topic_id:
            errors["candidate_topic"] = _("An own proposal does not adopt a candidate topic.")
        if self.candidate_topic_id and self.cycle_id and self.candidate_topic.cycle_id != self.cycle_id:
            errors["candidate_topic"] = _("This candidate topic belongs to another consultation.")
        if errors:
            raise ValidationError(errors)

    def completeness_errors(self) -> dict[str, str]:
        """What still stops this proposal from being submitted (field name to message).

        The strategy: proposals "should state the objectives of the webinar(s), the
        target audience(s), the topics proposed and the languages desired".
        """
        errors: dict[str, str] = {}
        if not self.title.strip():
            errors["title"] = _("Give the proposal a title.")
        if not self.objectives.strip():
            errors["objectives"] = _("State the objectives of the webinar or series.")
        if not self.target_audience.strip():
            errors["target_audience"] = _("Say who the webinar is for.")
        if not self.languages.exists():
            errors["languages"] = _("Choose at least one language.")
        if not self.regions.exists():
            errors["regions"] = _("Choose at least one target region.")
        parts = list(self.parts.values_list("position", "title"))
        if self.shape == self.Shape.SERIES:
            positions = [position for position, _title in parts]
            if len(positions) < 2:
                errors["parts"] = _("A series has at least two parts.")
            elif any(not title.strip() for _position, title in parts):
                errors["parts"] = _("Give every part of the series a title.")
            else:
                try:
                    check_part_positions(positions)
                except ValidationError as error:
                    errors["parts"] = error.messages[0]
        elif parts:
            errors["parts"] = _("A single webinar has no parts: remove them, or make the proposal a series.")
        return errors

    def series_part_numbers(self) -> list[int]:
        """The numbers its parts take in the series it continues (its own 1..n otherwise)."""
        positions = [part.position for part in self.parts.all()] if self.shape == self.Shape.SERIES else []
        positions = sorted(positions) or [1]
        offset = (self.series_first_part - 1) if self.continues_series_id and self.series_first_part else 0
        return [offset + position for position in positions]

    @property
    def series_place(self) -> str:
        """ "Part 3 of “…”" or "Parts 3 to 4 of “…”", in the active language; "" when it continues no series."""
        if not self.continues_series_id or not self.series_first_part:
            return ""
        numbers = self.series_part_numbers()
        title = self.continues_series.title
        if len(numbers) == 1:
            return _("Part %(part)s of “%(series)s”") % {"part": numbers[0], "series": title}
        return _("Parts %(first)s to %(last)s of “%(series)s”") % {
            "first": numbers[0],
            "last": numbers[-1],
            "series": title,
        }

    def is_editable(self, at=None) -> bool:
        """The group may change its answer until the deadline, unless it is in review."""
        return self.state in (self.State.DRAFT, self.State.SUBMITTED, self.State.WITHDRAWN) and self.cycle.is_open(at)


class ProposalPart(models.Model):
    """One part of a proposed graded series; part k builds on part k-1."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="parts", verbose_name=_("proposal"))
    position = models.PositiveSmallIntegerField(_("part number"))
    title = models.CharField(_("title"), max_length=255)
    objectives = models.TextField(_("objectives"), blank=True, max_length=Proposal.TEXT_LIMIT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["proposal", "position"]
        verbose_name = _("part of a proposed series")
        verbose_name_plural = _("parts of a proposed series")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "position"],
                name="proposal_part_unique_position",
                violation_error_message=_("Two parts cannot have the same number."),
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1),
                name="proposal_part_position_from_one",
                violation_error_message=_("Parts are numbered from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class DraftReading(models.Model):
    """A member of the Secretariat opened a group's unsubmitted draft: who, when, where.

    A draft belongs to its group until the group submits it. The Secretariat may read one
    only with a dedicated permission, and the group sees every such reading in the
    proposal's history. Readings are kept as written: nobody adds, changes or deletes them.
    """

    class Place(models.TextChoices):
        PAGE = "page", _("The proposal's page")
        HISTORY = "history", _("The proposal's history")
        LIST = "list", _("The list of the group's answers")
        ADMIN = "admin", _("The administration")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="draft_readings", verbose_name=_("proposal")
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("read by")
    )
    read_at = models.DateTimeField(_("read at"), default=timezone.now, db_index=True)
    place = models.CharField(_("where"), max_length=10, choices=Place.choices)

    class Meta:
        ordering = ["-read_at", "-pk"]
        default_permissions = ("view",)
        verbose_name = _("reading of a draft by the Secretariat")
        verbose_name_plural = _("readings of drafts by the Secretariat")

    def __str__(self) -> str:
        return _("%(reader)s read “%(proposal)s”") % {"reader": self.reader, "proposal": self.proposal}


class Delegate(models.Model):
    """A person who speaks for one member state (the strategy: "une région ou un État membre
    intéressé par le thème"); the state's regional group takes its requests into its answer or not."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegate", verbose_name=_("user")
    )
    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="delegates", verbose_name=_("member state")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["member_state", "user__last_name"]
        verbose_name = _("member state delegate")
        verbose_name_plural = _("member state delegates")

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.member_state})"


class StateRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A delegate sees its state's requests; a coordinator, those of the group's states; the
        Secretariat, every request with ``proposals.view_proposal``. Anyone else sees nothing."""
        if not user.is_authenticated:
            return self.none()
        if has_permission(user, "proposals.view_proposal"):
            return self
        seen = models.Q(pk__in=[])
        delegate = getattr(user, "delegate", None)
        if delegate is not None and delegate.is_active:
            seen |= models.Q(member_state_id=delegate.member_state_id)
        coordinator = getattr(user, "coordinator", None)
        if coordinator is not None and coordinator.is_active:
            seen |= models.Q(member_state__group_id=coordinator.group_id)
        return self.filter(seen)


class StateRequest(models.Model):
    """A member state's request to its group during a consultation: a topic of its own, or its
    interest in one of the Secretariat's candidate topics. The group's coordinator takes it into
    the group's answer (the state is then recorded on the proposal) or declines it with a reason;
    the decision is kept and the delegate sees it."""

    class Kind(models.TextChoices):
        TOPIC = "topic", _("A topic of the member state")
        INTEREST = "interest", _("Interest in a candidate topic")

    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("state of a member state's request", "Waiting for the group")
        TAKEN = "taken", pgettext_lazy("state of a member state's request", "Taken into the group's answer")
        DECLINED = "declined", pgettext_lazy("state of a member state's request", "Declined by the group")

    cycle = models.ForeignKey(
        ConsultationCycle, on_delete=models.PROTECT, related_name="state_requests", verbose_name=_("consultation")
    )
    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="requests", verbose_name=_("member state")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TOPIC)
    candidate_topic = models.ForeignKey(
        CandidateTopic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="state_requests",
        verbose_name=_("candidate topic"),
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    objectives = models.TextField(_("objectives"), blank=True, max_length=Proposal.TEXT_LIMIT)
    target_audience = models.TextField(_("target audience(s)"), blank=True, max_length=Proposal.TEXT_LIMIT)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="state_requests", verbose_name=_("desired languages")
    )
    text = models.TextField(_("message to the group"), blank=True, max_length=Proposal.TEXT_LIMIT)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="state_requests",
        verbose_name=_("taken into the answer"),
    )
    decline_reason = models.TextField(_("why the group declined"), blank=True, max_length=Proposal.TEXT_LIMIT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("brought by")
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = StateRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("member state's request")
        verbose_name_plural = _("member states' requests")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="interest") & models.Q(candidate_topic__isnull=False))
                | (models.Q(kind="topic") & models.Q(candidate_topic__isnull=True)),
                name="state_request_interest_names_a_candidate",
            ),
            models.CheckConstraint(
                condition=models.Q(state="pending") | models.Q(decided_at__isnull=False),
                name="state_request_decision_has_date",
            ),
            models.UniqueConstraint(
                fields=["member_state", "candidate_topic"],
                condition=models.Q(candidate_topic__isnull=False),
                name="state_request_interest_once_per_state",
                violation_error_message=_("Your state has already expressed its interest in this topic."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def subject(self) -> str:
        if self.kind == self.Kind.INTEREST and self.candidate_topic_id:
            return str(self.candidate_topic.topic.title)
        return self.title
