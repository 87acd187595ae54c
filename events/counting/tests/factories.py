import datetime
import uuid

import factory
from django.contrib.auth.models import Group

from events.checkin.tests.factories import EventPageFactory, UserFactory
from events.counting.models import COUNTER, Category, HeadCount
from events.counting.queries import WARSAW


def counter_user(**kwargs):
    """A volunteer with only the Counter role (no MFA: the role sees no personal data)."""
    user = UserFactory(**kwargs)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=COUNTER)[0])
    return user


class HeadCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HeadCount

    event = factory.SubFactory(EventPageFactory)
    hour = datetime.datetime(2026, 12, 1, 10, tzinfo=WARSAW)
    category = Category.PUPILS
    delta = 1
    client_id = factory.LazyFunction(uuid.uuid4)
