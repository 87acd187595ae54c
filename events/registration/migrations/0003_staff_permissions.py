"""Staff manage ticket types, questions and invitation codes and may view registrations."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    "registration.add_tickettype",
    "registration.change_tickettype",
    "registration.delete_tickettype",
    "registration.view_tickettype",
    "registration.add_question",
    "registration.change_question",
    "registration.delete_question",
    "registration.view_question",
    "registration.add_invitationcode",
    "registration.change_invitationcode",
    "registration.delete_invitationcode",
    "registration.view_invitationcode",
    "registration.view_registration",
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0002_reminders_and_cancelled_by"),
        ("cms", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
