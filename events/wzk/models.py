"""The WZK as a body: its roster, its meetings (invitations, attendance, minutes), partner
mornings with their conclusions, study visits and the recommendations to the voivodeship board.

A meeting or a partner morning is an ``events.EventPage`` (kind ``meeting`` or ``workshop``) with
a ``Meeting`` or ``PartnerMorning`` record beside it that holds the workflow; the event page keeps
date, place and online link, and ``events.wzk.access`` decides who sees its member details.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from cms.places.fields import CountyCodeField, MunicipalityCodeField, VoivodeshipCodeField


def new_token():
    """256 bits, URL-safe: personal invitation links and private feed addresses."""
    return secrets.token_urlsafe(32)


ANONYMISED_DOMAIN = "anonim.invalid"


class Pillar(models.TextChoices):
    EDUCATION = "education", _("education")
    ECONOMY = "economy", _("economy")
    STRATEGY = "strategy", _("strategic management")
    EU_FUNDS = "eu_funds", _("European funds")
    SOCIAL_DIALOGUE = "social_dialogue", _("social dialogue")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    MEMBER = "member", _("member")
    SECRETARY = "secretary", _("secretary (coordination office)")


class Member(ClusterableModel):
    """One appointment to the WZK: a person on the roster for a term.

    A re-appointed person gets a new row for the new term; a row whose term has ended is a former
    member and stays for the history (attendance lists and minutes name them). ``user`` is the
    allauth account the member signs in with, made when staff invite them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wzk_memberships",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    institution = models.CharField(_("institution"), max_length=255)
    pillar = models.CharField(_("pillar"), max_length=20, choices=Pillar.choices)
    role = models.CharField(_("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER)
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(
        _("term to"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    resolution_number = models.CharField(_("appointing resolution number"), max_length=60, blank=True)
    resolution_date = models.DateField(_("appointing resolution date"), null=True, blank=True)
    voivodeship = VoivodeshipCodeField(_("voivodeship"), max_length=40, blank=True)
    county = CountyCodeField(_("county (powiat)"), max_length=40, blank=True)
    municipality_code = MunicipalityCodeField(_("gmina"), max_length=7, blank=True)
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    invited_at = models.DateTimeField(_("invited to sign in"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("WZK member")
        verbose_name_plural = _("WZK members")
        ordering = ["last_name", "first_name", "-term_from"]
        indexes = [models.Index(fields=["term_from", "term_to"]), models.Index(fields=["email"])]
        constraints = [
            models.UniqueConstraint(fields=["email", "term_from"], name="wzk_member_term_unique"),
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=models.F("term_from")),
                name="wzk_member_term_order",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.institution})"

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def anonymised_email(self):
        """What stands in for the address of an anonymised appointment: unique per row (the
        roster's key is the address with the term) and never deliverable (``.invalid``)."""
        return f"usunieto-{self.pk}@{ANONYMISED_DOMAIN}"

    def is_current_on(self, day):
        return self.term_from <= day and (self.term_to is None or day <= self.term_to)

    @property
    def is_current(self):
        return self.is_current_on(timezone.localdate())


class Substitute(models.Model):
    """A standing substitute a member's institution named (zastępca); an invitation's answer may
    also name someone else."""

    member = ParentalKey(Member, on_delete=models.CASCADE, related_name="substitutes")
    name = models.CharField(_("name"), max_length=200)
    institution = models.CharField(_("institution"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("substitute")
        verbose_name_plural = _("substitutes")
        ordering = ["member", "name"]

    def __str__(self):
        return self.name


class Meeting(ClusterableModel):
    """A WZK meeting (posiedzenie) beside its event page: agenda, documents, invitations, minutes."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("in person and online")

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, related_name="wzk_meeting", verbose_name=_("event")
    )
    number = models.CharField(_("number"), max_length=60, blank=True, help_text=_("e.g. 12th meeting"))
    mode = models.CharField(_("form"), max_length=12, choices=Mode.choices, default=Mode.IN_PERSON)
    quorum_share = models.DecimalField(
        _("quorum"),
        max_digits=3,
        decimal_places=2,
        default=0.5,
        help_text=_("The share of current members who must be present, e.g. 0.50 for half."),
    )
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True, editable=False)
    presentations_sent_at = models.DateTimeField(
        _("presentations sent"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("WZK meeting")
        verbose_name_plural = _("WZK meetings")
        ordering = ["-event__starts_at"]

    def __str__(self):
        return " · ".join(part for part in (self.number, self.event.title) if part)


class AgendaItem(Orderable):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("title"), max_length=255)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("attachment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self):
        return self.title


class MeetingDocument(Orderable):
    """A document for members (materials, presentations); kept in the members' private collection."""

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    is_presentation = models.BooleanField(
        _("presentation"), default=False, help_text=_("Sent to the attendees after the meeting.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("document for members")
        verbose_name_plural = _("documents for members")

    def __str__(self):
        return self.document.title


class Invitation(models.Model):
    """A personal invitation to a meeting: to a member on the roster, or to a guest staff named.

    The link ``/wzk/zaproszenie/<token>/`` is the invitee's capability: it answers (yes, no, a
    substitute), changes the answer until the meeting starts, shows the online link and documents,
    and confirms presence online during the meeting; it stops working when the meeting has ended.
    A yes (or a substitute) holds a registration with a ticket on the event, so the door scanner
    and the check-in lists of the event record presence like at any event.
    """

    class Answer(models.TextChoices):
        PENDING = "pending", _("no answer yet")
        YES = "yes", _("will attend")
        NO = "no", _("will not attend")
        SUBSTITUTE = "substitute", _("sends a substitute")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    guest_name = models.CharField(_("guest"), max_length=200, blank=True)
    guest_email = models.EmailField(_("guest's e-mail"), blank=True)
    guest_institution = models.CharField(_("guest's institution"), max_length=255, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices, default=Answer.PENDING)
    substitute_name = models.CharField(_("substitute"), max_length=200, blank=True)
    substitute_institution = models.CharField(_("substitute's institution"), max_length=255, blank=True)
    substitute_email = models.EmailField(_("substitute's e-mail"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    present_online_at = models.DateTimeField(_("presence confirmed online"), null=True, blank=True)
    registration = models.OneToOneField(
        "registration.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wzk_invitation",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "member__last_name", "guest_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(member__isnull=False),
                name="wzk_invitation_member_unique",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(guest_email=""), name="wzk_invitation_member_or_guest"
            ),
        ]

    def __str__(self):
        return f"{self.name} → {self.meeting}"

    @property
    def is_guest(self):
        return self.member_id is None

    @property
    def name(self):
        return self.member.name if self.member_id else self.guest_name

    @property
    def email(self):
        return self.member.email if self.member_id else self.guest_email

    @property
    def institution(self):
        return self.member.institution if self.member_id else self.guest_institution


class Minutes(models.Model):
    """The protokół of a meeting: drafted by staff, sent to the members for comments until
    ``comments_until``, approved, then published to the members or to the public."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_COMMENTS = "in_comments", _("sent to members for comments")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("members only")
        PUBLIC = "public", _("public")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    body = RichTextField(
        _("minutes"), blank=True, help_text=_("The agenda, the discussion, the conclusions.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    visibility = models.CharField(
        _("published to"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    comments_until = models.DateTimeField(_("comments until"), null=True, blank=True)
    sent_for_comments_at = models.DateTimeField(_("sent for comments"), null=True, blank=True, editable=False)
    attendance = models.JSONField(
        _("attendance"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Who attended and the quorum, recorded when the minutes are approved."),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return str(self.meeting)


class MinutesComment(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="minutes_comments")
    text = models.TextField(pgettext_lazy("minutes", "comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment on the minutes")
        verbose_name_plural = _("comments on the minutes")
        ordering = ["minutes", "created_at"]

    def __str__(self):
        return self.text[:60]


class PartnerMorning(ClusterableModel):
    """A partner morning (poranek partnerski) beside its event page: the topic, the notes taken,
    and the conclusions presented to the WZK."""

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, related_name="partner_morning", verbose_name=_("event")
    )
    topic = models.CharField(_("topic"), max_length=255)
    notes = RichTextField(_("notes"), blank=True)
    presented_at = models.ForeignKey(
        Meeting,
        verbose_name=_("presented at the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_mornings",
    )

    class Meta:
        verbose_name = _("partner morning")
        verbose_name_plural = _("partner mornings")
        ordering = ["-event__starts_at"]

    def __str__(self):
        return self.topic


class Conclusion(Orderable):
    morning = ParentalKey(PartnerMorning, on_delete=models.CASCADE, related_name="conclusions")
    text = models.TextField(_("conclusion"))

    class Meta(Orderable.Meta):
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")

    def __str__(self):
        return self.text[:80]


class StudyVisit(ClusterableModel):
    title = models.CharField(_("title"), max_length=255)
    country = models.CharField(_("country"), max_length=100)
    destination = models.CharField(_("town"), max_length=200, blank=True)
    institutions = models.TextField(_("institutions visited"), blank=True, help_text=_("One per line."))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    participants = ParentalManyToManyField(
        Member, verbose_name=_("participants"), blank=True, related_name="study_visits"
    )
    report = RichTextField(_("report"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("study visit")
        verbose_name_plural = _("study visits")
        ordering = ["-starts_on"]

    def __str__(self):
        return self.title


class Recommendation(models.Model):
    """A recommendation of the WZK to the voivodeship board, from a conclusion of a partner
    morning, a meeting or a study visit: drafted → adopted at a meeting → sent to the board →
    answered → implemented."""

    class Status(models.TextChoices):
        DRAFTED = "drafted", _("drafted")
        ADOPTED = "adopted", _("adopted by the WZK")
        SENT = "sent", _("sent to the board")
        ANSWERED = "answered", _("answered by the board")
        IMPLEMENTED = "implemented", _("implemented")

    number = models.CharField(_("number"), max_length=30, unique=True, help_text=_("e.g. R/2026/3"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("recommendation"))
    source_morning = models.ForeignKey(
        PartnerMorning,
        verbose_name=_("from the partner morning"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    source_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("from the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    source_visit = models.ForeignKey(
        StudyVisit,
        verbose_name=_("from the study visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    conclusion = models.ForeignKey(
        Conclusion,
        verbose_name=_("conclusion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFTED)
    adopted_at = models.ForeignKey(
        Meeting,
        verbose_name=_("adopted at the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adopted_recommendations",
    )
    sent_on = models.DateField(_("sent to the board"), null=True, blank=True)
    board_answer = models.TextField(_("the board's answer"), blank=True)
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    implemented_on = models.DateField(_("implemented"), null=True, blank=True)
    is_public = models.BooleanField(
        _("shown on the public site"), default=False, help_text=_("Only adopted recommendations are shown.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.number} {self.title}"
