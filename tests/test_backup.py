"""Backups restore: `manage.py backup` of a database with the demo content and files, `manage.py
restore` (a real process) into a new empty database and empty media directories, compared table by
table and file by file with the original."""

import hashlib
import io
import sqlite3
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cms.ops import backup
from events.registration.models import Ticket
from events.registration.tests.factories import TicketTypeFactory, register

from .processes import BASE_DIR, PYTHON, create_database, database_url, drop_database, own_database


def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (pg_dump/pg_restore)")


def file_hashes(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def row_counts(url):
    with psycopg.connect(url) as database:
        tables = [
            row[0] for row in database.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        return {table: database.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database_with_every_row_and_file(
    django_db_blocker, tmp_path, settings
):
    postgres_only()
    backup_dir = tmp_path / "backup"
    with own_database(django_db_blocker, suffix="backup") as source:
        call_command("seed_demo", stdout=io.StringIO())
        demo_tickets = Ticket.objects.count()  # the demo's own (WZK answers, past festivals)
        ticket_type = TicketTypeFactory(capacity=2)
        for n in range(3):  # two confirmed with tickets, one on the waiting list, five mails
            register(ticket_type, n)
        out = io.StringIO()
        call_command("backup", str(backup_dir), stdout=out)
        source_rows = row_counts(database_url(source))
        source_media = file_hashes(settings.MEDIA_ROOT)
        source_private = file_hashes(settings.PRIVATE_MEDIA_ROOT)
        with psycopg.connect(database_url(source)) as database:
            max_group_id = database.execute("SELECT coalesce(max(id), 0) FROM auth_group").fetchone()[0]
    assert out.getvalue().startswith(f"Backup written to {backup_dir}: {len(source_rows)} tables,")
    assert source_rows["events_eventpage"] > 0 and source_rows["registration_registration"] > 0
    assert source_rows["registration_ticket"] == demo_tickets + 2 and source_rows["contests_film"] > 0
    assert len(source_media) > 0 and len(source_private) > 0
    assert sorted(path.name for path in backup_dir.iterdir()) == [
        "database.dump",
        "manifest.json",
        "media.tar",
        "private-media.tar",
    ]
    assert {oct(path.stat().st_mode & 0o777) for path in backup_dir.iterdir()} == {"0o600"}

    target = f"{connection.settings_dict['NAME']}_restored"
    drop_database(target)
    create_database(target)
    try:
        restored = tmp_path / "restored"
        result = subprocess.run(
            [PYTHON, "manage.py", "restore", str(backup_dir)],
            cwd=BASE_DIR,
            env={
                "PATH": "/usr/bin:/bin",
                "DJANGO_SETTINGS_MODULE": "settings.test",
                "DATABASE_URL": database_url(target),
                "MEDIA_ROOT": str(restored / "media"),
                "PRIVATE_MEDIA_ROOT": str(restored / "private"),
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"Restored and verified: {len(source_rows)} tables,")
        assert row_counts(database_url(target)) == source_rows
        assert file_hashes(restored / "media") == source_media
        assert file_hashes(restored / "private") == source_private
        # Sequences came along: a new row gets a fresh id.
        with psycopg.connect(database_url(target)) as database:
            new_id = database.execute(
                "INSERT INTO auth_group (name) VALUES ('Po odtworzeniu') RETURNING id"
            ).fetchone()[0]
        assert new_id > max_group_id
    finally:
        drop_database(target)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_backup_and_a_database_that_has_tables(tmp_path, settings):
    postgres_only()
    (Path(settings.MEDIA_ROOT) / "images").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "images" / "logo.png").write_bytes(b"\x89PNG demo")
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())

    with pytest.raises(CommandError, match="is not empty; give a new directory"):
        call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())

    out = io.StringIO()
    call_command("restore", str(tmp_path / "backup"), "--check-only", stdout=out)
    assert out.getvalue() == f"{tmp_path / 'backup'}: every archive matches the manifest.\n"

    with pytest.raises(CommandError, match=r"MEDIA_ROOT \(.*\) is not empty"):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    settings.MEDIA_ROOT = tmp_path / "empty-media"
    with pytest.raises(CommandError, match="already has tables; restore only into an empty database"):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())

    archive = tmp_path / "backup" / "media.tar"
    data = bytearray(archive.read_bytes())
    data[600] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(CommandError, match=r"media\.tar does not match its SHA-256"):
        call_command("restore", str(tmp_path / "backup"), "--check-only", stdout=io.StringIO())
    (tmp_path / "backup" / "manifest.json").unlink()
    with pytest.raises(CommandError, match=r"manifest\.json is missing"):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())


def test_sqlite_copy_restores_every_row_and_refuses_a_database_with_tables(tmp_path):
    original = tmp_path / "edufest.sqlite3"
    with sqlite3.connect(original) as database:
        database.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT)")
        database.execute("CREATE TABLE tickets (id INTEGER PRIMARY KEY, event_id INTEGER)")
        database.executemany("INSERT INTO events (title) VALUES (?)", [("Targi",), ("Festiwal",)])
        database.executemany("INSERT INTO tickets (event_id) VALUES (?)", [(1,), (1,), (2,)])
    (tmp_path / "backup").mkdir()

    counts = backup.backup_sqlite(original, tmp_path / "backup")
    restored = backup.restore_sqlite(tmp_path / "restored" / "edufest.sqlite3", tmp_path / "backup")

    assert counts == restored == {"events": 2, "tickets": 3}
    with sqlite3.connect(tmp_path / "restored" / "edufest.sqlite3") as database:
        assert database.execute("SELECT title FROM events ORDER BY id").fetchall() == [
            ("Targi",),
            ("Festiwal",),
        ]
    with pytest.raises(backup.BackupError, match="already has tables"):
        backup.restore_sqlite(original, tmp_path / "backup")
