"""Reads of the WZK roster: current and former members, the members without an account, and the
member's own area (``/wzk/moje/``)."""

import datetime
import math
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from cms.accounts.auth import is_staff_member
from events.checkin.models import CheckIn

from .access import current_members_on, is_member
from .models import (
    AgendaItem,
    Conclusion,
    Invitation,
    Meeting,
    MeetingDocument,
    Member,
    Minutes,
    PartnerMorning,
    Pillar,
    Recommendation,
    StudyVisit,
)

CURRENT, FORMER, ALL = "current", "former", "all"


def members_by_status(status, *, day=None, queryset=None):
    """Members whose term covers ``day`` (today) for ``current``; whose term has ended for
    ``former`` (the history); everybody for ``all``. A term that has not begun yet counts as current
    (the appointment is on the roster)."""
    day = day or timezone.localdate()
    queryset = Member.objects.all() if queryset is None else queryset
    ended = Q(term_to__isnull=False, term_to__lt=day)
    if status == FORMER:
        return queryset.filter(ended)
    if status == ALL:
        return queryset
    return queryset.exclude(ended)


def members_without_account(*, day=None):
    """Current members (and those appointed for a term to come) who cannot sign in yet."""
    return members_by_status(CURRENT, day=day).filter(user__isnull=True)


def appointments_of(user):
    """The WZK appointments of a signed-in person, newest term first, with their substitutes."""
    if not user.is_authenticated:
        return []
    return list(Member.objects.filter(user=user).prefetch_related("substitutes").order_by("-term_from", "pk"))


def is_on_the_roster(user):
    return user.is_authenticated and Member.objects.filter(user=user).exists()


def invitation_path(token):
    """The personal invitation page of ``token``: ``wzk:invitation`` when the meetings part of the
    app provides it, else its documented address ``/wzk/zaproszenie/<token>/``."""
    try:
        return reverse("wzk:invitation", kwargs={"token": token})
    except NoReverseMatch:
        return f"/wzk/zaproszenie/{token}/"


def member_invitations(members):
    """The invitations of ``members`` to meetings, newest meeting first, each with its ``path``."""
    invitations = list(
        Invitation.objects.filter(member__in=members)
        .select_related("meeting__event", "member")
        .order_by("-meeting__event__starts_at", "pk")
    )
    for invitation in invitations:
        invitation.path = invitation_path(invitation.token)
    return invitations


def published_minutes_of_terms(members):
    """Published minutes of the meetings held during the terms of ``members`` (members-only and
    public ones), newest first."""
    terms = Q(pk__in=[])
    for member in members:
        term = Q(meeting__event__starts_at__date__gte=member.term_from)
        if member.term_to:
            term &= Q(meeting__event__starts_at__date__lte=member.term_to)
        terms |= term
    return list(
        Minutes.objects.filter(terms, status=Minutes.Status.PUBLISHED)
        .select_related("meeting__event")
        .order_by("-meeting__event__starts_at")
    )


def member_area(user):
    """What the member's area shows: appointments, invitations and published minutes (a constant
    number of queries whatever the number of invitations)."""
    appointments = appointments_of(user)
    today = timezone.localdate()
    return {
        "appointments": appointments,
        "is_current": any(member.is_current_on(today) or member.term_from > today for member in appointments),
        "invitations": member_invitations(appointments),
        "minutes": published_minutes_of_terms(appointments),
    }


# --- meetings and invitations ------------------------------------------------------------------


def invitation_by_token(token):
    """The invitation of a personal link with its meeting and event, or None."""
    return (
        Invitation.objects.select_related("meeting__event", "member", "registration__ticket")
        .filter(token=token)
        .first()
    )


def meeting_of_event(event):
    return Meeting.objects.filter(event=event).first()


def meeting_with_details(meeting_id):
    return (
        Meeting.objects.select_related("event")
        .prefetch_related("agenda_items__attachment", "documents__document")
        .filter(pk=meeting_id)
        .first()
    )


def agenda(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting).select_related("attachment").order_by("sort_order")
    )


def member_documents(meeting):
    return list(
        MeetingDocument.objects.filter(meeting=meeting).select_related("document").order_by("sort_order")
    )


def meeting_document_ids(meeting):
    """Ids of every Wagtail document of a meeting meant for its members: documents and attachments."""
    ids = set(MeetingDocument.objects.filter(meeting=meeting).values_list("document_id", flat=True))
    ids |= set(
        AgendaItem.objects.filter(meeting=meeting, attachment__isnull=False).values_list(
            "attachment_id", flat=True
        )
    )
    return ids


def replies(meeting):
    """Every invitation of a meeting with the invitee, for the staff's replies list."""
    return (
        Invitation.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__last_name", "member__first_name", "guest_name", "pk")
    )


def reply_counts(meeting):
    """``{"total", "pending", "yes", "no", "substitute"}`` in one query."""
    answers = Invitation.Answer
    counts = Invitation.objects.filter(meeting=meeting).aggregate(
        total=Count("pk"),
        **{answer.value: Count("pk", filter=Q(answer=answer.value)) for answer in answers},
    )
    return counts


def unanswered(meeting):
    return Invitation.objects.filter(meeting=meeting, answer=Invitation.Answer.PENDING, sent_at__isnull=False)


# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------

# Online presence may be confirmed from this long before the start until the end of the meeting.
ONLINE_PRESENCE_BEFORE = datetime.timedelta(minutes=15)
# How long after the presentations were sent an attendee's personal link still downloads them.
PRESENTATIONS_LINK_DAYS = 60

MEMBER, SUBSTITUTE, GUEST = "member", "substitute", "guest"
DOOR, ONLINE = "door", "online"


@dataclass(frozen=True)
class Attendee:
    """One line of an attendance list: a member, a substitute in a member's place, or a guest."""

    invitation_id: int
    kind: str  # MEMBER, SUBSTITUTE or GUEST
    name: str
    institution: str
    pillar: str = ""  # the label of the member's pillar (a substitute: the member's)
    for_member: str = ""  # a substitute: the member they stand in for
    counts: bool = True  # a member current on the meeting's day (guests never count)
    checked_in_at: datetime.datetime | None = None
    online_at: datetime.datetime | None = None

    @property
    def present(self):
        return self.checked_in_at is not None or self.online_at is not None

    @property
    def how(self):
        """DOOR (checked in on a check-in list), ONLINE (confirmed through the link) or ""."""
        if self.checked_in_at is not None:
            return DOOR
        return ONLINE if self.online_at is not None else ""

    @property
    def present_at(self):
        return self.checked_in_at or self.online_at


@dataclass(frozen=True)
class Attendance:
    """Who was invited and who attended a meeting, and the quorum.

    The quorum counts the present members and the substitutes present in a member's place against
    the members current on the meeting's day; ``required`` is that number times the meeting's
    ``quorum_share``, rounded up.
    """

    members: list = field(default_factory=list)
    substitutes: list = field(default_factory=list)
    guests: list = field(default_factory=list)
    current_members: int = 0
    quorum_share: Decimal = Decimal("0.50")

    @property
    def present_members(self):
        return [attendee for attendee in self.members if attendee.present]

    @property
    def present_substitutes(self):
        return [attendee for attendee in self.substitutes if attendee.present]

    @property
    def present_guests(self):
        return [attendee for attendee in self.guests if attendee.present]

    @property
    def attendees(self):
        return [*self.present_members, *self.present_substitutes, *self.present_guests]

    @property
    def counted(self):
        return sum(1 for attendee in (*self.present_members, *self.present_substitutes) if attendee.counts)

    @property
    def required(self):
        return math.ceil(self.current_members * Decimal(self.quorum_share))

    @property
    def quorum_met(self):
        return self.current_members > 0 and self.counted >= self.required

    @property
    def quorum_percent(self):
        return int(Decimal(self.quorum_share) * 100)

    def present_only(self):
        """The same attendance with the absent left out (the list attached to the minutes)."""
        return Attendance(
            members=self.present_members,
            substitutes=self.present_substitutes,
            guests=self.present_guests,
            current_members=self.current_members,
            quorum_share=self.quorum_share,
        )

    def to_record(self):
        """A JSON-able copy, kept with the approved minutes (``Minutes.attendance``)."""

        def row(attendee):
            data = asdict(attendee)
            for key in ("checked_in_at", "online_at"):
                data[key] = data[key].isoformat() if data[key] else None
            return data

        return {
            "members": [row(a) for a in self.members],
            "substitutes": [row(a) for a in self.substitutes],
            "guests": [row(a) for a in self.guests],
            "current_members": self.current_members,
            "quorum_share": str(self.quorum_share),
        }

    @classmethod
    def from_record(cls, record):
        def attendee(data):
            data = dict(data)
            for key in ("checked_in_at", "online_at"):
                data[key] = parse_datetime(data[key]) if data.get(key) else None
            return Attendee(**data)

        return cls(
            members=[attendee(a) for a in record.get("members", [])],
            substitutes=[attendee(a) for a in record.get("substitutes", [])],
            guests=[attendee(a) for a in record.get("guests", [])],
            current_members=record.get("current_members", 0),
            quorum_share=Decimal(record.get("quorum_share", "0.50")),
        )


def _meeting_day(meeting):
    return timezone.localtime(meeting.event.starts_at).date()


def invitations_with_presence(meeting):
    """The meeting's invitations with ``checked_in_at``: the first check-in of the invitation's
    ticket on any check-in list of the event (the door scanner and staff's ticks), or None."""
    first_checkin = (
        CheckIn.objects.filter(
            ticket__registration=OuterRef("registration_id"),
            checkin_list__event_id=meeting.event_id,
            people__gt=0,
        )
        .values("ticket__registration")
        .annotate(first=Min("first_at"))
        .values("first")[:1]
    )
    return (
        Invitation.objects.filter(meeting=meeting)
        .select_related("member", "registration__ticket")
        .annotate(checked_in_at=Subquery(first_checkin))
        .order_by("member__last_name", "member__first_name", "guest_name", "pk")
    )


def attendance_of(meeting, invitations=None):
    """The meeting's ``Attendance`` as it is now (two queries)."""
    invitations = list(invitations if invitations is not None else invitations_with_presence(meeting))
    day = _meeting_day(meeting)
    pillars = dict(Pillar.choices)
    members, substitutes, guests = [], [], []
    for invitation in invitations:
        presence = {"checked_in_at": invitation.checked_in_at, "online_at": invitation.present_online_at}
        if invitation.is_guest:
            guests.append(
                Attendee(
                    invitation_id=invitation.pk,
                    kind=GUEST,
                    name=invitation.guest_name,
                    institution=invitation.guest_institution,
                    counts=False,
                    **presence,
                )
            )
            continue
        member = invitation.member
        common = {
            "invitation_id": invitation.pk,
            "pillar": str(pillars.get(member.pillar, member.pillar)),
            "counts": member.is_current_on(day),
            **presence,
        }
        if invitation.answer == Invitation.Answer.SUBSTITUTE and invitation.substitute_name:
            substitutes.append(
                Attendee(
                    kind=SUBSTITUTE,
                    name=invitation.substitute_name,
                    institution=invitation.substitute_institution or member.institution,
                    for_member=member.name,
                    **common,
                )
            )
        else:
            members.append(Attendee(kind=MEMBER, name=member.name, institution=member.institution, **common))
    return Attendance(
        members=members,
        substitutes=sorted(substitutes, key=lambda a: a.name),
        guests=guests,
        current_members=current_members_on(day).count(),
        quorum_share=meeting.quorum_share,
    )


def recorded_attendance(minutes):
    """The attendance kept with approved minutes, else the meeting's as it is now."""
    if minutes.attendance:
        return Attendance.from_record(minutes.attendance)
    return attendance_of(minutes.meeting)


def meetings_for_attendance():
    """Staff's list of meetings with their minutes' status (newest first)."""
    return Meeting.objects.select_related("event", "minutes").order_by("-event__starts_at")


def meeting_for_staff(pk):
    return Meeting.objects.select_related("event").prefetch_related("agenda_items").filter(pk=pk).first()


def minutes_with_comments(pk):
    return (
        Minutes.objects.select_related("meeting__event", "approved_by")
        .prefetch_related("comments__invitation__member")
        .filter(pk=pk)
        .first()
    )


def online_presence_window(meeting):
    """``(opens, closes)``: when an invitee may confirm presence online."""
    return meeting.event.starts_at - ONLINE_PRESENCE_BEFORE, meeting.event.ends_at


def online_presence_open(meeting, now=None):
    """Whether invitees may confirm presence online now (an online or hybrid meeting, in its window)."""
    if meeting.mode == Meeting.Mode.IN_PERSON:
        return False
    opens, closes = online_presence_window(meeting)
    return opens <= (now or timezone.now()) < closes


def is_present(invitation):
    """Whether the invitee attended: checked in on a list of the event, or confirmed online."""
    if invitation.present_online_at is not None:
        return True
    if invitation.registration_id is None:
        return False
    return CheckIn.objects.filter(
        ticket__registration_id=invitation.registration_id,
        checkin_list__event_id=invitation.meeting.event_id,
        people__gt=0,
    ).exists()


def comments_open(minutes, now=None):
    now = now or timezone.now()
    return (
        minutes.status == Minutes.Status.IN_COMMENTS
        and minutes.comments_until is not None
        and now < minutes.comments_until
    )


def may_comment(invitation, minutes, now=None):
    """Members invited to the meeting comment on its minutes while they are out for comments
    (guests do not)."""
    return (
        invitation is not None
        and not invitation.is_guest
        and invitation.meeting_id == minutes.meeting_id
        and comments_open(minutes, now)
    )


def invitation_of_user(user, meeting):
    """The signed-in member's own invitation to ``meeting`` (their appointment's), or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Invitation.objects.select_related("meeting__event", "member")
        .filter(meeting=meeting, member__user=user)
        .first()
    )


def own_comments(minutes, invitation):
    return list(minutes.comments.filter(invitation=invitation).order_by("created_at"))


def minutes_visible_to(user, minutes):
    """Published minutes: public ones for everybody, members-only ones for the meeting's members
    (``events.wzk.access.is_member``)."""
    if minutes is None or minutes.status != Minutes.Status.PUBLISHED:
        return False
    return minutes.visibility == Minutes.Visibility.PUBLIC or is_member(user, minutes.meeting.event)


def published_minutes_for(user):
    """The published minutes ``user`` may read, newest meeting first: every public one, and the
    members-only ones of the meetings they are a member for (``access.is_member``: staff; a
    member whose term covers the meeting's day; a guest invited by a verified address)."""
    published = (
        Minutes.objects.filter(status=Minutes.Status.PUBLISHED)
        .select_related("meeting__event")
        .order_by("-meeting__event__starts_at")
    )
    public = Q(visibility=Minutes.Visibility.PUBLIC)
    if user is None or not user.is_authenticated or not user.is_active:
        return published.filter(public)
    if is_staff_member(user) or user.is_staff:
        return published
    # is_member as a filter: a term of the user's appointments covers the meeting's day, or the
    # user is a guest invited by a verified address (a constant number of queries).
    terms = Member.objects.filter(user=user).values_list("term_from", "term_to")
    member = Q(pk__in=[])
    for term_from, term_to in terms:
        day = Q(meeting__event__starts_at__date__gte=term_from)
        if term_to is not None:
            day &= Q(meeting__event__starts_at__date__lte=term_to)
        member |= day
    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    guest = Q(meeting__invitations__member__isnull=True, meeting__invitations__guest_email__in=list(emails))
    return published.filter(public | member | guest).distinct()


def event_page_minutes(user, event):
    """What the meeting's event page says of its minutes: ``minutes`` if published and ``user``
    may read them, ``for_members`` if published for members ``user`` is not one of."""
    minutes = Minutes.objects.select_related("meeting__event").filter(meeting__event=event).first()
    if minutes is None or minutes.status != Minutes.Status.PUBLISHED:
        return {"minutes": None, "for_members": False}
    if minutes_visible_to(user, minutes):
        return {"minutes": minutes, "for_members": False}
    return {"minutes": None, "for_members": True}


def presentations_of(meeting):
    return list(
        MeetingDocument.objects.filter(meeting=meeting, is_presentation=True)
        .select_related("document")
        .order_by("sort_order", "pk")
    )


def presentation_link_open(invitation, now=None):
    """An attendee's personal link downloads the presentations for a while after they were sent."""
    sent = invitation.meeting.presentations_sent_at
    if sent is None:
        return False
    now = now or timezone.now()
    return now < sent + datetime.timedelta(days=PRESENTATIONS_LINK_DAYS) and is_present(invitation)


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
