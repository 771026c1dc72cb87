"""Backups that restore (portal.backups): one dated archive with its checksum, restored only whole and
only into an empty database; the oldest archives pruned; the nightly task.

Most tests drive small SQLite databases of their own (files in tmp_path), so they run on either
suite. The round trips use the real schema: on PostgreSQL (marked) and on the SQLite suite.
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabase

from accounts.tests.factories import StaffFactory
from delivery.tests.factories import ExpertInvitationFactory
from outbox.tests.factories import NoticeFactory
from participants.tests.factories import RegistrationFactory
from planning.tests.factories import PlanEntryFactory
from portal import backups
from portal.tasks import nightly_backup
from proposals.tests.factories import ProposalPartFactory
from reporting.tests.factories import ReportSnapshotFactory
from webinars.models import Material
from webinars.tests.factories import MaterialFactory

MOMENT = datetime(2026, 12, 6, 2, 30, tzinfo=UTC)
UPLOADS = {
    "materials/2026/slides.pdf": b"%PDF-1.7 the slides",
    "materials/2026/r\u00e9sum\u00e9 ar \u0639\u0631\u0628\u064a.pdf": b"%PDF-1.7 a name in two scripts",
    "reports/annual-2026.csv": b"table,value\n",
}


# Small databases of the tests' own ------------------------------------------------------------


def sqlite_database(path: Path) -> SQLiteDatabase:
    """A connection to a SQLite file, as Django makes one (the suite's own database may be PostgreSQL)."""
    return SQLiteDatabase(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "ATOMIC_REQUESTS": False,
            "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "OPTIONS": {},
            "TIME_ZONE": None,
            "TEST": {},
        },
        alias=f"backup-test-{path.stem}",
    )


def make_portal_database(
    path: Path, *, migrations=(("webinars", "0001_initial"), ("webinars", "0002_network_consent"))
):
    """A few of the portal's tables with rows: enough for the SQLite path of a backup and a restore."""
    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT, applied TEXT)")
        database.executemany(
            "INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, '2026-01-01')", migrations
        )
        database.execute("CREATE TABLE webinars_language (id INTEGER PRIMARY KEY, code TEXT)")
        database.executemany("INSERT INTO webinars_language (code) VALUES (?)", [("en",), ("fr",), ("ar",)])
        database.execute("CREATE TABLE outbox_notice (id INTEGER PRIMARY KEY, subject TEXT)")
    database.close()
    return path


def write_uploads(media_root: Path, uploads: dict[str, bytes] = UPLOADS) -> None:
    for name, content in uploads.items():
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(content)


def files_under(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def table_rows(database) -> dict[str, int]:
    with database.cursor() as cursor:
        names = database.introspection.table_names(cursor)
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {database.ops.quote_name(name)}")  # noqa: S608 - catalogue names
            counts[name] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def sqlite_files(django_db_blocker):
    """Connections to SQLite files of a test (database access allowed for them), closed after it."""
    opened = []

    def open_database(path: Path) -> SQLiteDatabase:
        database = sqlite_database(path)
        opened.append(database)
        return database

    with django_db_blocker.unblock():
        yield open_database
        for database in opened:
            database.close()


@pytest.fixture
def source(tmp_path, sqlite_files):
    return sqlite_files(make_portal_database(tmp_path / "portal.sqlite3"))


@pytest.fixture
def media(tmp_path) -> Path:
    root = tmp_path / "media"
    write_uploads(root)
    return root


@pytest.fixture
def archive(tmp_path, source, media) -> backups.Archive:
    return backups.make_archive(directory=tmp_path / "backups", connection=source, media_root=media, now=MOMENT)


def read_member(archive_path: Path, name: str) -> bytes:
    with tarfile.open(archive_path, "r:gz") as tar:
        return tar.extractfile(name).read()


def rewrite_archive(archive: backups.Archive, *, change) -> None:
    """Rebuild the archive with `change(name, data) -> data` applied to each member, and a checksum that matches."""
    with tarfile.open(archive.path, "r:gz") as tar:
        members = [(member, tar.extractfile(member).read()) for member in tar]
    with tarfile.open(archive.path, "w:gz") as tar:
        for member, data in members:
            data = change(member.name, data)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    digest = hashlib.sha256(archive.path.read_bytes()).hexdigest()
    archive.checksum_path.write_text(f"{digest}  {archive.path.name}\n")


# The archive ---------------------------------------------------------------------------------


def test_an_archive_is_one_dated_file_with_a_sha256sum_checksum_beside_it(archive, tmp_path):
    assert sorted(path.name for path in (tmp_path / "backups").iterdir()) == [
        "portal-backup-20261206T023000Z.tar.gz",
        "portal-backup-20261206T023000Z.tar.gz.sha256",
    ]
    assert archive.checksum_path.read_text() == f"{archive.sha256}  portal-backup-20261206T023000Z.tar.gz\n"
    assert hashlib.sha256(archive.path.read_bytes()).hexdigest() == archive.sha256
    if shutil.which("sha256sum"):
        checked = subprocess.run(  # noqa: S603
            ["sha256sum", "-c", archive.checksum_path.name],  # noqa: S607
            cwd=archive.path.parent,
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_manifest_names_the_database_its_rows_the_migrations_and_every_file_with_its_sha256(archive):
    manifest = json.loads(read_member(archive.path, "manifest.json"))

    assert manifest["format"] == "portal-backup" and manifest["format_version"] == 1
    assert manifest["created_at"] == "2026-12-06T02:30:00+00:00"
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["database"]["member"] == "database.sqlite3"
    assert manifest["database"]["tables"] == {"django_migrations": 2, "outbox_notice": 0, "webinars_language": 3}
    assert manifest["migrations"] == {"webinars": "0002_network_consent"}
    assert manifest["members"] == {
        "database.sqlite3": {
            "sha256": hashlib.sha256(read_member(archive.path, "database.sqlite3")).hexdigest(),
            "size": len(read_member(archive.path, "database.sqlite3")),
        },
        **{
            f"media/{name}": {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
            for name, content in UPLOADS.items()
        },
    }
    assert manifest == archive.manifest


def test_the_database_in_the_archive_is_a_whole_sqlite_file_with_every_row(archive, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(read_member(archive.path, "database.sqlite3"))
    with sqlite3.connect(copy) as database:
        assert database.execute("SELECT code FROM webinars_language ORDER BY id").fetchall() == [
            ("en",),
            ("fr",),
            ("ar",),
        ]
        assert database.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    database.close()


def test_backups_kept_inside_media_root_are_not_backed_up_again(tmp_path, source, media):
    inside = media / "backups"
    first = backups.make_archive(directory=inside, connection=source, media_root=media, now=MOMENT)
    second = backups.make_archive(directory=inside, connection=source, media_root=media, now=MOMENT + timedelta(days=1))

    assert first.media_files == second.media_files == [f"media/{name}" for name in sorted(UPLOADS)]


def test_a_database_without_the_portals_tables_is_not_backed_up(tmp_path, sqlite_files, media):
    """A worker pointed at the wrong database would back up nothing night after night while pruning goes on."""
    empty = sqlite_files(tmp_path / "empty.sqlite3")

    with pytest.raises(backups.BackupError, match="holds none of the portal's tables"):
        backups.make_archive(directory=tmp_path / "backups", connection=empty, media_root=media)

    assert list((tmp_path / "backups").iterdir()) == []


def test_a_backup_that_fails_midway_leaves_no_archive_and_no_temporary_file(tmp_path, source, media, monkeypatch):
    written = []

    def add_then_fail(tar, *, source, name):
        if written:
            raise OSError("disk full")
        written.append(name)
        return original(tar, source=source, name=name)

    original = backups._add_file
    monkeypatch.setattr(backups, "_add_file", add_then_fail)

    with pytest.raises(OSError, match="disk full"):
        backups.make_archive(directory=tmp_path / "backups", connection=source, media_root=media, now=MOMENT)

    assert written == ["database.sqlite3"]  # it failed with the archive half written
    assert list((tmp_path / "backups").iterdir()) == []


# Restoring -------------------------------------------------------------------------------------


def test_a_sqlite_archive_restores_every_row_and_file_into_an_empty_database(archive, tmp_path, sqlite_files, source):
    target = sqlite_files(tmp_path / "restored.sqlite3")
    restored_media = tmp_path / "restored-media"

    report = backups.restore_archive(archive=archive.path, connection=target, media_root=restored_media)

    assert table_rows(target) == table_rows(source)
    assert files_under(restored_media) == UPLOADS
    assert report.vendor == "sqlite"
    assert report.tables == {"django_migrations": 2, "outbox_notice": 0, "webinars_language": 3}
    assert report.rows == 5
    assert (report.files_restored, report.files_already_there) == (3, 0)


def test_uploads_already_there_with_the_same_content_are_left_as_they_are(archive, tmp_path, sqlite_files):
    restored_media = tmp_path / "restored-media"
    write_uploads(restored_media, {"reports/annual-2026.csv": UPLOADS["reports/annual-2026.csv"]})

    report = backups.restore_archive(
        archive=archive.path, connection=sqlite_files(tmp_path / "restored.sqlite3"), media_root=restored_media
    )

    assert (report.files_restored, report.files_already_there) == (2, 1)
    assert files_under(restored_media) == UPLOADS


def assert_nothing_restored(target, media_root: Path) -> None:
    assert target.introspection.table_names() == []
    assert not media_root.exists() or files_under(media_root) == {}


def test_an_archive_that_does_not_match_its_checksum_is_refused_and_nothing_is_restored(
    archive, tmp_path, sqlite_files
):
    data = bytearray(archive.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.path.write_bytes(bytes(data))
    target = sqlite_files(tmp_path / "restored.sqlite3")

    with pytest.raises(backups.BackupError, match="does not match portal-backup-20261206T023000Z.tar.gz.sha256"):
        backups.restore_archive(archive=archive.path, connection=target, media_root=tmp_path / "restored-media")

    assert_nothing_restored(target, tmp_path / "restored-media")


def test_an_archive_without_its_checksum_file_is_refused(archive, tmp_path, sqlite_files):
    archive.checksum_path.unlink()
    target = sqlite_files(tmp_path / "restored.sqlite3")

    with pytest.raises(backups.BackupError, match=r"\.sha256 is missing"):
        backups.restore_archive(archive=archive.path, connection=target, media_root=tmp_path / "restored-media")

    assert_nothing_restored(target, tmp_path / "restored-media")


def test_an_archive_whose_files_differ_from_its_manifest_is_refused_even_with_a_matching_checksum(
    archive, tmp_path, sqlite_files
):
    rewrite_archive(
        archive, change=lambda name, data: b"%PDF-1.7 other slides" if name.endswith("slides.pdf") else data
    )
    target = sqlite_files(tmp_path / "restored.sqlite3")

    with pytest.raises(backups.BackupError, match=r"does not match its manifest \(1 member\(s\): media/materials/"):
        backups.restore_archive(archive=archive.path, connection=target, media_root=tmp_path / "restored-media")

    assert_nothing_restored(target, tmp_path / "restored-media")


def test_a_member_outside_the_archives_layout_is_refused(archive, tmp_path, sqlite_files):
    with tarfile.open(archive.path, "r:gz") as tar:
        members = [(member, tar.extractfile(member).read()) for member in tar]
    with tarfile.open(archive.path, "w:gz") as tar:
        for member, data in members:
            tar.addfile(member, io.BytesIO(data))
        escape = tarfile.TarInfo("media/../../outside.txt")
        escape.size = 4
        tar.addfile(escape, io.BytesIO(b"oops"))
    archive.checksum_path.write_text(f"{hashlib.sha256(archive.path.read_bytes()).hexdigest()}  x\n")

    with pytest.raises(backups.BackupError, match="Unexpected member in the archive"):
        backups.restore_archive(
            archive=archive.path,
            connection=sqlite_files(tmp_path / "restored.sqlite3"),
            media_root=tmp_path / "restored-media",
        )

    assert not (tmp_path / "outside.txt").exists()


def test_a_database_that_holds_the_portals_tables_is_refused_and_nothing_is_restored(archive, tmp_path, sqlite_files):
    target = sqlite_files(make_portal_database(tmp_path / "in-use.sqlite3"))
    with target.cursor() as cursor:
        cursor.execute("INSERT INTO outbox_notice (subject) VALUES ('written since the backup')")
    before = table_rows(target)

    with pytest.raises(backups.BackupError, match="is not empty: it holds 3 of the portal's tables"):
        backups.restore_archive(archive=archive.path, connection=target, media_root=tmp_path / "restored-media")

    assert table_rows(target) == before
    assert not (tmp_path / "restored-media").exists()


def test_a_database_with_only_an_empty_migrations_table_counts_as_in_use(archive, tmp_path, sqlite_files):
    target = sqlite_files(tmp_path / "restored.sqlite3")
    with target.cursor() as cursor:
        cursor.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT, applied TEXT)")

    with pytest.raises(backups.BackupError, match="is not empty"):
        backups.restore_archive(archive=archive.path, connection=target, media_root=tmp_path / "restored-media")


def test_an_upload_that_exists_with_other_content_is_refused_before_the_database_changes(
    archive, tmp_path, sqlite_files
):
    restored_media = tmp_path / "restored-media"
    write_uploads(restored_media, {"materials/2026/slides.pdf": b"%PDF-1.7 uploaded since the backup"})
    target = sqlite_files(tmp_path / "restored.sqlite3")

    with pytest.raises(backups.BackupError, match="1 upload\\(s\\) exist already .* with other content"):
        backups.restore_archive(archive=archive.path, connection=target, media_root=restored_media)

    assert target.introspection.table_names() == []
    assert files_under(restored_media) == {"materials/2026/slides.pdf": b"%PDF-1.7 uploaded since the backup"}


def test_an_archive_of_another_kind_of_database_is_refused(archive, tmp_path, sqlite_files):
    target = sqlite_files(tmp_path / "restored.sqlite3")
    target.vendor = "postgresql"  # what the portal would use with DATABASE_URL=postgres://...

    with pytest.raises(backups.BackupError, match="holds a sqlite database and this portal uses postgresql"):
        backups.restore_archive(archive=archive.path, connection=target, media_root=tmp_path / "restored-media")

    assert not (tmp_path / "restored-media").exists()


def test_an_archive_from_a_newer_portal_is_refused(tmp_path, sqlite_files, media):
    newer = sqlite_files(make_portal_database(tmp_path / "newer.sqlite3", migrations=[("webinars", "9999_not_yet")]))
    archive = backups.make_archive(directory=tmp_path / "backups", connection=newer, media_root=media)
    target = sqlite_files(tmp_path / "restored.sqlite3")

    with pytest.raises(backups.BackupError, match=r"migrations this version of the portal does not have \(webinars"):
        backups.restore_archive(archive=archive.path, connection=target, media_root=tmp_path / "restored-media")

    assert_nothing_restored(target, tmp_path / "restored-media")


def test_verifying_an_archive_reads_every_member_and_changes_nothing(archive, tmp_path):
    manifest = backups.verify_archive(archive=archive.path)

    assert manifest == archive.manifest
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backups", "media", "portal.sqlite3"]


def test_postgresql_gets_its_password_through_the_environment_never_the_command_line(tmp_path, monkeypatch):
    calls = []

    def run(command, *, env, **kwargs):
        calls.append((command, env))
        return subprocess.CompletedProcess(command, 0, "", "")

    class PostgreSQL:
        settings_dict = {
            "NAME": "portal",
            "USER": "portal",
            "PASSWORD": "s3cret-Pa55",
            "HOST": "db",
            "PORT": 5432,
            "OPTIONS": {"sslmode": "require"},
        }

    monkeypatch.setattr(backups, "_client_program", lambda name, connection: (f"/usr/bin/{name}", "15"))
    monkeypatch.setattr(backups.subprocess, "run", run)

    backups._restore_postgresql(connection=PostgreSQL(), dump=tmp_path / "database.pgdump")

    [(command, environment)] = calls
    assert command[:6] == [
        "/usr/bin/pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--no-password",
    ]
    assert not any("s3cret" in argument for argument in command)
    assert {key: environment[key] for key in ("PGPASSWORD", "PGUSER", "PGHOST", "PGPORT", "PGSSLMODE")} == {
        "PGPASSWORD": "s3cret-Pa55",
        "PGUSER": "portal",
        "PGHOST": "db",
        "PGPORT": "5432",
        "PGSSLMODE": "require",
    }


def test_a_postgresql_client_of_another_major_version_than_the_server_is_refused(monkeypatch):
    """pg_restore 17 sets transaction_timeout, which a PostgreSQL 15 server refuses: the archive would not restore."""

    class PostgreSQL15:
        pg_version = 150020

        def ensure_connection(self):
            pass

    monkeypatch.setattr(backups.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(
        backups.subprocess,
        "run",
        lambda command, **kwargs: subprocess.CompletedProcess(command, 0, "pg_dump (PostgreSQL) 17.2\n", ""),
    )

    with pytest.raises(backups.BackupError, match="the database server is PostgreSQL 15: .* postgresql-client-15"):
        backups._client_program("pg_dump", connection=PostgreSQL15())


# Keeping the newest ------------------------------------------------------------------------------


def fake_archive(directory: Path, moment: datetime) -> Path:
    path = directory / backups.archive_name(moment)
    path.write_bytes(b"archive")
    backups.checksum_path_of(path).write_text(f"{'0' * 64}  {path.name}\n")
    return path


def test_pruning_keeps_the_newest_archives_and_leaves_every_other_file_alone(tmp_path):
    moments = [MOMENT - timedelta(days=days) for days in range(5)]
    for moment in reversed(moments):
        fake_archive(tmp_path, moment)
    others = [
        "notes.txt",
        "portal-backup-before-upgrade.tar.gz",
        "portal-backup-20201206T023000Z.tar.gz.bak",
        "other-20201206T023000Z.tar.gz",
    ]
    for name in others:
        (tmp_path / name).write_text("mine")

    removed = backups.prune_archives(directory=tmp_path, keep=3)

    assert [path.name for path in removed] == [backups.archive_name(moment) for moment in moments[3:]]
    kept = [backups.archive_name(moment) for moment in moments[:3]]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [*kept, *(f"{name}.sha256" for name in kept), *others]
    )


def test_pruning_orders_by_the_moment_in_the_name_not_the_files_dates(tmp_path):
    old = fake_archive(tmp_path, MOMENT - timedelta(days=30))
    new = fake_archive(tmp_path, MOMENT)
    old.touch()  # copied back from elsewhere: newer on disk

    backups.prune_archives(directory=tmp_path, keep=1)

    assert new.exists() and not old.exists()


def test_keep_zero_keeps_every_archive(tmp_path):
    for days in range(3):
        fake_archive(tmp_path, MOMENT - timedelta(days=days))

    assert backups.prune_archives(directory=tmp_path, keep=0) == []
    assert len(list(tmp_path.glob("portal-backup-*.tar.gz"))) == 3


def test_pruning_removes_what_a_killed_backup_left_after_a_day_only(tmp_path):
    now = time.time()
    stale_file = tmp_path / ".portal-backup-20261205T023000Z.tar.gz.abc.partial"
    stale_file.write_bytes(b"half")
    stale_work = tmp_path / ".portal-backup-work-abc"
    stale_work.mkdir()
    (stale_work / "database.pgdump").write_bytes(b"half")
    for path in (stale_file, stale_work):
        os.utime(path, (now - 25 * 3600, now - 25 * 3600))
    fresh = tmp_path / ".portal-backup-20261206T023000Z.tar.gz.def.partial"
    fresh.write_bytes(b"being written")

    backups.prune_archives(directory=tmp_path, keep=14, now=now)

    assert [path.name for path in tmp_path.iterdir()] == [fresh.name]


# The nightly task and the commands -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_nightly_task_makes_an_archive_and_prunes_beyond_the_setting(tmp_path, settings):
    settings.PORTAL_BACKUP_DIR = tmp_path / "backups"
    settings.PORTAL_BACKUP_KEEP = 2
    settings.MEDIA_ROOT = tmp_path / "media"
    write_uploads(settings.MEDIA_ROOT)
    settings.PORTAL_BACKUP_DIR.mkdir()
    older = [fake_archive(settings.PORTAL_BACKUP_DIR, datetime(2020, 1, day, tzinfo=UTC)) for day in (1, 2, 3)]

    # apply(), not get(): an in-process worker earlier in the run leaves Celery's "inside a task" flag on.
    run = nightly_backup.apply()
    assert run.successful(), run.traceback
    made = Path(run.result)

    assert made.parent == settings.PORTAL_BACKUP_DIR and backups.ARCHIVE_PATTERN.match(made.name)
    assert sorted(settings.PORTAL_BACKUP_DIR.glob("portal-backup-*.tar.gz")) == [older[2], made]
    assert backups.verify_archive(archive=made)["database"]["vendor"] == connection.vendor
    assert not older[0].exists() and not backups.checksum_path_of(older[0]).exists()


def test_beat_sends_the_backup_every_night_at_half_past_two_utc():
    entry = django_settings.CELERY_BEAT_SCHEDULE["nightly-backup"]

    assert entry["task"] == "portal.nightly_backup"
    assert entry["schedule"].hour == {2} and entry["schedule"].minute == {30}
    assert django_settings.CELERY_TIMEZONE == "UTC"


@pytest.mark.django_db(transaction=True)
def test_the_backup_command_says_what_it_wrote(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    write_uploads(settings.MEDIA_ROOT)
    output = io.StringIO()

    call_command("backup", directory=tmp_path / "backups", stdout=output)

    [archive] = (tmp_path / "backups").glob("portal-backup-*.tar.gz")
    assert f"Backup written: {archive}" in output.getvalue()
    assert "uploads: 3 files" in output.getvalue()
    assert re.search(rf"database \({connection.vendor}\): \d+ tables, \d+ rows", output.getvalue())


@pytest.mark.django_db
def test_the_restore_command_refuses_with_the_reason_and_restores_nothing(archive, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    # The archive is SQLite's: the suite's database is in use on SQLite, of another kind on PostgreSQL.
    reason = "is not empty" if connection.vendor == "sqlite" else "holds a sqlite database and this portal uses"

    with pytest.raises(CommandError, match=reason):
        call_command("restore", str(archive.path))

    assert not settings.MEDIA_ROOT.exists()


def test_the_restore_command_checks_an_archive_without_changing_anything(archive):
    output = io.StringIO()

    call_command("restore", str(archive.path), check=True, stdout=output)

    assert "is whole: its checksum and the 4 members of its manifest match" in output.getvalue()
    assert "Nothing was changed." in output.getvalue()


# The deployment -----------------------------------------------------------------------------------


def test_the_images_postgresql_client_is_the_db_services_major_version():
    dockerfile = (Path(django_settings.BASE_DIR) / "Dockerfile").read_text()
    compose = yaml.safe_load((Path(django_settings.BASE_DIR) / "docker-compose.yml").read_text())

    client_major = re.search(r"^ARG POSTGRES_MAJOR=(\d+)$", dockerfile, re.MULTILINE)[1]
    assert "postgresql-client-${POSTGRES_MAJOR}" in dockerfile
    assert compose["services"]["db"]["image"] == f"postgres:{client_major}"


def test_the_worker_reads_the_uploads_and_keeps_the_archives_on_a_volume():
    compose = yaml.safe_load((Path(django_settings.BASE_DIR) / "docker-compose.yml").read_text())
    worker = compose["services"]["worker"]

    assert {"media:/app/media", "backups:/app/backups"} <= set(worker["volumes"])
    assert "backups" in compose["volumes"]
    assert worker["environment"]["PORTAL_BACKUP_DIR"] == "${PORTAL_BACKUP_DIR:-/app/backups}"


# Round trips with the portal's whole schema -----------------------------------------------------


def fill_the_portal(media_root: Path) -> None:
    """Rows across the apps, and uploads the rows point to (plus one no row names)."""
    for number in range(3):
        RegistrationFactory()
        ProposalPartFactory()
        NoticeFactory(subject=f"Notice {number}")
    PlanEntryFactory()
    ExpertInvitationFactory()
    StaffFactory()
    MaterialFactory(kind=Material.Kind.SLIDES, url="", file=ContentFile(b"%PDF-1.7 slides", name="slides.pdf"))
    ReportSnapshotFactory()
    write_uploads(media_root, {"orphans/left-behind.txt": b"no row names this file"})


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_every_row_and_file_into_an_empty_database(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    fill_the_portal(settings.MEDIA_ROOT)
    rows, uploads = table_rows(connection), files_under(settings.MEDIA_ROOT)
    assert rows["participants_registration"] > 1000 and len(uploads) >= 3
    archive = backups.make_archive(directory=tmp_path / "backups")
    shutil.rmtree(settings.MEDIA_ROOT)

    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    target = connection.copy(alias="restore")
    target.settings_dict["NAME"] = name
    try:
        report = backups.restore_archive(archive=archive.path, connection=target)

        assert table_rows(target) == rows
        with target.cursor() as cursor:
            cursor.execute("SELECT last_value FROM accounts_user_id_seq")
            restored_sequence = cursor.fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute("SELECT last_value FROM accounts_user_id_seq")
            assert restored_sequence == cursor.fetchone()[0]
        assert report.migrations_to_apply == 0
    finally:
        target.close()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")
    assert files_under(settings.MEDIA_ROOT) == uploads
    assert (report.rows, report.files_restored) == (sum(rows.values()), len(uploads))


@pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the SQLite path on the whole schema; the PostgreSQL suite runs its own round trip above",
)
@pytest.mark.django_db(transaction=True)
def test_a_sqlite_backup_of_the_portal_restores_every_row_and_file_into_an_empty_file(tmp_path, settings, sqlite_files):
    settings.MEDIA_ROOT = tmp_path / "media"
    fill_the_portal(settings.MEDIA_ROOT)
    rows, uploads = table_rows(connection), files_under(settings.MEDIA_ROOT)
    archive = backups.make_archive(directory=tmp_path / "backups")
    shutil.rmtree(settings.MEDIA_ROOT)
    target = sqlite_files(tmp_path / "restored.sqlite3")

    report = backups.restore_archive(archive=archive.path, connection=target)

    assert table_rows(target) == rows
    assert rows["participants_registration"] == 3 and rows["webinars_material"] == 1
    assert files_under(settings.MEDIA_ROOT) == uploads
    assert report.migrations_to_apply == 0
