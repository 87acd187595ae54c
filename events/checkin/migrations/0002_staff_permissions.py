"""Staff manage check-in lists, read the scan log and issue their own scanner API tokens."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    "checkin.add_checkinlist",
    "checkin.change_checkinlist",
    "checkin.delete_checkinlist",
    "checkin.view_checkinlist",
    "checkin.view_scan",
    "checkin.view_checkin",
    "wagtailcore.add_apitoken",
    "wagtailcore.change_apitoken",
    "wagtailcore.delete_apitoken",
    "wagtailcore.view_apitoken",
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("checkin", "0001_initial"),
        ("cms", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
