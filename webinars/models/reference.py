"""Reference data that everything else uses: languages, regions, groups, scope areas.

These are data, not code: the Secretariat edits them in the admin.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from webinars.time_zones import is_time_zone, weekend_days, weekend_of


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

    def clean(self) -> None:
        """Each capital names its city and a time zone that exists (an IANA name); it may give its
        weekend ("weekend": ["Friday", "Saturday"] or [5, 6]) when its time zone's is not its own."""
        if not isinstance(self.capitals, list):
            raise ValidationError({"capitals": _("Give a list of capitals, each with its city and time zone.")})
        for capital in self.capitals:
            if not isinstance(capital, dict) or not str(capital.get("city", "")).strip():
                raise ValidationError({"capitals": _("Give each capital its city and time zone.")})
            zone = capital.get("time_zone")
            if not isinstance(zone, str) or not is_time_zone(zone):
                raise ValidationError(
                    {
                        "capitals": _(
                            "The time zone “%(zone)s” of %(city)s does not exist: "
                            "give an IANA name such as Africa/Nairobi."
                        )
                        % {"zone": zone, "city": capital["city"]}
                    }
                )
            if "weekend" in capital:
                self._clean_weekend(capital)

    @staticmethod
    def _clean_weekend(capital: dict) -> None:
        city = capital["city"]
        if not isinstance(capital["weekend"], list):
            raise ValidationError(
                {
                    "capitals": _(
                        "Give the weekend of %(city)s as a list of days, such as "
                        '["Friday", "Saturday"] or [5, 6] (1 is Monday, 7 is Sunday).'
                    )
                    % {"city": city}
                }
            )
        try:
            weekend = weekend_days(capital["weekend"])
        except ValueError as error:
            raise ValidationError(
                {
                    "capitals": _(
                        "“%(day)s” in the weekend of %(city)s is not a day: give English day names "
                        "such as Friday, or numbers from 1 (Monday) to 7 (Sunday)."
                    )
                    % {"day": error.args[0], "city": city}
                }
            ) from error
        if len(weekend) == 7:
            raise ValidationError(
                {
                    "capitals": _("The weekend of %(city)s is the whole week: leave it at least one working day.")
                    % {"city": city}
                }
            )

    def capital_weeks(self) -> list[tuple[str, str, frozenset[int]]]:
        """(city, time zone, weekend) of each capital whose time zone exists.

        The weekend (ISO day numbers) is the capital's own "weekend" when it gives a valid one,
        else its time zone's country's (webinars.time_zones.WEEKEND_BY_TIME_ZONE).
        """
        found = []
        for capital in self.capitals if isinstance(self.capitals, list) else []:
            if isinstance(capital, dict) and is_time_zone(str(capital.get("time_zone", ""))):
                zone = capital["time_zone"]
                try:
                    weekend = weekend_days(capital["weekend"]) if "weekend" in capital else weekend_of(zone)
                except ValueError:
                    weekend = weekend_of(zone)
                if len(weekend) == 7:  # not a week clean() lets through
                    weekend = weekend_of(zone)
                found.append((str(capital.get("city", "")), zone, weekend))
        return found

    def capital_zones(self) -> list[tuple[str, str]]:
        """(city, time zone) of each capital whose time zone exists."""
        return [(city, zone) for city, zone, _weekend in self.capital_weeks()]


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


class MemberState(models.Model):
    """A member state: its ISO 3166-1 code, its name in six languages, its region and regional group.

    Data the Secretariat edits. The region places the state's participants in the attendance
    figures (the country-to-region table); the group is the regional group that speaks for it.
    A state outside every group (some are) has no group.
    """

    code = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        help_text=_("Two-letter country code (ISO 3166-1), for example KE or BR."),
    )
    name = models.CharField(_("name"), max_length=160)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member_states",
        verbose_name=_("region"),
    )
    group = models.ForeignKey(
        RegionalGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member_states",
        verbose_name=_("regional group"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("member state")
        verbose_name_plural = _("member states")
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="member_state_code_iso2"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.code = (self.code or "").strip().upper()
        if len(self.code) != 2 or not self.code.isalpha():
            raise ValidationError({"code": _("Write the two-letter ISO 3166-1 code, for example KE or BR.")})


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
