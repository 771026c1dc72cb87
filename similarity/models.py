"""Stored vectors of texts, and the thesaurus the Secretariat edits.

A vector is computed once per version of a text (its digest) and kept beside the object it
belongs to, so that the review screens read vectors and never wait on the encoder. The
thesaurus explains a suggestion (the subjects two texts share); it does not decide it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TextVector(models.Model):
    """The encoder's vector of one object's text (a proposal, a candidate topic, a webinar, an expert)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=40)
    about = GenericForeignKey("content_type", "object_id")
    digest = models.CharField(
        _("text digest"), max_length=64, help_text=_("SHA-256 of the text the vector stands for.")
    )
    encoder = models.CharField(_("encoder"), max_length=60)
    vector = models.BinaryField(_("vector"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("text vector")
        verbose_name_plural = _("text vectors")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="textvector_one_per_object"),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"


class Concept(models.Model):
    """A subject of the programme (patents, the SDGs, South-South cooperation...), with its terms."""

    slug = models.SlugField(_("identifier"), max_length=60, unique=True, help_text=_("Stable: suggestions keep it."))
    label = models.CharField(_("label"), max_length=120)
    scope_area = models.BooleanField(
        _("scope area of the strategy"), default=False, help_text=_("One of the areas the strategy puts first.")
    )

    class Meta:
        ordering = ["label"]
        verbose_name = _("concept")
        verbose_name_plural = _("thesaurus concepts")

    def __str__(self) -> str:
        return self.label


class Term(models.Model):
    """A word or phrase that names a concept in one language.

    Matched on word boundaries (Latin and Cyrillic scripts; a term ending in "*" also
    matches longer words: "brevet*" finds "brevets"), after the Arabic article and clitics
    (و، ب، ل، ف، ك، ال، لل), and as a whole word in Chinese.
    """

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="terms", verbose_name=_("concept"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    text = models.CharField(_("term"), max_length=120)

    class Meta:
        ordering = ["concept", "language", "text"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [models.UniqueConstraint(fields=["concept", "language", "text"], name="term_once_per_concept")]

    def __str__(self) -> str:
        return f"{self.text} ({self.language})"
