"""Writing notices and handing them to the sending task.

`queue_notice` is called inside the transaction of the state change it reports; the
sending itself (`outbox.delivery`) is called only by the tasks. The hand-off goes one way:
this module imports the tasks, the tasks import `outbox.delivery`, and nothing imports back.
"""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import Context, engines
from django.utils import timezone, translation
from django.utils.translation import gettext as _

# Sending lives in outbox.delivery; these two stay importable from here for the callers written before.
from outbox.delivery import deliver_notice, deliver_pending_notices  # noqa: F401
from outbox.models import Notice
from outbox.tasks import deliver_notice_task
from portal.handoff import hand_over
from portal.permissions import require_permission


def render_notice(*, kind: str, language: str, context: dict) -> tuple[str, str]:
    """The subject and body of a notice of this kind, in this language.

    Messages are plain text: nothing is HTML-escaped (a title with "&" stays "&").
    """
    full_context = Context({"site_url": settings.PORTAL_SITE_URL.rstrip("/"), **context}, autoescape=False)
    engine = engines["django"].engine
    with translation.override(language):
        subject = engine.get_template(f"outbox/{kind}.subject.txt").render(full_context)
        body = engine.get_template(f"outbox/{kind}.body.txt").render(full_context)
    subject = re.sub(r"[ \t\r\n]+", " ", subject).strip()[:255]  # keeps no-break spaces (French)
    return subject, body.strip() + "\n"


def queue_notice(
    *, kind: str, to: str, language: str, key: str, context: dict, about=None, calendar: str = ""
) -> Notice:
    """Write the message a state change causes, in the same transaction; send it on commit.

    The key names the cause: writing the same key again writes nothing and returns a
    notice with the existing row's id, so a repeated or concurrent run never makes a second
    message (the row keeps what was written first). ``calendar`` is an
    iCalendar text (``webinars.calendar.message_calendar``) sent with the message as an
    attachment, so the person's calendar follows the webinar.
    """
    if kind not in Notice.Kind.values:
        raise ValueError(f"Unknown notice kind {kind!r}")
    subject, body = render_notice(kind=kind, language=language, context=context)
    about_fields = {}
    if about is not None:
        about_fields = {"about_type": ContentType.objects.get_for_model(about), "about_id": str(about.pk)}
    notice = Notice(
        key=key,
        kind=kind,
        to=to,
        language=language,
        subject=subject,
        body=body,
        context=context,
        calendar=calendar or "",
        **about_fields,
    )
    # One statement, no savepoint: INSERT ... ON CONFLICT (key) DO UPDATE SET key = key RETURNING id.
    # A concurrent writer of the same key wins or loses inside the database; either way the row
    # exists once, and delivering it twice is harmless (a sent row is never sent again).
    Notice.objects.bulk_create([notice], update_conflicts=True, unique_fields=["key"], update_fields=["key"])
    transaction.on_commit(lambda: enqueue_delivery(notice.pk))
    return notice


def enqueue_delivery(notice_id: int) -> None:
    """Hand the notice to the sending task, in bounded time; if the broker does not take it, the sweep sends it."""
    hand_over(deliver_notice_task, notice_id)


@transaction.atomic
def resend_notice(*, notice: Notice, actor) -> Notice:
    """Put a failed notice back in the queue (the Secretariat's "resend").

    Sending again takes the "change message" permission: reading the outbox does not.
    """
    require_permission(actor, "outbox.change_notice")
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.state != Notice.State.FAILED:
        raise ValidationError(_("Only a failed message can be sent again."))
    notice.state = Notice.State.PENDING
    notice.attempts = 0
    notice.next_attempt_at = timezone.now()
    notice.retrying_since = None  # the retry period starts again
    notice.save(update_fields=["state", "attempts", "next_attempt_at", "retrying_since"])
    transaction.on_commit(lambda: enqueue_delivery(notice.pk))
    return notice
