"""The Exhibitor role: the group of the people who act for an exhibiting institution."""

from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Exhibitor")


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Exhibitor").delete()


class Migration(migrations.Migration):
    dependencies = [("fairs", "0001_exhibitors_stands_plans"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, delete_group)]
