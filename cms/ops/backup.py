"""Backups of the database and both media directories, and their restore into an empty database.

A backup is a directory (mode 0700, files 0600: it holds personal data)::

    database.dump       PostgreSQL: ``pg_dump --format=custom --no-owner --no-privileges``
    database.sqlite3    SQLite: a consistent copy made with sqlite3's online backup API
    media.tar           MEDIA_ROOT (public uploads: images, documents)
    private-media.tar   PRIVATE_MEDIA_ROOT (films, consent scans)
    manifest.json       written last: row count of every table, every file with its size and
                        SHA-256, and the SHA-256 of each archive above

On PostgreSQL the row counts and the dump come from one snapshot: a REPEATABLE READ transaction
exports it (``pg_export_snapshot()``), counts every table and stays open while ``pg_dump
--snapshot`` runs, so the counts match the dump exactly even while the site is in use. Each file is
hashed from the very bytes written into the tar.

Restore refuses a directory without a manifest, an archive whose hash differs, a database that
already has tables and a media directory that is not empty; it loads the dump
(``pg_restore --single-transaction --exit-on-error``) or the SQLite copy, unpacks both tars (with
tarfile's ``data`` filter: no absolute paths, links out of the tree or device files), then counts
every table and hashes every file again and fails loudly on any difference from the manifest.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_SETS = {"media": ("media.tar", "MEDIA_ROOT"), "private": ("private-media.tar", "PRIVATE_MEDIA_ROOT")}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    files: dict = field(default_factory=dict)  # media set -> number of files


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _private_file(path):
    path.touch(mode=0o600, exist_ok=False)
    return path


# --- media --------------------------------------------------------------------------------------


def tar_directory(root, archive):
    """Write every regular file under ``root`` into ``archive``; returns {relative path: {sha256, size}}."""
    root = Path(root)
    files = {}
    with tarfile.open(_private_file(archive), "w", format=tarfile.PAX_FORMAT) as tar:
        if not root.is_dir():
            return files
        for path in sorted(root.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            relative = path.relative_to(root).as_posix()
            info = tar.gettarinfo(str(path), arcname=relative)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with open(path, "rb") as handle:
                reader = _HashingReader(handle)
                tar.addfile(info, reader)
            files[relative] = {"sha256": reader.digest.hexdigest(), "size": info.size}
    return files


def hash_directory(root):
    root = Path(root)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): {"sha256": sha256_file(path), "size": path.stat().st_size}
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def _is_empty_dir(path):
    path = Path(path)
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


# --- PostgreSQL ---------------------------------------------------------------------------------


def _pg_env(settings_dict):
    """libpq environment for pg_dump/pg_restore: no password on a command line."""
    env = dict(os.environ)
    values = {
        "PGDATABASE": settings_dict["NAME"],
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _pg_connect(settings_dict, **kwargs):
    import psycopg  # noqa: PLC0415 — optional dependency: psycopg is needed only with PostgreSQL

    options = settings_dict.get("OPTIONS") or {}
    return psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        sslmode=options.get("sslmode"),
        **kwargs,
    )


def _pg_tables(cursor):
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY schemaname, tablename"
    )
    return cursor.fetchall()


def _pg_counts(cursor):
    from psycopg import sql  # noqa: PLC0415 — optional dependency: psycopg is needed only with PostgreSQL

    counts = {}
    for schema, table in _pg_tables(cursor):
        cursor.execute(
            sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))
        )
        counts[table if schema == "public" else f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def _run(args, env):
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            f"{Path(args[0]).name} failed ({result.returncode}): {result.stderr.strip()[-2000:]}"
        )


def backup_postgresql(settings_dict, target):
    """Dump into ``target/database.dump``; returns the row count of every table, from the same snapshot."""
    with _pg_connect(settings_dict) as snapshot_connection, snapshot_connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _pg_counts(cursor)
        dump = _private_file(Path(target) / PG_DUMP)
        _run(
            [
                shutil.which("pg_dump") or "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={dump}",
            ],
            _pg_env(settings_dict),
        )
        snapshot_connection.rollback()
    return counts


def restore_postgresql(settings_dict, source):
    with _pg_connect(settings_dict, autocommit=True) as check, check.cursor() as cursor:
        if _pg_tables(cursor):
            raise BackupError(
                f"The database {settings_dict['NAME']} already has tables; restore only into an empty database."
            )
    _run(
        [
            shutil.which("pg_restore") or "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={settings_dict['NAME']}",
            str(Path(source) / PG_DUMP),
        ],
        _pg_env(settings_dict),
    )
    with _pg_connect(settings_dict, autocommit=True) as restored, restored.cursor() as cursor:
        cursor.execute("ANALYZE")
        return _pg_counts(cursor)


# --- SQLite -------------------------------------------------------------------------------------


def _sqlite_counts(database):
    tables = database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return {
        name: database.execute(f'SELECT count(*) FROM "{name.replace(chr(34), chr(34) * 2)}"').fetchone()[0]  # noqa: S608
        for (name,) in tables
    }


def backup_sqlite(database_path, target):
    """Copy with the online backup API (consistent even while others write); returns the copy's counts."""
    copy_path = _private_file(Path(target) / SQLITE_COPY)
    source = sqlite3.connect(database_path)
    copy = sqlite3.connect(copy_path)
    try:
        source.backup(copy)
        return _sqlite_counts(copy)
    finally:
        copy.close()
        source.close()


def restore_sqlite(database_path, source):
    database_path = Path(database_path)
    if database_path.exists() and database_path.stat().st_size:
        existing = sqlite3.connect(database_path)
        try:
            if _sqlite_counts(existing):
                raise BackupError(
                    f"The database {database_path} already has tables; restore only into an empty database."
                )
        finally:
            existing.close()
    database_path.parent.mkdir(parents=True, exist_ok=True)
    copy = sqlite3.connect(Path(source) / SQLITE_COPY)
    target = sqlite3.connect(database_path)
    try:
        copy.backup(target)
        return _sqlite_counts(target)
    finally:
        target.close()
        copy.close()


# --- backup and restore -------------------------------------------------------------------------


def create_backup(target, *, using="default"):
    """Write a backup of the database and both media directories into the new directory ``target``."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; give a new directory for each backup.")
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(target, 0o700)
    settings_dict = connections[using].settings_dict
    vendor = connections[using].vendor
    if vendor == "postgresql":
        counts, database_file = backup_postgresql(settings_dict, target), PG_DUMP
    elif vendor == "sqlite":
        counts, database_file = backup_sqlite(settings_dict["NAME"], target), SQLITE_COPY
    else:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    files = {}
    for name, (archive, setting) in MEDIA_SETS.items():
        files[name] = tar_directory(getattr(settings, setting), target / archive)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": vendor,
        "tables": counts,
        "files": files,
        "archives": {
            archive: sha256_file(target / archive)
            for archive in [database_file] + [archive for archive, _setting in MEDIA_SETS.values()]
        },
    }
    with tempfile.NamedTemporaryFile(
        "w", dir=target, delete=False, suffix=".tmp", encoding="utf-8"
    ) as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
    os.chmod(handle.name, 0o600)
    os.replace(handle.name, target / MANIFEST)
    return manifest


def read_manifest(source):
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} is missing: not a backup, or one that did not finish.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def check_archives(source, manifest):
    """Every archive is there with the SHA-256 the manifest gives."""
    for archive, expected in manifest["archives"].items():
        path = Path(source) / archive
        if not path.is_file():
            raise BackupError(f"{archive} is missing from the backup.")
        if sha256_file(path) != expected:
            raise BackupError(f"{archive} does not match its SHA-256 in the manifest: damaged or changed.")


def _compare_counts(expected, actual):
    problems = [
        f"{table}: {expected.get(table)} in the backup, {actual.get(table)} restored"
        for table in sorted(set(expected) | set(actual))
        if expected.get(table) != actual.get(table)
    ]
    if problems:
        raise BackupError("Row counts differ after the restore: " + "; ".join(problems[:20]))


def _compare_files(name, expected, actual):
    problems = [
        f"{path}: {'missing' if path not in actual else 'extra' if path not in expected else 'different'}"
        for path in sorted(set(expected) | set(actual))
        if expected.get(path) != actual.get(path)
    ]
    if problems:
        raise BackupError(f"Files of {name} differ after the restore: " + "; ".join(problems[:20]))


def restore_backup(source, *, using="default"):
    """Restore ``source`` into the empty database ``using`` and empty media directories, then verify."""
    source = Path(source)
    manifest = read_manifest(source)
    check_archives(source, manifest)
    vendor = connections[using].vendor
    if manifest["database"] != vendor:
        raise BackupError(f"This is a {manifest['database']} backup; the configured database is {vendor}.")
    for _name, (_archive, setting) in MEDIA_SETS.items():
        if not _is_empty_dir(getattr(settings, setting)):
            raise BackupError(
                f"{setting} ({getattr(settings, setting)}) is not empty; restore into empty directories."
            )
    settings_dict = connections[using].settings_dict
    connections[using].close()
    if vendor == "postgresql":
        counts = restore_postgresql(settings_dict, source)
    else:
        counts = restore_sqlite(settings_dict["NAME"], source)
    _compare_counts(manifest["tables"], counts)
    report = RestoreReport(tables=len(counts), rows=sum(counts.values()))
    for name, (archive, setting) in MEDIA_SETS.items():
        root = Path(getattr(settings, setting))
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / archive) as tar:
            tar.extractall(root, filter="data")  # the data filter refuses unsafe members
        _compare_files(name, manifest["files"][name], hash_directory(root))
        report.files[name] = len(manifest["files"][name])
    return report
