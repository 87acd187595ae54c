"""The minutes helper's demo: a past meeting with attendance, the quorum met, published minutes."""

from wagtail import hooks

from cms.hooks import SEED_DEMO
from events.wzk import queries
from events.wzk.models import Invitation, Minutes


def seed(home):
    for fn in hooks.get_hooks(SEED_DEMO):
        if fn.__module__ in ("events.wagtail_hooks", "events.wzk.wagtail_hooks"):
            fn(home=home, stdout=None)


def test_the_demo_past_meeting_has_attendance_quorum_and_published_minutes_once(demo_site):
    seed(demo_site)
    first = (Invitation.objects.count(), Minutes.objects.count())
    seed(demo_site)

    minutes = Minutes.objects.select_related("meeting__event").get()
    attendance = queries.recorded_attendance(minutes)
    assert (Invitation.objects.count(), Minutes.objects.count()) == first
    assert minutes.meeting.event.slug == "posiedzenie-wzk-protokol"
    assert (minutes.status, minutes.visibility) == (Minutes.Status.PUBLISHED, Minutes.Visibility.MEMBERS)
    assert attendance.quorum_met
    assert {a.how for a in attendance.attendees} == {"door", "online"}
    assert [a.name for a in attendance.present_substitutes] == ["Tomasz Zastępczy"]
    assert [a.name for a in attendance.present_guests] == ["Halina Gościnna"]
    assert minutes.comments.filter(resolved_at__isnull=False).count() == 1
