from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proposals.cycle import advance_cycles


def _lines(dry_run: bool) -> dict[str, str]:
    if dry_run:
        return {
            "prepare": _("Would prepare the draft consultation for %(year)s"),
            "open": _("Would open the consultation for %(year)s"),
            "remind": _("Would remind the silent groups of the consultation for %(year)s"),
            "close": _("Would close the consultation for %(year)s"),
        }
    return {
        "prepare": _("Prepared the draft consultation for %(year)s"),
        "open": _("Opened the consultation for %(year)s"),
        "remind": _("Reminded the silent groups of the consultation for %(year)s"),
        "close": _("Closed the consultation for %(year)s"),
    }


def _notices_line(dry_run: bool, count: int) -> str:
    if dry_run:
        line = ngettext("  and write %(count)d message:", "  and write %(count)d messages:", count)
    else:
        line = ngettext("  and wrote %(count)d message:", "  and wrote %(count)d messages:", count)
    return line % {"count": count}


class Command(BaseCommand):
    help = _("Move every consultation cycle forward from its dates, as the hourly task does.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Say what would happen, messages included, and change nothing.")
        )
        parser.add_argument("--at", help=_("Act as if it were this moment (ISO 8601, with a time zone)."))

    def handle(self, *args, dry_run=False, at=None, **options):
        moment = None
        if at:
            moment = parse_datetime(at)
            if moment is None or moment.tzinfo is None:
                raise CommandError(_("Give --at as an ISO 8601 moment with a time zone, e.g. 2027-09-01T08:00+02:00."))
        lines = _lines(dry_run)
        steps = advance_cycles(at=moment, dry_run=dry_run)
        for step in steps:
            line = lines[step.step] % {"year": step.target_year}
            self.stdout.write(f"{line} ({step.detail})" if step.detail else line)
            if step.notices:
                self.stdout.write(_notices_line(dry_run, len(step.notices)))
                for notice in step.notices:
                    self.stdout.write(f"    {notice}")
        if not steps:
            self.stdout.write(_("Nothing to do."))
