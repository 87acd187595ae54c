"""Personal data of the WZK for data-subject requests.

Roster: a person's appointments (and the standing substitutes named with them) and the entries
where they are named as a substitute. Erasing a former member anonymises the appointment's row
(name, e-mail, phone, account) but keeps it, so the attendance lists and minutes of their term
still count one member; a current appointment is kept while it lasts (the WZK's public task)."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.privacy.sources import DataSource, Erasure

from .models import ANONYMISED_DOMAIN, Invitation, Member, MinutesComment, Substitute

ERASED_NAME = "—"


def export_roster(email):
    members = (
        Member.objects.filter(email__iexact=email).prefetch_related("substitutes").order_by("term_from", "pk")
    )
    return {
        "wzk_appointments": [
            {
                "id": member.pk,
                "first_name": member.first_name,
                "last_name": member.last_name,
                "email": member.email,
                "phone": member.phone,
                "institution": member.institution,
                "pillar": member.pillar,
                "role": member.role,
                "term_from": member.term_from,
                "term_to": member.term_to,
                "resolution_number": member.resolution_number,
                "resolution_date": member.resolution_date,
                "county": member.county,
                "municipality_code": member.municipality_code,
                "invited_to_sign_in_at": member.invited_at,
                "substitutes": [
                    {
                        "name": substitute.name,
                        "institution": substitute.institution,
                        "email": substitute.email,
                    }
                    for substitute in member.substitutes.all()
                ],
            }
            for member in members
        ],
        "wzk_named_as_substitute": [
            {
                "for_member_id": substitute.member_id,
                "name": substitute.name,
                "institution": substitute.institution,
            }
            for substitute in Substitute.objects.filter(email__iexact=email).order_by("pk")
        ],
    }


def anonymise_member(member):
    """Remove what identifies the person of one appointment; the row (pillar, role, term,
    institution) stays for the history."""
    member.first_name = ERASED_NAME
    member.last_name = ""
    member.email = member.anonymised_email
    member.phone = ""
    member.user = None
    member.calendar_token = None
    member.save(
        update_fields=["first_name", "last_name", "email", "phone", "user", "calendar_token", "updated_at"]
    )
    return member.substitutes.all().delete()[0]


def erase_roster(email):
    today = timezone.localdate()
    with transaction.atomic():
        members = Member.objects.select_for_update().filter(email__iexact=email)
        former = list(members.filter(term_to__lt=today))
        current = members.exclude(pk__in=[member.pk for member in former]).count()
        substitutes = sum(anonymise_member(member) for member in former)
        named = Substitute.objects.filter(Q(email__iexact=email)).delete()[0]
    kept = []
    if current:
        kept.append(
            str(
                _(
                    "Current WZK appointments are kept while the term lasts (the board's resolution); "
                    "they can be erased once the term has ended."
                )
            )
        )
    return Erasure(
        done={
            _("Former WZK appointments anonymised"): len(former),
            _("Their standing substitutes removed"): substitutes,
            _("Entries as a WZK member's substitute removed"): named,
        },
        kept=kept,
    )


def roster_source():
    return DataSource(
        key="wzk_roster",
        label=_("WZK roster"),
        export=export_roster,
        erase=erase_roster,
        retention_note=_(
            "An anonymised former appointment keeps its institution, pillar, role and term, so the "
            "attendance of past meetings still counts it."
        ),
    )


# --- meeting invitations: guests and named substitutes ------------------------------------------


def _guest_email(invitation):
    return f"gosc-{invitation.pk}@{ANONYMISED_DOMAIN}"


def export_invitations(email):
    """Invitations of a guest, and those that name the person as the substitute sent, with the
    comments on minutes written through them; a member's own invitations are listed too."""
    invitations = (
        Invitation.objects.filter(
            Q(guest_email__iexact=email) | Q(substitute_email__iexact=email) | Q(member__email__iexact=email)
        )
        .select_related("meeting__event", "member")
        .prefetch_related("minutes_comments")
        .order_by("pk")
    )
    return {
        "wzk_invitations": [
            {
                "id": invitation.pk,
                "meeting": str(invitation.meeting),
                "date": invitation.meeting.event.starts_at,
                "as": "member" if invitation.member_id else "guest",
                "guest_name": invitation.guest_name,
                "guest_email": invitation.guest_email,
                "guest_institution": invitation.guest_institution,
                "answer": invitation.answer,
                "answered_at": invitation.answered_at,
                "substitute_name": invitation.substitute_name,
                "substitute_email": invitation.substitute_email,
                "substitute_institution": invitation.substitute_institution,
                "present_online_at": invitation.present_online_at,
                "comments_on_minutes": [comment.text for comment in invitation.minutes_comments.all()],
            }
            for invitation in invitations
        ]
    }


def erase_invitations(email):
    """A guest's invitations keep their answer and presence (the attendance of the meeting) but
    lose the name, address and institution; a named substitute's details are removed; comments
    on minutes written through the person's invitations are deleted."""
    with transaction.atomic():
        guests = list(Invitation.objects.select_for_update().filter(guest_email__iexact=email).order_by("pk"))
        for invitation in guests:
            invitation.guest_name = ERASED_NAME
            invitation.guest_email = _guest_email(invitation)
            invitation.guest_institution = ""
        Invitation.objects.bulk_update(guests, ["guest_name", "guest_email", "guest_institution"])
        substitutes = Invitation.objects.filter(substitute_email__iexact=email).update(
            substitute_name=ERASED_NAME, substitute_email="", substitute_institution=""
        )
        comments = MinutesComment.objects.filter(
            Q(invitation__guest_email__iexact=email)
            | Q(invitation__member__email__iexact=email)
            | Q(invitation__in=[invitation.pk for invitation in guests])
        ).delete()[0]
    return Erasure(
        done={
            _("WZK meeting invitations of a guest anonymised"): len(guests),
            _("WZK invitations naming the person as a substitute cleared"): substitutes,
            _("Comments on WZK minutes removed"): comments,
        }
    )


def invitations_source():
    return DataSource(
        key="wzk_invitations",
        label=_("WZK meeting invitations"),
        export=export_invitations,
        erase=erase_invitations,
        retention_note=_(
            "An anonymised invitation keeps its answer and presence, so the meeting's attendance and quorum stay as recorded."
        ),
    )
