"""Read-side queries of the public catalogue, shared by pages and reports."""

from django.db.models import Prefetch, QuerySet

from webinars.models import Material, Webinar


def _public_webinars() -> QuerySet[Webinar]:
    return Webinar.objects.select_related("topic", "topic__scope_area", "series").prefetch_related(
        "regions",
        "languages",
        Prefetch("materials", queryset=Material.objects.filter(is_published=True), to_attr="published_materials"),
    )


def held_webinars() -> QuerySet[Webinar]:
    return _public_webinars().held().order_by("-starts_at")


def scheduled_webinars() -> QuerySet[Webinar]:
    return _public_webinars().scheduled().order_by("starts_at")
