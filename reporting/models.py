"""The tracker of committee decisions and their follow-up.

Modelled on the annex of the Secretariat's report on the implementation of the member
states' decision on technical assistance: for each measure, the documents on its
implementation, where the committee examined it, what it decided, and the follow-up.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from portal.states import StateMachineMixin

DOCUMENT_SYMBOL_PATTERN = r"^[A-Z]{2,10}(/[A-Z0-9]{1,10})+( Prov\.| Rev\.| Corr\.)?$"
document_symbol_validator = RegexValidator(
    DOCUMENT_SYMBOL_PATTERN,
    _("Write a document symbol such as CDIP/21/4, CDIP/8/INF/1 or CDIP/23/17 Prov."),
    code="document_symbol",
)


class Session(models.Model):
    """A session of the committee: its number, its dates and where it met."""

    number = models.PositiveSmallIntegerField(_("session number"), unique=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("committee session")
        verbose_name_plural = _("committee sessions")
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1), name="session_number_positive"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return _("Session %(number)s") % {"number": self.number}

    @property
    def symbol(self) -> str:
        """The committee's name for the session (CDIP/21), which its documents' symbols start with."""
        return f"{settings.PORTAL_COMMITTEE_ACRONYM}/{self.number}"


class CommitteeDecision(models.Model):
    """A decision of the committee, taken at a session under an agenda item."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("session"))
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

    def __str__(self) -> str:
        return self.title


class DecisionItem(models.Model):
    """One sub-decision (i, ii, iii…) of a decision, as the committee worded it."""

    decision = models.ForeignKey(
        CommitteeDecision, on_delete=models.CASCADE, related_name="items", verbose_name=_("decision")
    )
    label = models.CharField(_("label"), max_length=10, help_text=_("As in the decision: i, ii, iii…"))
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["decision", "order", "pk"]
        verbose_name = _("sub-decision")
        verbose_name_plural = _("sub-decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "label"],
                name="decision_item_unique_label",
                violation_error_message=_("This decision already has a sub-decision with this label."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.label}) {self.text[:70]}"


class DecisionParagraph(models.Model):
    """A paragraph of the proposal the decision follows, with its text; its measures are followed one by one."""

    decision = models.ForeignKey(
        CommitteeDecision, on_delete=models.CASCADE, related_name="paragraphs", verbose_name=_("decision")
    )
    label = models.CharField(_("paragraph"), max_length=40, help_text=_("As in the proposal: 1, 2, 3.a…"))
    text = models.TextField(_("text of the paragraph"))

    class Meta:
        ordering = ["decision", "label"]
        verbose_name = _("paragraph of the proposal")
        verbose_name_plural = _("paragraphs of the proposal")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "label"],
                name="decision_paragraph_unique_label",
                violation_error_message=_("This decision already has a paragraph with this number."),
            )
        ]

    def __str__(self) -> str:
        return _("Paragraph %(paragraph)s") % {"paragraph": self.label}


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
    # The paragraph's label stays on the measure (the annex, the order and the history read it);
    # ``decision_paragraph`` holds the paragraph's text and keeps the label in step when set.
    paragraph = models.CharField(_("paragraph of the decision"), max_length=40, blank=True)
    decision_paragraph = models.ForeignKey(
        DecisionParagraph,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("paragraph of the proposal"),
    )
    number = models.PositiveSmallIntegerField(_("measure number"))
    title = models.CharField(_("title"), max_length=255)
    implementation = models.TextField(_("implementation"), blank=True)
    examination = models.TextField(_("examination by the committee"), blank=True)
    decision_taken = models.TextField(_("decision taken"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PROPOSED)
    state_since = models.DateField(
        _("in this state since"),
        null=True,
        blank=True,
        help_text=_("The day the state took effect, as the Secretariat records it (not the day it was typed in)."),
    )
    has_webinar_programme = models.BooleanField(
        _("produced the webinar programme"),
        default=False,
        help_text=_("The measure created the webinar programme: its pages link the programme, its plans and reports."),
    )
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

    def save(self, *args, **kwargs):
        if self.decision_paragraph_id:
            self.paragraph = self.decision_paragraph.label
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """A state takes effect on or after the decision that called for the measure, and a measure's
        paragraph is a paragraph of its own decision."""
        super().clean()
        decision = self.decision if self.decision_id else None
        if decision and self.state_since and self.state_since < decision.decided_on:
            raise ValidationError({"state_since": state_before_decision_message(decision)})
        if decision and self.decision_paragraph_id and self.decision_paragraph.decision_id != decision.pk:
            raise ValidationError({"decision_paragraph": _("This paragraph belongs to another decision.")})


def state_before_decision_message(decision: CommitteeDecision) -> str:
    return _("A state cannot take effect before the decision that called for the measure (%(date)s).") % {
        "date": formats.date_format(decision.decided_on, "DATE_FORMAT")
    }


class MeasureEvent(models.Model):
    """What happened to a measure at a session: implemented, examined, decided, or followed up.

    A measure may be implemented, examined and decided at several sessions (the round table
    at the nineteenth session, its report at the twentieth), so each step is a row with its
    session, its text and its references; the report body and the annex read them in order.
    """

    class Kind(models.TextChoices):
        IMPLEMENTED = "implemented", _("Implementation")
        EXAMINED = "examined", _("Examination by the committee")
        DECIDED = "decided", _("Decision (Chair's summary)")
        FOLLOWED_UP = "followed_up", _("Follow-up")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="events", verbose_name=_("measure"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measure_events",
        verbose_name=_("session"),
        help_text=_("The session at which it happened; follow-up may have none."),
    )
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["measure", "order", "pk"]
        verbose_name = _("measure event")
        verbose_name_plural = _("measure events")

    def __str__(self) -> str:
        session = f" ({self.session.symbol})" if self.session_id else ""
        return f"{self.get_kind_display()}{session}"

    def clean(self) -> None:
        """Implementation, examination and decision happen at a session; none before the decision."""
        super().clean()
        if self.kind != self.Kind.FOLLOWED_UP and not self.session_id:
            raise ValidationError({"session": _("Name the session at which this happened.")})
        if self.measure_id and self.occurred_on and self.occurred_on < self.measure.decision.decided_on:
            raise ValidationError({"occurred_on": _("This happened before the decision that called for the measure.")})


class DocumentReference(models.Model):
    """What a measure's implementation, examination or decision refers to, in one of four forms.

    A committee document has a symbol (CDIP/21/4); the Chair's summary of a session is named by
    its session (paragraph 8.1 of the Summary by the Chair of CDIP/21); an event (a round table,
    a presentation) has a title, a date and a place; a web page a title and an address.
    """

    class Role(models.TextChoices):
        IMPLEMENTATION = "implementation", _("Implementation document")
        EXAMINATION = "examination", _("Examination (session report)")
        DECISION = "decision", _("Decision (chair's summary)")

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document with a symbol")
        CHAIR_SUMMARY = "chair_summary", _("Chair's summary of a session")
        EVENT = "event", _("Event")
        WEB_PAGE = "web_page", _("Web page")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="documents", verbose_name=_("measure"))
    event = models.ForeignKey(
        MeasureEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="references",
        verbose_name=_("measure event"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    kind = models.CharField(_("kind of reference"), max_length=16, choices=Kind.choices, default=Kind.DOCUMENT)
    symbol = models.CharField(_("document symbol"), max_length=40, blank=True, validators=[document_symbol_validator])
    title = models.CharField(_("title"), max_length=300, blank=True)
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="references",
        verbose_name=_("session"),
        help_text=_("For a Chair's summary: the session it closed."),
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    paragraphs = models.CharField(_("paragraphs"), max_length=60, blank=True)
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["measure", "role", "order"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self) -> str:
        if self.kind == self.Kind.CHAIR_SUMMARY and self.session_id:
            return _("Summary by the Chair, %(session)s") % {"session": self.session.symbol}
        return f"{self.symbol} {self.title}".strip()

    def clean(self) -> None:
        """Each kind of reference needs what names it; a reference with neither symbol nor title names nothing."""
        super().clean()
        kinds = self.Kind
        if self.kind == kinds.CHAIR_SUMMARY:
            if not self.session_id:
                raise ValidationError({"session": _("Name the session whose Chair's summary this is.")})
        elif not self.symbol and not self.title:
            raise ValidationError(_("A reference needs a document symbol or a title."), code="reference_unnamed")
        if self.kind == kinds.DOCUMENT and not self.symbol:
            raise ValidationError({"symbol": _("A document is named by its symbol, such as CDIP/21/4.")})
        if self.kind == kinds.EVENT and not self.held_on:
            raise ValidationError({"held_on": _("Give the date the event was held.")})
        if self.kind == kinds.WEB_PAGE and not self.url:
            raise ValidationError({"url": _("Give the address of the web page.")})
        if self.event_id and self.measure_id and self.event.measure_id != self.measure_id:
            raise ValidationError({"event": _("This event belongs to another measure.")})


class FollowUpAction(models.Model):
    """Something to do about a measure, by someone, by a date."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="actions", verbose_name=_("measure"))
    description = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    due_at_session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="due_actions",
        verbose_name=_("due at the session"),
        help_text=_("What the committee expects at a session (an evaluation, a report)."),
    )
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


class CommitteeReport(StateMachineMixin, models.Model):
    """The Secretariat's yearly report to the committee on the webinars held: a committee document.

    The strategy: the Secretariat reports every year to the committee on the webinars held.
    The document has a symbol and a session, the Secretariat's own texts (translated, rich
    text kept to headings, paragraphs, lists, links and emphasis) and the parts generated
    from the data. The generated parts follow the data while the report is a draft; a final
    report is frozen with its data (``frozen_data``: the document in every language, and the
    files in its original language), so what went to the committee can be read again as it was.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")
        SUBMITTED = "submitted", _("Submitted to the committee")

    TRANSITIONS = {
        State.DRAFT: frozenset({State.FINAL}),
        State.FINAL: frozenset({State.SUBMITTED}),
        State.SUBMITTED: frozenset(),
    }
    # The Secretariat's texts, in the order the document gives them.
    TEXT_FIELDS = (
        "title",
        "introduction",
        "consultation_remarks",
        "balance_remarks",
        "feedback_changes",
        "next_year_remarks",
        "closing_paragraph",
    )
    RICH_TEXT_FIELDS = TEXT_FIELDS[1:]

    year = models.PositiveSmallIntegerField(_("year reported on"), unique=True)
    symbol = models.CharField(_("document symbol"), max_length=40, validators=[document_symbol_validator])
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="annual_reports", verbose_name=_("session")
    )
    dated_on = models.DateField(_("date of the document"))
    original_language = models.CharField(
        _("original language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    consultation_remarks = models.TextField(_("remarks on the consultation"), blank=True)
    balance_remarks = models.TextField(_("remarks on the balance"), blank=True)
    feedback_changes = models.TextField(_("what last year's feedback changed"), blank=True)
    next_year_remarks = models.TextField(_("remarks on next year's plan"), blank=True)
    closing_paragraph = models.TextField(
        _("closing paragraph"),
        blank=True,
        help_text=_(
            "Leave empty for: “The Committee is invited to take note of the information contained in this document.”"
        ),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    frozen_data = models.JSONField(_("data frozen at finalisation"), null=True, blank=True, editable=False)
    frozen_docx = models.FileField(_("DOCX frozen at finalisation"), upload_to="committee-reports/", blank=True)
    frozen_pdf = models.FileField(_("PDF frozen at finalisation"), upload_to="committee-reports/", blank=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual report to the committee")
        verbose_name_plural = _("annual reports to the committee")
        permissions = [
            ("finalise_committeereport", _("Finalise an annual report to the committee (freeze it with its data)")),
            ("submit_committeereport", _("Record an annual report as submitted to the committee")),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} ({self.year})"

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT


class WebinarAccount(models.Model):
    """The report's short account of one webinar held: pre-filled from its summary, edited by staff."""

    report = models.ForeignKey(
        CommitteeReport, on_delete=models.CASCADE, related_name="accounts", verbose_name=_("report")
    )
    webinar = models.ForeignKey(
        "webinars.Webinar", on_delete=models.PROTECT, related_name="report_accounts", verbose_name=_("webinar")
    )
    text = models.TextField(_("account of the webinar"), blank=True)

    class Meta:
        ordering = ["report", "webinar__starts_at", "webinar"]
        verbose_name = _("account of a webinar")
        verbose_name_plural = _("accounts of webinars")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "webinar"],
                name="webinar_account_once_per_report",
                violation_error_message=_("This report already has an account of this webinar."),
            )
        ]

    def __str__(self) -> str:
        return str(self.webinar)
