"""Staff edit the certificate settings of events and see the certificates."""

from django.db import migrations

from cms.accounts.roles import grant_permissions

PERMISSIONS = [
    "certificates.add_certificatesettings",
    "certificates.change_certificatesettings",
    "certificates.delete_certificatesettings",
    "certificates.view_certificatesettings",
    "certificates.view_certificate",
]


def grant(apps, schema_editor):
    grant_permissions(apps, ["Staff"], PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_certificate_settings_and_certificates"),
        ("cms", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
