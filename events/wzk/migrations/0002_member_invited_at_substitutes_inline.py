# Roster: when a member was invited to sign in; substitutes are edited inline with their member.

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('wzk', '0001_wzk_roster_meetings_minutes_recommendations'),
    ]

    operations = [
        migrations.AddField(
            model_name='member',
            name='invited_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='invited to sign in'),
        ),
        migrations.AlterField(
            model_name='substitute',
            name='member',
            field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='substitutes', to='wzk.member'),
        ),
    ]
