"""The catalogue the public sees: topics, series, webinars and the experts who give them."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.states import StateMachineMixin
from webinars.models.reference import Language, Region, ScopeArea
from webinars.periods import period_text


class Topic(models.Model):
    """A subject a webinar can treat, with its objectives and target audience."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    target_audience = models.TextField(_("target audience"), blank=True)
    scope_area = models.ForeignKey(
        ScopeArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name=_("scope area"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title


class SeriesQuerySet(models.QuerySet):
    def public(self):
        """Series with at least one part visitors see (a series still entirely planned is not)."""
        return self.filter(models.Exists(Webinar.objects.public().filter(series=models.OuterRef("pk"))))


class Series(models.Model):
    """A graded sequence of webinars: each part builds on the one before.

    The strategy: "each webinar completes the information given in the previous ones
    and deepens the discussion". Parts are numbered 1, 2, 3... without gaps.
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="series", verbose_name=_("topic")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.title

    def highest_part(self) -> int:
        """The highest part number the series holds: held, scheduled or planned (0 for none)."""
        return self.parts.aggregate(top=models.Max("series_position"))["top"] or 0

    def check_order(self) -> None:
        """Refuse a series whose parts are not numbered 1..n (the gradation has no holes)."""
        check_part_positions(list(self.parts.values_list("series_position", flat=True)))


def check_part_positions(positions: list[int]) -> None:
    """Parts of a graded series are numbered 1, 2, ..., n with no gap and no repeat."""
    ordered = sorted(positions)
    expected = list(range(1, len(ordered) + 1))
    if ordered != expected:
        raise ValidationError(
            _("The parts of a series must be numbered 1 to %(count)s without gaps or repeats; got %(got)s.")
            % {"count": len(ordered), "got": ", ".join(str(p) for p in ordered) or "-"},
            code="series_gaps",
        )


class Expert(models.Model):
    """An expert of the roster: staff of the organisation or external.

    Only the name, title and biography are ever public; e-mail, gender and nationality
    serve the Secretariat's balance figures (member states asked for gender parity and
    geographic balance).
    """

    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff")
        EXTERNAL = "external", _("External expert")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNDISCLOSED = "undisclosed", _("Not disclosed")

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or position"), max_length=255, blank=True)
    biography = models.TextField(_("short biography"), blank=True)
    email = models.EmailField(_("e-mail"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EXTERNAL)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED)
    nationality = models.CharField(
        _("nationality"), max_length=2, blank=True, help_text=_("Two-letter country code (ISO 3166-1).")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="experts", verbose_name=_("region")
    )
    languages = models.ManyToManyField(Language, blank=True, related_name="experts", verbose_name=_("languages"))
    scope_areas = models.ManyToManyField(
        ScopeArea, blank=True, related_name="experts", verbose_name=_("areas of expertise")
    )
    expertise = models.TextField(_("expertise"), blank=True)
    is_active = models.BooleanField(_("on the roster"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nationality="") | models.Q(nationality__regex=r"^[A-Z]{2}$"),
                name="expert_nationality_iso2",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.nationality:
            self.nationality = self.nationality.upper()
            if len(self.nationality) != 2 or not self.nationality.isalpha():
                raise ValidationError({"nationality": _("Give a two-letter country code such as KE or BR.")})


PLANNED_PERIOD_VALIDATOR = RegexValidator(
    r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$",
    _("Give a month as 2027-03 or a quarter as 2027-Q2."),
)


class WebinarQuerySet(models.QuerySet):
    def public(self):
        """What visitors may see: everything but a webinar still being planned internally."""
        return self.exclude(status=Webinar.Status.PLANNED)

    def held(self):
        return self.filter(status=Webinar.Status.HELD)

    def scheduled(self):
        return self.filter(status=Webinar.Status.SCHEDULED)


class Webinar(StateMachineMixin, models.Model):
    """One webinar: planned, to be scheduled, scheduled with a date, postponed, held, or cancelled.

    Publishing the annual plan makes each entry a webinar "to be scheduled": public, with
    the month or quarter the plan gave it, no date and no registration yet; the
    Secretariat then picks the date on the scheduling screen.

    A postponed webinar was scheduled and lost its date: its page stays public, its
    registrations and waiting list are kept, and it is scheduled again (or cancelled)
    once a new date is found. Every move goes through the scheduling service of the
    delivery app, which tells the people concerned.

    Format, from the strategy: "a talk by an expert followed by questions and answers";
    failing that, "the talk may be pre-recorded and broadcast, followed by a live Q&A".
    """

    class Format(models.TextChoices):
        LIVE = "live", _("Live talk with questions and answers")
        PRERECORDED = "prerecorded", _("Pre-recorded talk with live questions and answers")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        TO_BE_SCHEDULED = "to_be_scheduled", _("To be scheduled")
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    # A scheduled webinar that loses its date is postponed (people are told), never put
    # back into internal planning; a cancellation is final: a cancelled topic comes back
    # as a new webinar.
    TRANSITIONS = {
        Status.PLANNED: frozenset({Status.TO_BE_SCHEDULED, Status.SCHEDULED, Status.CANCELLED}),
        Status.TO_BE_SCHEDULED: frozenset({Status.SCHEDULED, Status.CANCELLED}),
        Status.SCHEDULED: frozenset({Status.POSTPONED, Status.HELD, Status.CANCELLED}),
        Status.POSTPONED: frozenset({Status.SCHEDULED, Status.CANCELLED}),
        Status.HELD: frozenset(),
        Status.CANCELLED: frozenset(),
    }
    state_field = "status"
    MAX_DURATION_MINUTES = 480

    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    target_audience = models.TextField(_("target audience"), blank=True)
    summary = models.TextField(_("summary after the webinar"), blank=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="webinars", verbose_name=_("topic"))
    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, null=True, blank=True, related_name="parts", verbose_name=_("series")
    )
    series_position = models.PositiveSmallIntegerField(_("part number in the series"), null=True, blank=True)
    regions = models.ManyToManyField(Region, related_name="webinars", verbose_name=_("target regions"))
    languages = models.ManyToManyField(Language, related_name="webinars", verbose_name=_("languages"))
    experts = models.ManyToManyField(Expert, blank=True, related_name="webinars", verbose_name=_("experts"))
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True, db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MINUTES)],
    )
    format = models.CharField(_("format"), max_length=12, choices=Format.choices, default=Format.LIVE)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    planned_period = models.CharField(
        _("planned period"),
        max_length=7,
        blank=True,
        validators=[PLANNED_PERIOD_VALIDATOR],
        help_text=_("While the date is to be announced: a month (2027-03) or a quarter (2027-Q2)."),
    )
    calendar_sequence = models.PositiveIntegerField(
        _("calendar version"),
        default=0,
        editable=False,
        help_text=_("Goes up with every change of date or status, so that people's calendars follow."),
    )
    marked_held_at = models.DateTimeField(_("marked held at"), null=True, blank=True, editable=False)
    # The conflicts of its date that someone holding webinars.schedule_despite_conflicts accepted,
    # and why: kept with the webinar until it gets a date without conflicts.
    date_conflicts_accepted = models.JSONField(
        _("conflicts of its date accepted"), default=list, blank=True, editable=False
    )
    date_conflicts_reason = models.TextField(
        _("why the date was kept despite its conflicts"), blank=True, editable=False
    )
    date_conflicts_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("conflicts accepted by"),
    )
    date_conflicts_accepted_at = models.DateTimeField(_("conflicts accepted at"), null=True, blank=True, editable=False)
    join_url = models.URLField(_("join link"), blank=True, help_text=_("Sent to registered participants only."))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Places; empty for no limit. Later registrations wait.")
    )
    registration_count = models.PositiveIntegerField(pgettext_lazy("how many", "registrations"), default=0)
    attendance_count = models.PositiveIntegerField(_("attendance"), default=0)
    has_no_open_questions = models.BooleanField(
        _("no questions left open"),
        default=False,
        help_text=_("Every question was answered during the webinar: there are no answers to publish."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WebinarQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "title"]
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")
        permissions = [
            ("schedule_webinar", _("Schedule, postpone, cancel or mark webinars held")),
            ("record_followup", _("Record the follow-up of held webinars: materials, summary, answers")),
            ("send_survey", _("Send the feedback survey of a webinar")),
            ("schedule_despite_conflicts", _("Schedule a webinar on a date with conflicts, giving the reason")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1) & models.Q(duration_minutes__lte=480),
                name="webinar_duration_positive",
                violation_error_message=_("A webinar must end after it starts and last at most eight hours."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["planned", "to_be_scheduled", "postponed", "cancelled"])
                | models.Q(starts_at__isnull=False),
                name="webinar_dated_when_scheduled",
                violation_error_message=_("A scheduled or held webinar needs a start date and time."),
            ),
            models.CheckConstraint(
                condition=(models.Q(series__isnull=True) & models.Q(series_position__isnull=True))
                | (models.Q(series__isnull=False) & models.Q(series_position__gte=1)),
                name="webinar_series_position_with_series",
                violation_error_message=_("A part of a series needs a part number from 1; a lone webinar has none."),
            ),
            models.UniqueConstraint(
                fields=["series", "series_position"],
                name="webinar_unique_series_position",
                violation_error_message=_("This series already has a part with this number."),
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="webinar_status_start_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """Visitors see it (``Webinar.objects.public()``): everything but internal planning."""
        return self.status != self.Status.PLANNED

    @property
    def is_postponed(self) -> bool:
        """Its date was withdrawn; a new one is to be announced."""
        return self.status == self.Status.POSTPONED

    @property
    def is_to_be_scheduled(self) -> bool:
        """Published from the plan, public, its date still to be announced."""
        return self.status == self.Status.TO_BE_SCHEDULED

    @property
    def planned_period_text(self) -> str:
        """The planned period in the active language ("March 2027"), or "" without one."""
        return period_text(self.planned_period)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_on_calendar(self) -> bool:
        """A date people can put in their calendar: scheduled, with its date."""
        return self.status == self.Status.SCHEDULED and self.starts_at is not None

    @property
    def ends_at(self):
        if self.starts_at is None:
            return None
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def year(self) -> int | None:
        return self.starts_at.year if self.starts_at else None

    def clean(self) -> None:
        errors = {}
        if self.duration_minutes is not None and self.duration_minutes < 1:
            errors["duration_minutes"] = _("A webinar must end after it starts: give a duration of at least a minute.")
        if self.status in (self.Status.SCHEDULED, self.Status.HELD) and self.starts_at is None:
            errors["starts_at"] = _("A scheduled or held webinar needs a start date and time.")
        has_series = self.series_id is not None or getattr(self, "series", None) is not None
        if has_series and not self.series_position:
            errors["series_position"] = _("Give the part number of this webinar in its series.")
        if self.series_position and not has_series:
            errors["series"] = _("A part number only makes sense within a series: choose the series.")
        if errors:
            raise ValidationError(errors)

    def previous_part(self):
        if not self.series_id or not self.series_position or self.series_position <= 1:
            return None
        return Webinar.objects.filter(series_id=self.series_id, series_position=self.series_position - 1).first()

    def next_part(self):
        if not self.series_id or not self.series_position:
            return None
        return Webinar.objects.filter(series_id=self.series_id, series_position=self.series_position + 1).first()
