"""What follows a webinar: materials, answers to questions left open, feedback.

The strategy: "after the webinar, the video recording, the slides and a short summary
will be made available on the webinars' web page", where the Secretariat also publishes
"answers to questions left open for lack of time".
"""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from webinars.models.catalogue import Expert, Webinar
from webinars.models.reference import Language

SLIDE_EXTENSIONS = ["pdf", "pptx", "ppt", "odp"]


class Material(models.Model):
    """A recording or a slide deck of a held webinar: a link or an uploaded file."""

    class Kind(models.TextChoices):
        RECORDING = "recording", _("Recording")
        SLIDES = "slides", _("Slides")
        OTHER = "other", _("Other document")

    webinar = models.ForeignKey(Webinar, on_delete=models.PROTECT, related_name="materials", verbose_name=_("webinar"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to="materials/%Y/",
        blank=True,
        validators=[FileExtensionValidator(SLIDE_EXTENSIONS + ["mp4", "webm"])],
    )
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("language")
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["webinar", "kind", "title"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | ~models.Q(file=""),
                name="material_has_link_or_file",
                violation_error_message=_("Give a link or upload a file."),
            ),
            models.CheckConstraint(
                condition=models.Q(is_published=False) | models.Q(published_at__isnull=False),
                name="material_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.url and not self.file:
            raise ValidationError(_("Give a link or upload a file."))


class AnsweredQuestion(models.Model):
    """A question left open during a webinar, answered afterwards on its page."""

    webinar = models.ForeignKey(
        Webinar, on_delete=models.PROTECT, related_name="answered_questions", verbose_name=_("webinar")
    )
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["webinar", "order", "pk"]
        verbose_name = _("answered question")
        verbose_name_plural = _("answered questions")

    def __str__(self) -> str:
        return self.question[:80]


RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class SuggestionReview(models.TextChoices):
    PENDING = "pending", _("Not reviewed yet")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Not published")


class Feedback(models.Model):
    """What the expert or a participant thought of a webinar, and what to treat next.

    Topic suggestions feed the next cycle's list of candidate topics.
    """

    class Source(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        EXPERT = "expert", pgettext_lazy("who gave the feedback", "Expert")

    webinar = models.ForeignKey(Webinar, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("webinar"))
    source = models.CharField(_("from"), max_length=12, choices=Source.choices, default=Source.PARTICIPANT)
    expert = models.ForeignKey(
        Expert, on_delete=models.PROTECT, null=True, blank=True, related_name="feedback", verbose_name=_("expert")
    )
    overall_rating = models.PositiveSmallIntegerField(_("overall rating (1-5)"), validators=RATING_VALIDATORS)
    relevance_rating = models.PositiveSmallIntegerField(
        _("relevance (1-5)"), null=True, blank=True, validators=RATING_VALIDATORS
    )
    content_rating = models.PositiveSmallIntegerField(
        _("content (1-5)"), null=True, blank=True, validators=RATING_VALIDATORS
    )
    expert_rating = models.PositiveSmallIntegerField(
        _("expert (1-5)"), null=True, blank=True, validators=RATING_VALIDATORS
    )
    respondent = models.CharField(
        _("respondent"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("A keyed digest of the address the survey link went to; never the address itself."),
    )
    useful = models.TextField(_("what was useful"), blank=True)
    to_improve = models.TextField(_("what to improve"), blank=True)
    topic_suggestion = models.TextField(_("topic suggestion for future webinars"), blank=True)
    suggestion_review = models.CharField(
        _("topic suggestion on the public page"),
        max_length=10,
        choices=SuggestionReview.choices,
        default=SuggestionReview.PENDING,
        help_text=_("A suggested topic is shown on the webinar's public page once the Secretariat publishes it."),
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overall_rating__gte=1, overall_rating__lte=5),
                name="feedback_overall_rating_1_5",
                violation_error_message=_("Ratings go from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=models.Q(relevance_rating__isnull=True)
                | models.Q(relevance_rating__gte=1, relevance_rating__lte=5),
                name="feedback_relevance_rating_1_5",
                violation_error_message=_("Ratings go from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=models.Q(content_rating__isnull=True)
                | models.Q(content_rating__gte=1, content_rating__lte=5),
                name="feedback_content_rating_1_5",
                violation_error_message=_("Ratings go from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=models.Q(expert_rating__isnull=True) | models.Q(expert_rating__gte=1, expert_rating__lte=5),
                name="feedback_expert_rating_1_5",
                violation_error_message=_("Ratings go from 1 to 5."),
            ),
            models.UniqueConstraint(
                fields=["webinar", "respondent"],
                condition=~models.Q(respondent=""),
                name="feedback_one_answer_per_respondent",
                violation_error_message=_("This person has already answered the survey for this webinar."),
            ),
            models.CheckConstraint(
                condition=models.Q(source="participant") | models.Q(expert__isnull=False),
                name="feedback_expert_named",
                violation_error_message=_("Feedback from an expert names the expert."),
            ),
        ]
        indexes = [models.Index(fields=["webinar", "source"], name="feedback_webinar_source_idx")]

    def __str__(self) -> str:
        return f"{self.webinar} ({self.get_source_display()}, {self.overall_rating}/5)"
