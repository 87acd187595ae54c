"""Staff and Edubus coordinators manage the Edubus models in the Wagtail admin."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    "edubus.add_vehicle",
    "edubus.change_vehicle",
    "edubus.delete_vehicle",
    "edubus.view_vehicle",
    "edubus.add_crewmember",
    "edubus.change_crewmember",
    "edubus.delete_crewmember",
    "edubus.view_crewmember",
    "edubus.add_blackout",
    "edubus.change_blackout",
    "edubus.delete_blackout",
    "edubus.view_blackout",
    "edubus.add_stop",
    "edubus.change_stop",
    "edubus.delete_stop",
    "edubus.view_stop",
    "edubus.add_stopreport",
    "edubus.change_stopreport",
    "edubus.delete_stopreport",
    "edubus.view_stopreport",
    "edubus.add_visitrequest",
    "edubus.change_visitrequest",
    "edubus.delete_visitrequest",
    "edubus.view_visitrequest",
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff", "Edubus coordinator"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("edubus", "0002_stop_no_overlap"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
