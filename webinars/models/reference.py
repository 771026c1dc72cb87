"""Reference data that everything else uses: languages, regions, groups, scope areas.

These are data, not code: the Secretariat edits them in the admin.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.Model):
    """A language a webinar can be given in (the committee's six, or more)."""

    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("For example en, fr, zh-hans."))
    name = models.CharField(_("name"), max_length=80)
    is_ui_language = models.BooleanField(
        _("portal language"), default=False, help_text=_("The portal's pages exist in this language.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name

    @property
    def is_right_to_left(self) -> bool:
        return self.code in settings.LANGUAGES_BIDI


class Region(models.Model):
    """A region of the world that the plan must serve: at least one webinar each."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    capitals = models.JSONField(
        _("capitals"),
        default=list,
        blank=True,
        help_text=_(
            "Cities whose office hours a webinar for this region should fall in, each with its time zone: "
            '[{"city": "Nairobi", "time_zone": "Africa/Nairobi"}, ...].'
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class RegionalGroup(models.Model):
    """A regional group of member states; it speaks through its coordinators."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=160)
    regions = models.ManyToManyField(Region, related_name="groups", verbose_name=_("regions covered"))
    contact_email = models.EmailField(_("group e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("regional group")
        verbose_name_plural = _("regional groups")

    def __str__(self) -> str:
        return self.name


class ScopeArea(models.Model):
    """One of the strategy's areas (b) to (f) that topics inside the scope belong to.

    "If the number of requests is too large, priority is given to topics inside the
    scope": topics of an area marked in scope come first when the plan is built.
    """

    code = models.SlugField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_in_scope = models.BooleanField(
        _("inside the strategy's scope"),
        default=True,
        help_text=_("Topics in an area inside the scope come first when demand exceeds capacity."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("scope area")
        verbose_name_plural = _("scope areas")

    def __str__(self) -> str:
        return f"{self.code}) {self.title}"


class Closure(models.Model):
    """Days on which no webinar is held: the Organization's official holidays, the committee's
    session weeks, other closures. Data the Secretariat edits; the scheduling screen avoids them."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Official holiday")
        COMMITTEE_SESSION = "session", _("Committee session")
        OTHER = "other", _("Other closure")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["starts_on", "title"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="closure_ends_after_it_starts",
                violation_error_message=_("A closure ends on or after its first day."),
            )
        ]

    def __str__(self) -> str:
        return self.title
