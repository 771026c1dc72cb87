"""The tracker of committee decisions and their follow-up.

Modelled on the annex of the Secretariat's report on the implementation of the member
states' decision on technical assistance: for each measure, the documents on its
implementation, where the committee examined it, what it decided, and the follow-up.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.states import StateMachineMixin

DOCUMENT_SYMBOL_PATTERN = r"^[A-Z]{2,10}(/[A-Z0-9]{1,10})+( Prov\.| Rev\.| Corr\.)?$"
document_symbol_validator = RegexValidator(
    DOCUMENT_SYMBOL_PATTERN,
    _("Write a document symbol such as CDIP/21/4, CDIP/8/INF/1 or CDIP/23/17 Prov."),
    code="document_symbol",
)


class CommitteeDecision(models.Model):
    """A decision of the committee, taken at a session under an agenda item."""

    session = models.PositiveSmallIntegerField(_("session number"))
    agenda_item = models.CharField(_("agenda item"), max_length=100, blank=True)
    decided_on = models.DateField(_("decided on"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text of the decision"))
    source_document = models.CharField(
        _("source document"), max_length=40, blank=True, validators=[document_symbol_validator]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_on"]
        verbose_name = _("committee decision")
        verbose_name_plural = _("committee decisions")
        constraints = [
            models.CheckConstraint(condition=models.Q(session__gte=1), name="decision_session_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class Measure(StateMachineMixin, models.Model):
    """One measure a decision calls for, followed until it is closed."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        UNDER_WAY = "under_way", _("Under way")
        IMPLEMENTED = "implemented", _("Implemented")
        CLOSED = "closed", _("Closed")

    TRANSITIONS = {
        State.PROPOSED: frozenset({State.UNDER_WAY, State.CLOSED}),
        State.UNDER_WAY: frozenset({State.IMPLEMENTED, State.CLOSED}),
        State.IMPLEMENTED: frozenset({State.UNDER_WAY, State.CLOSED}),
        State.CLOSED: frozenset({State.UNDER_WAY}),
    }

    decision = models.ForeignKey(
        CommitteeDecision, on_delete=models.PROTECT, related_name="measures", verbose_name=_("decision")
    )
    paragraph = models.CharField(_("paragraph of the decision"), max_length=40, blank=True)
    number = models.PositiveSmallIntegerField(_("measure number"))
    title = models.CharField(_("title"), max_length=255)
    implementation = models.TextField(_("implementation"), blank=True)
    examination = models.TextField(_("examination by the committee"), blank=True)
    decision_taken = models.TextField(_("decision taken"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PROPOSED)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["decision", "paragraph", "number"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "paragraph", "number"],
                name="measure_unique_number",
                violation_error_message=_("This paragraph already has a measure with this number."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class DocumentReference(models.Model):
    """A committee document that implements or examines a measure."""

    class Role(models.TextChoices):
        IMPLEMENTATION = "implementation", _("Implementation document")
        EXAMINATION = "examination", _("Examination (session report)")
        DECISION = "decision", _("Decision (chair's summary)")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="documents", verbose_name=_("measure"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    symbol = models.CharField(_("document symbol"), max_length=40, validators=[document_symbol_validator])
    title = models.CharField(_("title"), max_length=300, blank=True)
    paragraphs = models.CharField(_("paragraphs"), max_length=60, blank=True)
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["measure", "role", "order"]
        verbose_name = _("document reference")
        verbose_name_plural = _("document references")

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}".strip()


class FollowUpAction(models.Model):
    """Something to do about a measure, by someone, by a date."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="actions", verbose_name=_("measure"))
    description = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["measure", "due_on"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        """An action cannot have been done on a day still to come: a date ahead is a typing slip.

        A done date before the due date is fine (done early), and an action may have no
        due date at all (it is then never overdue).
        """
        super().clean()
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": _("An action cannot be done on a date still to come.")})


class ReportSnapshot(models.Model):
    """A report file as it was generated, with the data it was made from.

    The report is reproducible: the same data gives the same file, and a generated report is
    kept with the date and the data it was made from. ``data`` is the whole
    ReportDocument (every text and figure, in its language); ``data_digest`` its SHA-256, so two
    kept reports made from the same data are seen to be the same, and ``file`` can be checked by
    rendering ``data`` again (``reporting.services.document_from_data``).
    """

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual webinar report")
        ANNEX = "annex", _("Annex of the decision tracker")

    class Format(models.TextChoices):
        DOCX = "docx", "DOCX"
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    fmt = models.CharField(_("format"), max_length=4, choices=Format.choices)
    file = models.FileField(_("file"), upload_to="reports/")
    data = models.JSONField(_("data"))
    data_digest = models.CharField(_("data digest (SHA-256)"), max_length=64, db_index=True)
    generated_at = models.DateTimeField(_("generated at"), default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("generated by"),
    )

    class Meta:
        ordering = ["-generated_at"]
        verbose_name = _("kept report")
        verbose_name_plural = _("kept reports")
        permissions = [
            ("view_annual_report", _("Read and export the annual report")),
            ("keep_annual_report", _("Keep an annual report with its data")),
            ("view_dashboard", _("See the Secretariat's dashboard")),
        ]

    def __str__(self) -> str:
        years = f" {self.first_year}-{self.last_year}" if self.first_year else ""
        return f"{self.get_kind_display()}{years} ({self.language}, {self.fmt})"
