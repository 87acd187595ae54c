"""The Staff group manages the jury's rounds, criteria, jurors' declarations and public votes."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    "jury.add_round",
    "jury.change_round",
    "jury.delete_round",
    "jury.view_round",
    "jury.add_criterion",
    "jury.change_criterion",
    "jury.delete_criterion",
    "jury.view_criterion",
    "jury.add_jurorprofile",
    "jury.change_jurorprofile",
    "jury.delete_jurorprofile",
    "jury.view_jurorprofile",
    "jury.add_votewindow",
    "jury.change_votewindow",
    "jury.delete_votewindow",
    "jury.view_votewindow",
    "jury.add_externalfigure",
    "jury.change_externalfigure",
    "jury.delete_externalfigure",
    "jury.view_externalfigure",
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("jury", "0001_initial"), ("cms", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
