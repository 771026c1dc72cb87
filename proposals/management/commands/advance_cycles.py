from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from proposals.services import advance_cycles


class Command(BaseCommand):
    help = _("Move every consultation cycle forward from its dates, as the hourly task does.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Say what would happen and change nothing."))

    def handle(self, *args, dry_run=False, **options):
        steps = advance_cycles(dry_run=dry_run)
        prefix = _("Would") if dry_run else _("Did")
        for step in steps:
            self.stdout.write(f"{prefix}: {step.step} {step.target_year}")
        if not steps:
            self.stdout.write(_("Nothing to do."))
