"""Staff manage ticket types, questions and invitation codes and may view registrations."""

from django.db import migrations

MODELS = {"tickettype": "add change delete view", "question": "add change delete view",
          "invitationcode": "add change delete view", "registration": "view"}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("registration")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _created = Group.objects.get_or_create(name="Staff")
    for model, actions in MODELS.items():
        for action in actions.split():
            permission = Permission.objects.filter(
                content_type__app_label="registration", codename=f"{action}_{model}"
            ).first()
            if permission is not None:
                staff.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0002_reminders_and_cancelled_by"),
        ("cms", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
