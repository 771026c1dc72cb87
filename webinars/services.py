"""State changes of the catalogue."""

from django.db import transaction

from webinars.models import Webinar


@transaction.atomic
def change_webinar_status(*, webinar: Webinar, status: str, actor) -> Webinar:
    """Move a webinar along planned -> scheduled -> held (or cancelled), nothing else.

    A scheduled or held webinar needs a date: the model's rules are checked before
    the save, so a refused move leaves the row as it was.
    """
    webinar = Webinar.objects.select_for_update().get(pk=webinar.pk)
    webinar.change_state(status)
    webinar.full_clean()
    webinar.save(update_fields=["status", "updated_at"])
    return webinar
