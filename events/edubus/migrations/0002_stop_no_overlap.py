"""On PostgreSQL, a safety net behind the scheduling rules: no two live stops of one vehicle overlap.

SQLite has no exclusion constraints, so there the operation does nothing; the rules in
``scheduling.py`` stay the primary guard everywhere.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE edubus_stop ADD CONSTRAINT edubus_stop_no_overlap EXCLUDE USING gist (
    vehicle_id WITH =, tstzrange(arrival, departure, '[)') WITH &&
) WHERE (status <> 'cancelled');
"""
DROP = "ALTER TABLE edubus_stop DROP CONSTRAINT IF EXISTS edubus_stop_no_overlap;"


def create_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("edubus", "0001_initial")]

    operations = [migrations.RunPython(create_constraint, drop_constraint)]
