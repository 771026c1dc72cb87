"""`manage.py restore ARCHIVE`: a backup back into an empty database and MEDIA_ROOT (portal.backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import backups


class Command(BaseCommand):
    # Console output for operators: plain English, kept out of the six catalogues.
    help = (
        "Restore a backup archive into an empty database and MEDIA_ROOT, after checking it against its .sha256 "
        "and its manifest. Refuses, changing nothing, a database that holds the portal's tables already."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The portal-backup-....tar.gz file (its .sha256 beside it).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only verify the archive against its checksum and manifest; change nothing.",
        )

    def handle(self, *args, archive, check=False, **options):
        try:
            if check:
                manifest = backups.verify_archive(archive=archive)
            else:
                report = backups.restore_archive(archive=archive)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if check:
            members = manifest["members"]
            self.stdout.write(
                self.style.SUCCESS(
                    f"{archive.name} is whole: its checksum and the {len(members)} members of its manifest match "
                    f"(made {manifest['created_at']}, {manifest['database']['vendor']} database). Nothing was changed."
                )
            )
            return
        self.stdout.write(self.style.SUCCESS(f"Restored {archive.name}:"))
        self.stdout.write(
            f"  database ({report.vendor}): {len(report.tables)} tables, {report.rows} rows, as counted in the archive"
        )
        self.stdout.write(
            f"  uploads: {report.files_restored} files restored, {report.files_already_there} already there"
        )
        if report.migrations_to_apply:
            self.stdout.write(
                self.style.WARNING(
                    f"The archive comes from an earlier version of the portal: {report.migrations_to_apply} "
                    "migrations to apply. Run `python manage.py migrate` before starting the portal."
                )
            )
