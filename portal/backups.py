"""Backups that restore: the database and the uploaded files in one dated archive, with its checksum.

An archive, ``portal-backup-<UTC moment>.tar.gz`` in PORTAL_BACKUP_DIR, holds:

- ``database.pgdump`` (PostgreSQL: ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite:
  a copy through sqlite3's online backup API);
- ``media/...``: every file under MEDIA_ROOT;
- ``manifest.json``, last: the format version, when it was made, the database's vendor, the
  tables and their rows, the migration each app had reached, and the sha256 and size of every
  other member.

Beside it, ``<archive>.sha256`` in the form ``sha256sum -c`` reads. An archive is written under a
hidden temporary name and renamed only once complete, its checksum file first: an archive under
its own name is always whole.

A restore goes only into an empty database, and only from an archive whose checksum and manifest
both match what it holds; it checks everything before it changes anything. The rows counted in
the archive are counted again once restored. PostgreSQL's rows are counted in the very snapshot
``pg_dump`` reads (an exported snapshot), so a backup taken while the portal works is exact too.

The management commands ``backup`` and ``restore`` and the nightly task (portal.tasks) only call
the functions here. Console messages in plain English: operators read them, not the portal's users.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection as default_connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

logger = logging.getLogger(__name__)

FORMAT = "portal-backup"
FORMAT_VERSION = 1
ARCHIVE_PATTERN = re.compile(r"^portal-backup-(?P<stamp>\d{8}T\d{6}Z)\.tar\.gz$")
CHECKSUM_SUFFIX = ".sha256"
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
# Files of a backup under way (hidden, never matching ARCHIVE_PATTERN); older ones are leftovers
# of a backup that was killed, and pruning removes them.
WORK_PREFIX = ".portal-backup-"
LEFTOVER_AGE_SECONDS = 24 * 3600
CHUNK = 1024 * 1024
MIGRATIONS_TABLE = MigrationRecorder.Migration._meta.db_table


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do.

    Not a ValidationError: these are operators' commands and a task, no form shows the message.
    """


@dataclass(frozen=True)
class Archive:
    path: Path
    checksum_path: Path
    sha256: str
    size: int
    manifest: dict

    @property
    def tables(self) -> dict[str, int]:
        return self.manifest["database"]["tables"]

    @property
    def media_files(self) -> list[str]:
        return [name for name in self.manifest["members"] if name.startswith(f"{MEDIA}/")]


@dataclass(frozen=True)
class RestoreReport:
    vendor: str
    tables: dict[str, int]
    files_restored: int
    files_already_there: int
    migrations_to_apply: int

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass(frozen=True)
class BackupRun:
    archive: Archive
    pruned: list[Path] = field(default_factory=list)


def archive_name(moment: datetime) -> str:
    return f"portal-backup-{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}.tar.gz"


def checksum_path_of(archive: Path) -> Path:
    return archive.with_name(archive.name + CHECKSUM_SUFFIX)


# Backing up ---------------------------------------------------------------------------------


def back_up(*, directory: Path | None = None, keep: int | None = None) -> BackupRun:
    """What `manage.py backup` and the nightly task do: a new archive, then the oldest beyond `keep` removed.

    Nothing is pruned when the backup fails: the archives already there are all there is.
    """
    directory = Path(directory or settings.PORTAL_BACKUP_DIR)
    keep = settings.PORTAL_BACKUP_KEEP if keep is None else keep
    archive = make_archive(directory=directory)
    return BackupRun(archive=archive, pruned=prune_archives(directory=directory, keep=keep))


def make_archive(
    *,
    directory: Path,
    connection=None,
    media_root: Path | None = None,
    now: datetime | None = None,
) -> Archive:
    """Write one archive of the database and the uploads into `directory`, and its checksum file.

    Written under a hidden name and renamed once whole (checksum file first): a backup that fails
    or is killed never leaves a file that looks like an archive.
    """
    connection = connection or default_connection
    media_root = Path(media_root or settings.MEDIA_ROOT)
    directory = Path(directory)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = now or timezone.now()
    final = directory / archive_name(now)
    if final.exists():
        raise BackupError(f"{final} exists already: one backup per second at most.")
    vendor = _vendor(connection)
    partial_archive = partial_checksum = None
    try:
        with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}work-", dir=directory) as work:
            dump = Path(work) / DATABASE_MEMBERS[vendor]
            database = _dump_database(connection=connection, vendor=vendor, destination=dump)
            if MIGRATIONS_TABLE not in database["tables"]:
                # A worker pointed at the wrong database would otherwise keep backing up nothing
                # while pruning removes the good archives one night after another.
                raise BackupError(
                    f"The database {connection.settings_dict['NAME']} holds none of the portal's tables: "
                    "nothing to back up. Is DATABASE_URL right, and the database migrated?"
                )
            partial_archive = _new_hidden_file(directory, f".{final.name}.", ".partial")
            members = {}
            # gzip's usual level, not tarfile's 9: uploads and the PostgreSQL dump are compressed already.
            with tarfile.open(partial_archive, mode="w:gz", format=tarfile.PAX_FORMAT, compresslevel=6) as tar:
                members[dump.name] = _add_file(tar, source=dump, name=dump.name)
                for source, name in _media_files(media_root, leave_out=directory):
                    members[name] = _add_file(tar, source=source, name=name)
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": now.astimezone(UTC).isoformat(),
                    "migrations": database.pop("migrations"),
                    "database": database,
                    "members": members,
                }
                _add_bytes(tar, name=MANIFEST, data=json.dumps(manifest, indent=2, sort_keys=True).encode())
        with partial_archive.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        partial_checksum = _new_hidden_file(directory, f".{final.name}.", ".sha256.partial")
        partial_checksum.write_text(f"{digest}  {final.name}\n")
        os.replace(partial_checksum, checksum_path_of(final))
        os.replace(partial_archive, final)
    except BaseException:
        for leftover in (partial_archive, partial_checksum):
            if leftover is not None:
                leftover.unlink(missing_ok=True)
        raise
    archive = Archive(
        path=final, checksum_path=checksum_path_of(final), sha256=digest, size=final.stat().st_size, manifest=manifest
    )
    logger.info("Backup written: %s (%d bytes, sha256 %s)", final, archive.size, digest)
    return archive


def _new_hidden_file(directory: Path, prefix: str, suffix: str) -> Path:
    """An empty file of a unique name, readable by its owner only (archives hold personal data)."""
    handle, name = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=suffix)
    os.close(handle)
    return Path(name)


def _vendor(connection) -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups know PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _dump_database(*, connection, vendor: str, destination: Path) -> dict:
    if vendor == "postgresql":
        return _dump_postgresql(connection=connection, destination=destination)
    return _dump_sqlite(connection=connection, destination=destination)


def _dump_postgresql(*, connection, destination: Path) -> dict:
    """pg_dump reads a snapshot that this connection exports and counts its rows in: the counts are the dump's."""
    pg_dump, version = _client_program("pg_dump", connection=connection)
    snapshot_connection = connection.copy()
    try:
        with snapshot_connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            names = snapshot_connection.introspection.table_names(cursor)
            tables = _row_counts(cursor, names, quote=connection.ops.quote_name)
            migrations = _migration_heads(cursor, names)
            _run(
                [pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot}", f"--file={destination}"],
                environment=_libpq_environment(connection.settings_dict),
            )
            cursor.execute("COMMIT")
        server_version = snapshot_connection.pg_version
    finally:
        snapshot_connection.close()
    return {
        "vendor": "postgresql",
        "member": destination.name,
        "server_version": server_version,
        "dump_program": version,
        "tables": tables,
        "migrations": migrations,
    }


def _dump_sqlite(*, connection, destination: Path) -> dict:
    """sqlite3's online backup: a consistent copy while the portal keeps writing (write-ahead log)."""
    connection.ensure_connection()
    copy = sqlite3.connect(destination)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        names = _sqlite_tables(copy.cursor())
        tables = _row_counts(copy.cursor(), names, quote=connection.ops.quote_name)
        migrations = _migration_heads(copy.cursor(), names)
    finally:
        copy.close()
    return {
        "vendor": "sqlite",
        "member": destination.name,
        "server_version": sqlite3.sqlite_version,
        "tables": tables,
        "migrations": migrations,
    }


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")
    return [row[0] for row in cursor.fetchall()]


def _row_counts(cursor, tables, *, quote: Callable[[str], str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _migration_heads(cursor, tables: list[str]) -> dict[str, str]:
    """Per app, the latest migration the dumped database had applied (makemigrations numbers them)."""
    heads: dict[str, str] = {}
    if MIGRATIONS_TABLE in tables:
        cursor.execute(f"SELECT app, name FROM {MIGRATIONS_TABLE}")  # noqa: S608 - a constant
        for app, name in cursor.fetchall():
            heads[app] = max(heads.get(app, name), name)
    return dict(sorted(heads.items()))


def _media_files(media_root: Path, *, leave_out: Path):
    """Every regular file under MEDIA_ROOT, as (path, member name); never the backups themselves."""
    if not media_root.is_dir():
        return
    leave_out = leave_out.resolve()
    for folder, folders, files in os.walk(media_root):
        here = Path(folder)
        folders[:] = sorted(name for name in folders if (here / name).resolve() != leave_out)
        for name in sorted(files):
            path = here / name
            if path.is_symlink() or not path.is_file():
                continue
            yield path, f"{MEDIA}/{path.relative_to(media_root).as_posix()}"


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.hash = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.hash.update(data)
        return data


def _add_file(tar: tarfile.TarFile, *, source: Path, name: str) -> dict:
    with source.open("rb") as handle:
        status = os.fstat(handle.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = status.st_size, int(status.st_mtime), 0o600
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    return {"sha256": reader.hash.hexdigest(), "size": info.size}


def _add_bytes(tar: tarfile.TarFile, *, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
    tar.addfile(info, io.BytesIO(data))


# Verifying ------------------------------------------------------------------------------------


def verify_archive(*, archive: Path) -> dict:
    """Check the archive against its checksum file and every member against the manifest; return the manifest."""
    return _read_archive(Path(archive), into=None)


def _read_archive(archive: Path, *, into: Path | None) -> dict:
    """Verify (and extract into `into`): the checksum file, then each member as its manifest says.

    Only regular files with plain relative names are accepted; nothing is written outside `into`.
    """
    _verify_checksum(archive)
    digests: dict[str, dict] = {}
    manifest_bytes = None
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                name = _safe_member_name(member)
                if name in digests or (name == MANIFEST and manifest_bytes is not None):
                    raise BackupError(f"{archive.name} holds {name} twice.")
                source = tar.extractfile(member)
                if name == MANIFEST:
                    manifest_bytes = source.read()
                    continue
                digests[name] = _copy_hashing(source, None if into is None else into / name)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{archive.name} cannot be read as a backup archive: {error}") from error
    if manifest_bytes is None:
        raise BackupError(f"{archive.name} has no {MANIFEST}: not a portal backup.")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as error:
        raise BackupError(f"The manifest of {archive.name} is not valid JSON: {error}") from error
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive.name} is in format {manifest.get('format')} {manifest.get('format_version')}; "
            f"this portal reads {FORMAT} {FORMAT_VERSION}."
        )
    database = manifest.get("database")
    if not (
        isinstance(database, dict)
        and database.get("member") in DATABASE_MEMBERS.values()
        and isinstance(database.get("tables"), dict)
        and isinstance(manifest.get("migrations"), dict)
        and isinstance(manifest.get("members"), dict)
    ):
        raise BackupError(f"The manifest of {archive.name} is incomplete: the archive was changed.")
    listed = manifest["members"]
    differing = sorted(name for name in set(listed) | set(digests) if listed.get(name) != digests.get(name))
    if differing:
        raise BackupError(
            f"{archive.name} does not match its manifest ({len(differing)} member(s): {', '.join(differing[:5])}): "
            "the archive is damaged or was changed."
        )
    if manifest["database"]["member"] not in digests:
        raise BackupError(f"{archive.name} holds no database.")
    return manifest


def _verify_checksum(archive: Path) -> None:
    if not archive.is_file():
        raise BackupError(f"No archive at {archive}.")
    checksum_file = checksum_path_of(archive)
    if not checksum_file.is_file():
        raise BackupError(f"{checksum_file.name} is missing: an archive is restored only with its checksum beside it.")
    expected = checksum_file.read_text().split()[:1]
    with archive.open("rb") as handle:
        actual = hashlib.file_digest(handle, "sha256").hexdigest()
    if expected != [actual]:
        raise BackupError(
            f"{archive.name} does not match {checksum_file.name}: the archive is damaged or incomplete. "
            "Nothing was restored."
        )


def _safe_member_name(member: tarfile.TarInfo) -> str:
    path = PurePosixPath(member.name)
    expected = path.as_posix() in (MANIFEST, *DATABASE_MEMBERS.values()) or (
        len(path.parts) > 1 and path.parts[0] == MEDIA
    )
    if not member.isfile() or path.is_absolute() or ".." in path.parts or not expected:
        raise BackupError(f"Unexpected member in the archive: {member.name!r}. Nothing was restored.")
    return path.as_posix()


def _copy_hashing(source, target: Path | None) -> dict:
    digest, size = hashlib.sha256(), 0
    handle = None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = target.open("wb")
    try:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if handle is not None:
                handle.write(chunk)
    finally:
        if handle is not None:
            handle.close()
    return {"sha256": digest.hexdigest(), "size": size}


# Restoring ------------------------------------------------------------------------------------


def restore_archive(*, archive: Path, connection=None, media_root: Path | None = None) -> RestoreReport:
    """Restore an archive into an empty database and MEDIA_ROOT; refuse, changing nothing, when anything is off.

    Refused: a checksum or manifest that does not match; a database of another vendor; migrations
    this code does not know (the archive comes from a newer portal); a database that already holds
    the portal's tables; an upload that exists with other content. An upload already there with the
    same content is left as it is.
    """
    connection = connection or default_connection
    media_root = Path(media_root or settings.MEDIA_ROOT)
    archive = Path(archive)
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        work = Path(work)
        manifest = _read_archive(archive, into=work)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                f"{archive.name} holds a {vendor} database and this portal uses {connection.vendor}: "
                "restore it into the same kind of database. Nothing was restored."
            )
        _refuse_unknown_migrations(manifest)
        _refuse_unless_empty(connection)
        to_copy, already_there = _media_to_restore(manifest, media_root)
        dump = work / manifest["database"]["member"]
        if vendor == "postgresql":
            _restore_postgresql(connection=connection, dump=dump)
        else:
            _restore_sqlite(connection=connection, copy=dump)
        for name in to_copy:
            _place_file(work / name, media_root / _relative_media_path(name))
    counted = manifest["database"]["tables"]
    found = _current_row_counts(connection)
    tables = {name: found.get(name) for name in counted}
    differing = sorted(name for name in counted if tables[name] != counted[name])
    if differing:
        raise BackupError(
            f"The database was restored, but {len(differing)} table(s) do not hold the rows the archive counted "
            f"({', '.join(differing[:5])}): do not use it; empty it and restore again."
        )
    return RestoreReport(
        vendor=vendor,
        tables=tables,
        files_restored=len(to_copy),
        files_already_there=len(already_there),
        migrations_to_apply=_migrations_to_apply(connection),
    )


def _refuse_unknown_migrations(manifest: dict) -> None:
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = sorted(f"{app}.{name}" for app, name in manifest["migrations"].items() if (app, name) not in known)
    if unknown:
        raise BackupError(
            f"The archive's database has reached migrations this version of the portal does not have "
            f"({', '.join(unknown[:5])}): restore it with the version that made it, or a newer one. "
            "Nothing was restored."
        )


def _refuse_unless_empty(connection) -> None:
    """Only an empty database: restoring over data would mix two states of the portal."""
    portal_tables = set(connection.introspection.django_table_names()) | {MIGRATIONS_TABLE}
    found = sorted(portal_tables & set(connection.introspection.table_names()))
    if found:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty: it holds {len(found)} of the portal's "
            f"tables ({', '.join(found[:3])}...). Restore into a new, empty database (README: Backups). "
            "Nothing was restored."
        )


def _media_to_restore(manifest: dict, media_root: Path) -> tuple[list[str], list[str]]:
    to_copy, already_there, conflicts = [], [], []
    for name, member in manifest["members"].items():
        if not name.startswith(f"{MEDIA}/"):
            continue
        target = media_root / _relative_media_path(name)
        if not target.exists():
            to_copy.append(name)
        elif target.is_file() and _file_sha256(target) == member["sha256"]:
            already_there.append(name)
        else:
            conflicts.append(str(target))
    if conflicts:
        raise BackupError(
            f"{len(conflicts)} upload(s) exist already in {media_root} with other content "
            f"({', '.join(conflicts[:3])}): move them away or restore into an empty MEDIA_ROOT. Nothing was restored."
        )
    return to_copy, already_there


def _relative_media_path(name: str) -> Path:
    return Path(*PurePosixPath(name).parts[1:])


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _place_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = _new_hidden_file(target.parent, f".{target.name}.", ".partial")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _restore_postgresql(*, connection, dump: Path) -> None:
    """All or nothing: one transaction, stopped at the first error; objects owned by whoever restores."""
    pg_restore, _version = _client_program("pg_restore", connection=connection)
    try:
        _run(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--no-password",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ],
            environment=_libpq_environment(connection.settings_dict),
        )
    except BackupError as error:
        raise BackupError(
            f"{error}\nOne transaction: the database is as it was, and no upload was restored."
        ) from error


def _restore_sqlite(*, connection, copy: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _current_row_counts(connection) -> dict[str, int]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            tables = _sqlite_tables(cursor)
        else:
            tables = connection.introspection.table_names(cursor)
        return _row_counts(cursor, tables, quote=connection.ops.quote_name)


def _migrations_to_apply(connection) -> int:
    """Migrations of this code that the restored database has not applied (an archive from an earlier version)."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT app, name FROM {MIGRATIONS_TABLE}")  # noqa: S608 - a constant
        applied = set(cursor.fetchall())
    needed = {node for leaf in graph.leaf_nodes() for node in graph.forwards_plan(leaf)}
    return len(needed - applied)


# Keeping the newest ---------------------------------------------------------------------------


def prune_archives(*, directory: Path, keep: int, now: float | None = None) -> list[Path]:
    """Keep the `keep` newest archives (by the moment in their name) and remove the older ones with their checksums.

    Only files named like an archive are touched, and the leftovers of a backup killed more than a day
    ago (hidden, under WORK_PREFIX). `keep=0` keeps every archive.
    """
    if keep < 0:
        raise BackupError(f"PORTAL_BACKUP_KEEP must be 0 (keep all) or more, not {keep}.")
    directory = Path(directory)
    if not directory.is_dir():
        return []
    archives = sorted(
        (path for path in directory.iterdir() if ARCHIVE_PATTERN.match(path.name) and path.is_file()),
        key=lambda path: ARCHIVE_PATTERN.match(path.name)["stamp"],
        reverse=True,
    )
    removed = []
    for archive in archives[keep:] if keep else []:
        checksum_path_of(archive).unlink(missing_ok=True)
        archive.unlink(missing_ok=True)
        removed.append(archive)
    cutoff = (now or time.time()) - LEFTOVER_AGE_SECONDS
    for leftover in directory.glob(f"{WORK_PREFIX}*"):
        if leftover.lstat().st_mtime < cutoff:
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
    for archive in removed:
        logger.info("Old backup removed: %s", archive)
    return removed


# PostgreSQL's client programs -----------------------------------------------------------------


def _client_program(name: str, *, connection) -> tuple[str, str]:
    """pg_dump or pg_restore of the server's own major version, and its version line.

    Another major version is refused: an older pg_dump cannot read a newer server, and a newer
    client's archives do not restore into the server they came from (pg_restore 17 and later set
    transaction_timeout, which older servers do not know, and stop there with --exit-on-error).
    """
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    program = shutil.which(name)
    if program is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client of the server's major version "
            f"(Debian: postgresql-client-{server_major}; the portal's image has it)."
        )
    version = subprocess.run([program, "--version"], capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603
    found = re.search(r"\)\s+(\d+)", version)
    if found is None or int(found[1]) != server_major:
        raise BackupError(
            f"{name} is {version!r} and the database server is PostgreSQL {server_major}: use the client of the "
            f"server's major version (Debian: postgresql-client-{server_major}). Nothing was changed."
        )
    return program, version


def _libpq_environment(settings_dict: dict) -> dict[str, str]:
    """The connection settings as libpq's PG* variables: the password never appears on a command line."""
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
    }
    return {**os.environ, "PGAPPNAME": "portal-backup", **{key: str(value) for key, value in values.items() if value}}


def _run(command: list[str], *, environment: dict[str, str]) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        program = Path(command[0]).name
        raise BackupError(f"{program} failed (exit status {result.returncode}): {result.stderr.strip()}")
