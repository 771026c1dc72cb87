"""The tracker of committee decisions and their follow-up.

Modelled on the annex of the Secretariat's report on the implementation of the member
states' decision on technical assistance: for each measure, the documents on its
implementation, where the committee examined it, what it decided, and the follow-up.
"""

from django.core.validators import RegexValidator
from django.db import models
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
