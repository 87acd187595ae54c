"""The Counter role: a group staff give volunteers who may only count visitors (the counter page
and its API); staff and Edubus coordinators count without it."""

from django.db import migrations


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Counter")


class Migration(migrations.Migration):
    dependencies = [("counting", "0001_head_counts"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_role, migrations.RunPython.noop)]
