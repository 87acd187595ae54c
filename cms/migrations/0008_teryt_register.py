import django.db.models.deletion
from django.db import migrations, models


def load_shipped_register(apps, schema_editor):
    from cms.places.teryt import SHIPPED_TERC, load_terc, read_terc

    load_terc(
        read_terc(SHIPPED_TERC),
        Voivodeship=apps.get_model("cms", "Voivodeship"),
        County=apps.get_model("cms", "County"),
        Municipality=apps.get_model("cms", "Municipality"),
    )


class Migration(migrations.Migration):
    dependencies = [("cms", "0007_mfa_enrolment_links")]

    operations = [
        migrations.CreateModel(
            name="Voivodeship",
            fields=[
                ("code", models.CharField(max_length=2, primary_key=True, serialize=False, verbose_name="TERYT code")),
                ("name", models.CharField(max_length=60, verbose_name="name")),
                ("in_register", models.BooleanField(default=True, verbose_name="in the current register")),
                ("register_date", models.DateField(verbose_name="register state as of")),
            ],
            options={"verbose_name": "voivodeship", "verbose_name_plural": "voivodeships", "ordering": ["name"]},
        ),
        migrations.CreateModel(
            name="County",
            fields=[
                ("code", models.CharField(max_length=4, primary_key=True, serialize=False, verbose_name="TERYT code")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("kind", models.CharField(blank=True, max_length=60, verbose_name="kind")),
                ("in_register", models.BooleanField(default=True, verbose_name="in the current register")),
                ("register_date", models.DateField(verbose_name="register state as of")),
                (
                    "voivodeship",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="counties",
                        to="cms.voivodeship",
                        verbose_name="voivodeship",
                    ),
                ),
            ],
            options={"verbose_name": "county", "verbose_name_plural": "counties", "ordering": ["code"]},
        ),
        migrations.CreateModel(
            name="Municipality",
            fields=[
                ("code", models.CharField(max_length=7, primary_key=True, serialize=False, verbose_name="TERYT code")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("kind", models.CharField(blank=True, max_length=60, verbose_name="kind")),
                ("in_register", models.BooleanField(default=True, verbose_name="in the current register")),
                ("register_date", models.DateField(verbose_name="register state as of")),
                (
                    "county",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="municipalities",
                        to="cms.county",
                        verbose_name="county",
                    ),
                ),
            ],
            options={"verbose_name": "gmina", "verbose_name_plural": "gminas", "ordering": ["code"]},
        ),
        migrations.RunPython(load_shipped_register, migrations.RunPython.noop),
    ]
