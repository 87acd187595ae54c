"""Reads of the WZK (each with the joins its page needs, so lists run a constant number of queries)."""

import datetime

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import current_members_on
from .models import Conclusion, Invitation, Member, PartnerMorning, Recommendation, StudyVisit

# --- recs: partner mornings, recommendations, study visits, the member's calendar feed ---------

# Recommendations the public site may show: adopted by the WZK, or further on.
SHOWN_STATUSES = (
    Recommendation.Status.ADOPTED,
    Recommendation.Status.SENT,
    Recommendation.Status.ANSWERED,
    Recommendation.Status.IMPLEMENTED,
)
# How far back the member's private feed reaches.
FEED_PAST_DAYS = 365


def partner_morning_of(event):
    """The partner morning beside an event page, or None."""
    return PartnerMorning.objects.filter(event_id=event.pk).first()


def recommendation_register():
    """Every recommendation, with its sources and the meeting that adopted it."""
    return Recommendation.objects.select_related(
        "source_morning__event",
        "source_meeting__event",
        "source_visit",
        "adopted_at__event",
        "conclusion",
    )


def public_recommendations():
    """The recommendations staff marked public that the WZK adopted (and later), newest first."""
    return (
        recommendation_register()
        .filter(is_public=True, status__in=SHOWN_STATUSES)
        .order_by("-adopted_at__event__starts_at", "-number")
    )


def recommendation_numbers(year):
    """The numbers ``R/<year>/<n>`` already used in ``year``."""
    return Recommendation.objects.filter(number__startswith=f"R/{year}/").values_list("number", flat=True)


def conclusion_with_morning(pk):
    return Conclusion.objects.select_related("morning__event").filter(pk=pk).first()


def members_for_visit_choice():
    return Member.objects.order_by("last_name", "first_name", "-term_from")


def members_not_current_during(members, starts_on, ends_on):
    """Those of ``members`` whose term does not cover every day of ``starts_on`` to ``ends_on``."""
    covering = set(
        current_members_on(starts_on)
        .filter(Q(term_to__isnull=True) | Q(term_to__gte=ends_on))
        .values_list("pk", flat=True)
    )
    return [member for member in members if member.pk not in covering]


def visits_between(start, end):
    return StudyVisit.objects.filter(starts_on__gte=start, starts_on__lte=end).prefetch_related(
        "participants"
    )


def member_for_user(user):
    """The user's current WZK appointment (the latest one if several), or None."""
    if user is None or not user.is_authenticated:
        return None
    return current_members_on(timezone.localdate()).filter(user=user).order_by("-term_from").first()


def member_by_calendar_token(token):
    if not token:
        return None
    return Member.objects.filter(calendar_token=token).first()


def member_feed_invitations(member):
    """The member's invitations to live meetings from a year ago on, with what the feed writes."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    return (
        Invitation.objects.filter(
            member=member, meeting__event__live=True, meeting__event__ends_at__gte=since
        )
        .select_related("meeting__event")
        .prefetch_related("meeting__agenda_items", "meeting__event__audiences")
        .order_by("meeting__event__starts_at")
    )


def meeting_attendance_between(since, until):
    """Invitations of meetings starting in ``[since, until)`` with who attended: a checked-in
    ticket (``checked_in``: the most people of any check-in, as the registrations' reach counts)
    or a presence confirmed online."""
    return (
        Invitation.objects.filter(meeting__event__starts_at__gte=since, meeting__event__starts_at__lt=until)
        .select_related("meeting__event", "member", "registration")
        .annotate(checked_in=Coalesce(Max("registration__ticket__checkins__people"), 0))
        .order_by("meeting_id", "pk")
    )


def meeting_label(meeting):
    """A meeting as the register names it: its number (or title) and date."""
    day = timezone.localtime(meeting.event.starts_at).date()
    return f"{meeting.number or meeting.event.title} ({day:%d.%m.%Y})"


def recommendation_source(recommendation):
    """The source as text: the partner morning's topic, the meeting or the study visit."""
    if recommendation.source_morning_id:
        return _("Partner morning: %(topic)s") % {"topic": recommendation.source_morning.topic}
    if recommendation.source_meeting_id:
        return _("Meeting: %(meeting)s") % {"meeting": meeting_label(recommendation.source_meeting)}
    if recommendation.source_visit_id:
        visit = recommendation.source_visit
        return _("Study visit: %(title)s (%(country)s)") % {"title": visit.title, "country": visit.country}
    return ""


SOURCE_KINDS = ("morning", "meeting", "visit")


def filter_register(recommendations, *, status="", source="", year=""):
    """The register filtered as its admin list is: by status, by kind of source, by year (of the
    number ``R/<year>/…``, else of the record)."""
    if status in Recommendation.Status.values:
        recommendations = recommendations.filter(status=status)
    if source in SOURCE_KINDS:
        recommendations = recommendations.filter(**{f"source_{source}__isnull": False})
    if str(year).isdigit():
        recommendations = recommendations.filter(
            Q(number__startswith=f"R/{year}/") | (~Q(number__startswith="R/") & Q(created_at__year=int(year)))
        )
    return recommendations


def register_years():
    years = set()
    for number, created_at in Recommendation.objects.values_list("number", "created_at"):
        parts = number.split("/")
        years.add(
            int(parts[1]) if len(parts) == 3 and parts[0] == "R" and parts[1].isdigit() else created_at.year
        )
    return sorted(years, reverse=True)
