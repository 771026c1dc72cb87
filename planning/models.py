"""The annual plan: which webinars next year holds, for which regions and languages.

The strategy's rules: normally no more than six webinars a year (capacity, a setting),
limited by staff and money; if demand exceeds capacity, topics inside the scope come
first, while every region still gets at least one webinar; synergies between similar
or complementary proposals are merged into one entry.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.states import StateMachineMixin
from proposals.models import ConsultationCycle, Proposal, ProposalPart
from webinars.models import Expert, Language, Region, Topic, Webinar


def default_capacity() -> int:
    return settings.PORTAL_DEFAULT_PLAN_CAPACITY


MONEY = [MinValueValidator(0)]


class AnnualPlan(StateMachineMixin, models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    TRANSITIONS = {
        State.DRAFT: frozenset({State.PUBLISHED}),
        State.PUBLISHED: frozenset({State.ARCHIVED}),
        State.ARCHIVED: frozenset(),
    }

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    cycle = models.OneToOneField(
        ConsultationCycle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan",
        verbose_name=_("consultation cycle"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity (webinars a year)"),
        default=default_capacity,
        validators=[MinValueValidator(1)],
        help_text=_("The strategy: in principle no more than six a year."),
    )
    budget = models.DecimalField(
        _("budget"), max_digits=12, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    cost_per_webinar = models.DecimalField(
        _("cost per webinar"), max_digits=10, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    interpretation_cost_per_language = models.DecimalField(
        _("interpretation per language"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
        help_text=_("What interpreting a webinar into one more language costs, beyond its first language."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    notes = models.TextField(_("notes"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    solver_report = models.JSONField(
        _("last solver run"),
        default=dict,
        blank=True,
        help_text=_("Status, reasons for every candidate and the rules that could not all hold."),
    )
    solved_at = models.DateTimeField(_("solved at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The groups' comments on the draft (planning.consultation): shared until a date, then closed.
    shared_at = models.DateTimeField(_("shared with the groups at"), null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shared by"),
    )
    comments_until = models.DateField(
        _("groups comment until"), null=True, blank=True, help_text=_("The last day on which the groups comment.")
    )
    share_message = models.TextField(_("message to the groups"), blank=True)
    shared_version = models.CharField(
        _("draft shared"), max_length=64, blank=True, help_text=_("A digest of the entries as last shared.")
    )
    comments_reminded_at = models.DateTimeField(_("groups reminded at"), null=True, blank=True)
    comments_closed_at = models.DateTimeField(_("comment period closed at"), null=True, blank=True)
    groups_consulted = models.BooleanField(_("the groups were consulted"), default=False)
    consultation_skipped_reason = models.TextField(_("why the groups were not consulted"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        permissions = [
            ("run_solver", _("Run the plan solver on a draft plan")),
            ("publish_annualplan", _("Publish an annual plan to the groups and the public")),
            ("share_annualplan", _("Share a draft plan with the groups for their comments")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1),
                name="plan_capacity_at_least_one",
                violation_error_message=_("A plan holds at least one webinar."),
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0) & models.Q(cost_per_webinar__gte=0),
                name="plan_money_not_negative",
                violation_error_message=_("Budget and cost cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~models.Q(state="published") | models.Q(published_at__isnull=False),
                name="plan_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return _("Plan %(year)s") % {"year": self.year}

    def clean(self) -> None:
        if self.capacity is not None and self.capacity < 1:
            raise ValidationError({"capacity": _("A plan holds at least one webinar.")})
        if self.cycle_id and self.cycle.target_year != self.year:
            raise ValidationError({"cycle": _("The consultation prepared another year.")})

    def comments_close_at(self) -> datetime | None:
        """The groups comment through the whole of their last day, Geneva time."""
        if self.comments_until is None:
            return None
        next_day = self.comments_until + timedelta(days=1)
        return datetime.combine(next_day, time.min, tzinfo=timezone.get_default_timezone())

    def is_open_for_comments(self, at: datetime | None = None) -> bool:
        """Shared with the groups, still a draft, and the last day for comments not over."""
        return (
            self.state == self.State.DRAFT
            and self.shared_at is not None
            and self.comments_until is not None
            and (at or timezone.now()) < self.comments_close_at()
        )


class PlanEntry(models.Model):
    """One webinar of the plan, born of one or several merged proposals."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="entries", verbose_name=_("plan"))
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=255)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="plan_entries", verbose_name=_("topic")
    )
    proposals = models.ManyToManyField(
        Proposal, blank=True, related_name="plan_entries", verbose_name=_("source proposals")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="plan_entries", verbose_name=_("main region")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="plan_entries_serving", verbose_name=_("regions served")
    )
    proposal_part = models.ForeignKey(
        ProposalPart,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_entries",
        verbose_name=_("part of a proposed series"),
    )
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    reasons = models.JSONField(_("solver's reasons"), default=list, blank=True)
    languages = models.ManyToManyField(Language, related_name="plan_entries", verbose_name=_("languages"))
    period = models.CharField(_("period"), max_length=4, choices=Proposal.Period.choices, default=Proposal.Period.ANY)
    expert = models.ForeignKey(
        Expert, on_delete=models.PROTECT, null=True, blank=True, related_name="plan_entries", verbose_name=_("expert")
    )
    rationale = models.TextField(_("why it is in the plan"), blank=True)
    estimated_expert_fee = models.DecimalField(
        _("estimated expert's fee"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    estimated_interpretation = models.DecimalField(
        _("estimated interpretation"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    estimated_platform = models.DecimalField(
        _("estimated platform"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    webinar = models.OneToOneField(
        Webinar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_entry",
        verbose_name=_("scheduled webinar"),
    )

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("plan entry")
        verbose_name_plural = _("plan entries")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="plan_entry_unique_position",
                violation_error_message=_("Two entries of a plan cannot share a position."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProposalMerge(models.Model):
    """Several groups' proposals answered by one webinar: the lead carries them all.

    The other proposals are "merged into" the lead; their groups see which one. Every
    source is kept, so the plan entry born of the lead lists them all.
    """

    cycle = models.ForeignKey(
        ConsultationCycle, on_delete=models.CASCADE, related_name="merges", verbose_name=_("cycle")
    )
    lead = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="merge_led", verbose_name=_("lead proposal")
    )
    members = models.ManyToManyField(Proposal, related_name="merged_into", verbose_name=_("merged proposals"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("merged by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["cycle", "pk"]
        verbose_name = _("merger of proposals")
        verbose_name_plural = _("mergers of proposals")

    def __str__(self) -> str:
        return str(self.lead)


class SynergySuggestion(models.Model):
    """Proposals of different groups on similar or complementary subjects, found by the finder.

    The Secretariat accepts (merges them) or dismisses each; a dismissed suggestion is
    not suggested again when the finder runs anew.
    """

    class Kind(models.TextChoices):
        SIMILAR = "similar", _("Similar")
        COMPLEMENTARY = "complementary", _("Complementary")

    class State(models.TextChoices):
        PENDING = "pending", _("To decide")
        ACCEPTED = "accepted", _("Accepted: merged")
        DISMISSED = "dismissed", _("Dismissed")

    cycle = models.ForeignKey(
        ConsultationCycle, on_delete=models.CASCADE, related_name="synergy_suggestions", verbose_name=_("cycle")
    )
    proposals = models.ManyToManyField(Proposal, related_name="synergy_suggestions", verbose_name=_("proposals"))
    signature = models.CharField(_("signature"), max_length=255, help_text=_("The proposals' ids, sorted."))
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    score = models.FloatField(_("score"))
    matched = models.JSONField(_("what matched"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    merge = models.ForeignKey(
        ProposalMerge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("merger"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["cycle", "state", "-score", "pk"]
        verbose_name = _("synergy suggestion")
        verbose_name_plural = _("synergy suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "signature"],
                name="synergy_suggestion_once_per_cycle",
                violation_error_message=_("These proposals were already suggested together."),
            )
        ]

    def __str__(self) -> str:
        return _("Synergy %(signature)s (%(score).2f)") % {"signature": self.signature, "score": self.score}


class PlanComment(models.Model):
    """A regional group's comment on a draft plan shared with the groups, on the whole or on one entry.

    The strategy settles the programme "en concertation" with the groups: the draft is shared
    until a date, each group's coordinators write and edit the group's comments until then,
    and the Secretariat reads them beside the plan. A comment outlives its entry (the solver
    replaces entries): it keeps the title of the entry it was written on.
    """

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("plan"))
    group = models.ForeignKey(
        "webinars.RegionalGroup", on_delete=models.PROTECT, related_name="plan_comments", verbose_name=_("group")
    )
    entry = models.ForeignKey(
        PlanEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("entry"),
        help_text=_("Empty: a comment on the plan as a whole."),
    )
    entry_title = models.CharField(_("title of the entry"), max_length=255, blank=True)
    text = models.TextField(_("comment"))
    written_in = models.CharField(_("written in"), max_length=10, choices=settings.LANGUAGES, default="en")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["plan", "group", "created_at", "pk"]
        verbose_name = _("group's comment on a draft plan")
        verbose_name_plural = _("groups' comments on draft plans")

    def __str__(self) -> str:
        return _("%(group)s on %(plan)s") % {"group": self.group, "plan": self.plan}
