"""The meetings demo (SEED_DEMO order 71): an upcoming meeting with invitations and replies, once."""

import pytest
from wagtail import hooks

from cms.hooks import SEED_DEMO
from events.registration.models import Registration
from events.wzk.models import AgendaItem, Invitation, Meeting, MeetingDocument, Member

pytestmark = pytest.mark.django_db


def seed(home):
    for fn in hooks.get_hooks(SEED_DEMO):
        if fn.__module__ == "events.wagtail_hooks" or fn.__name__ == "seed_wzk_meetings":
            fn(home=home, stdout=None)


def counts():
    models = (Member, Meeting, AgendaItem, MeetingDocument, Invitation, Registration)
    return tuple(model.objects.count() for model in models)


def test_the_demo_meeting_has_invitations_and_a_mix_of_replies_once(demo_site):
    seed(demo_site)
    first = counts()
    seed(demo_site)

    assert counts() == first
    meeting = Meeting.objects.get(event__slug="posiedzenie-wzk")
    answers = sorted(meeting.invitations.values_list("answer", flat=True))
    assert answers == ["no", "pending", "pending", "substitute", "yes", "yes"]  # 5 members and a guest
    assert meeting.invitations.filter(sent_at__isnull=True).count() == 0
    assert meeting.event.online_url
    assert (meeting.agenda_items.count(), meeting.documents.count()) == (5, 2)
