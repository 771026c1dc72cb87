"""`manage.py backup`: one dated archive of the database and the uploads, as the nightly task makes (portal.backups)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal import backups


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


class Command(BaseCommand):
    # Console output for operators: plain English, kept out of the six catalogues.
    help = (
        "Back up the database (pg_dump on PostgreSQL, the online backup on SQLite) and every uploaded file "
        "into one dated archive with its .sha256, then remove the oldest beyond PORTAL_BACKUP_KEEP."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, help="Where to write the archive (default: PORTAL_BACKUP_DIR).")
        parser.add_argument(
            "--keep",
            type=int,
            help="Archives to keep, the newest (default: PORTAL_BACKUP_KEEP; 0 keeps every one).",
        )

    def handle(self, *args, directory=None, keep=None, **options):
        try:
            run = backups.back_up(directory=directory or settings.PORTAL_BACKUP_DIR, keep=keep)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        archive = run.archive
        tables = archive.tables
        media_bytes = sum(archive.manifest["members"][name]["size"] for name in archive.media_files)
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive.path} ({megabytes(archive.size)})"))
        self.stdout.write(f"  checksum: {archive.checksum_path.name} (sha256 {archive.sha256})")
        self.stdout.write(
            f"  database ({archive.manifest['database']['vendor']}): {len(tables)} tables, {sum(tables.values())} rows"
        )
        self.stdout.write(f"  uploads: {len(archive.media_files)} files ({megabytes(media_bytes)})")
        for path in run.pruned:
            self.stdout.write(f"Removed the older archive {path.name}")
