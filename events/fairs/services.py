"""State changes of the fairs, each in one transaction, mails queued with it (sent on commit)."""

import datetime

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms.links import absolute_url
from cms.outbox import services as mail

from .models import EXHIBITOR, Application, Exhibitor, ExhibitorMember

# ---- Applications ----

SUBMITTED_COMPOSER = "fairs.application_submitted"
DECIDED_COMPOSER = "fairs.application_decided"

# What the exhibitor fills in (``forms.ApplicationForm``); staff's fields (status, decision, stand) are not here.
APPLICATION_FIELDS = (
    "contact_name",
    "contact_email",
    "contact_phone",
    "preferred_zone",
    "tables",
    "chairs",
    "power",
    "screen",
    "internet",
    "floor_space",
    "other_needs",
    "showcase",
    "stand_staff",
)
# An application the exhibitor may still change: a draft, or one withdrawn (it becomes a draft again).
EDITABLE = (Application.Status.DRAFT, Application.Status.WITHDRAWN)
WITHDRAWABLE = (Application.Status.DRAFT, Application.Status.SUBMITTED, Application.Status.WAITLISTED)


def _language(language):
    language = (language or settings.LANGUAGE_CODE)[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _join(*, exhibitor, user, by=None, language="pl"):
    """``user`` acts for ``exhibitor`` from now on (the Exhibitor role, the membership)."""
    group, _created = Group.objects.get_or_create(name=EXHIBITOR)
    user.groups.add(group)
    member, _created = ExhibitorMember.objects.get_or_create(
        exhibitor=exhibitor, user=user, defaults={"added_by": by, "language": _language(language)}
    )
    return member


def sign_up_exhibitor(*, user, name, kind, website="", city="", language="pl"):
    """The institution of a new exhibitor account (``forms.ExhibitorSignupForm``): the Exhibitor,
    the person's membership and the Exhibitor role. The address is verified by allauth's mail."""
    with transaction.atomic():
        exhibitor = Exhibitor.objects.create(name=name.strip(), kind=kind, website=website, city=city.strip())
        _join(exhibitor=exhibitor, user=user, language=language)
    return exhibitor


def _account_for(*, email, first_name="", last_name=""):
    """The account of ``email`` (by a known address or the account's e-mail), or a new one with an
    unusable password; its address verified: the invitation went to that mailbox."""
    User = get_user_model()
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    user = address.user if address else User.objects.filter(email__iexact=email).first()
    if user is None:
        username = email[:150]
        suffix = 1
        while User.objects.filter(username=username).exists():
            suffix += 1
            username = f"{email[:140]}-{suffix}"
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=email, defaults={"email": email, "verified": True}
    )
    if not EmailAddress.objects.filter(user=user, primary=True).exists():
        EmailAddress.objects.filter(user=user, email__iexact=email).update(primary=True)
    return user


def set_password_url(user):
    """The absolute one-time link where an invited person sets a password (allauth's password-reset
    key: it stops working once the password has changed or after ``PASSWORD_RESET_TIMEOUT``)."""
    path = reverse(
        "fairs:set_password",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return absolute_url(path)


def invite_exhibitor_person(*, exhibitor, email, first_name="", last_name="", by, language="pl", now=None):
    """A colleague joins ``exhibitor``: their account (found or new) gets the membership and the
    role, and a mail with the link to set their password (or sign in with the one they have)."""
    email = email.strip()
    language = _language(language)
    now = now or timezone.now()
    with transaction.atomic():
        user = _account_for(email=email, first_name=first_name.strip(), last_name=last_name.strip())
        if ExhibitorMember.objects.filter(exhibitor=exhibitor, user=user).exists():
            raise ValidationError(_("This person already acts for your institution."), code="member")
        member = _join(exhibitor=exhibitor, user=user, by=by, language=language)
        with translation.override(language):
            url = set_password_url(user)
            area_url = absolute_url(reverse("fairs:area"))
        mail.queue_templated_email(
            to=[email],
            template="fairs/apply/email/invitation",
            context={
                "exhibitor": exhibitor,
                "by": by,
                "url": url,
                "area_url": area_url,
                "has_password": user.has_usable_password(),
                "valid_until": now + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
            },
            language=language,
        )
    return member


def set_exhibitor_password(*, user, password):
    """The invited person's own password, set from the invitation link; their address is theirs."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
    return user


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _closed_error(call):
    return ValidationError(
        _("Applications to this call closed on %(closes)s; it can no longer be changed or sent.")
        % {"closes": _when(call.closes_at)},
        code="closed",
    )


def save_application_draft(*, call, exhibitor, data, by, language="pl", now=None):
    """Create or update ``exhibitor``'s application to ``call`` as a draft, until the call closes.
    A withdrawn application becomes a draft again; a submitted or decided one cannot change."""
    now = now or timezone.now()
    if now >= call.closes_at:
        raise _closed_error(call)
    values = {key: data[key] for key in APPLICATION_FIELDS if key in data}
    with transaction.atomic():
        application = Application.objects.select_for_update().filter(call=call, exhibitor=exhibitor).first()
        if application is None:
            try:
                with transaction.atomic():
                    return Application.objects.create(
                        call=call, exhibitor=exhibitor, created_by=by, language=_language(language), **values
                    )
            except IntegrityError:  # the colleague's first save won the race: update theirs
                application = Application.objects.select_for_update().get(call=call, exhibitor=exhibitor)
        if application.status not in EDITABLE:
            raise ValidationError(
                _("This application has been sent and can no longer be changed."), code="not_editable"
            )
        for key, value in values.items():
            setattr(application, key, value)
        application.status = Application.Status.DRAFT
        application.language = _language(language)
        application.save()
    return application


def submit_application(*, application, by, now=None):
    """Send a draft to staff, inside the call's window; mails the contact and the exhibitor's people."""
    now = now or timezone.now()
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        call = application.call
        if now < call.opens_at:
            raise ValidationError(
                _("Applications to this call open on %(opens)s.") % {"opens": _when(call.opens_at)},
                code="not_open",
            )
        if now >= call.closes_at:
            raise _closed_error(call)
        if application.status != Application.Status.DRAFT:
            raise ValidationError(_("Only a draft can be sent."), code="not_draft")
        application.status = Application.Status.SUBMITTED
        application.submitted_at = now
        application.save(update_fields=["status", "submitted_at", "updated_at"])
        _queue_application_mail(application, SUBMITTED_COMPOSER)
    return application


def withdraw_application(*, application, by, now=None):
    """The exhibitor withdraws a draft, a sent or a waitlisted application (staff see it withdrawn)."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status not in WITHDRAWABLE:
            raise ValidationError(
                _("An application that has been accepted or declined cannot be withdrawn here."),
                code="not_withdrawable",
            )
        application.status = Application.Status.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
    return application


def _recipients_by_language(application):
    """``{language: [addresses]}``: the contact (in the application's language) and the
    exhibitor's people (each in theirs); an address once."""
    seen = set()
    by_language = {}

    def add(address, language):
        if address and address.lower() not in seen:
            seen.add(address.lower())
            by_language.setdefault(_language(language), []).append(address)

    add(application.contact_email, application.language)
    for member in (
        ExhibitorMember.objects.filter(exhibitor_id=application.exhibitor_id, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    ):
        add(member.user.email, member.language)
    return by_language


def _queue_application_mail(application, composer):
    for language, addresses in _recipients_by_language(application).items():
        for address in addresses:
            mail.queue_composed_email(
                to=[address],
                composer=composer,
                args={"application": application.pk, "status": application.status, "language": language},
            )


def queue_decision_mail(application):
    """Queue the mail of staff's decision on ``application`` (accepted with the stand if it has one,
    waitlisted, or declined with the reason) to the contact and the exhibitor's people; for the
    decision service, inside its transaction. A later decision drops the earlier one's mail."""
    _queue_application_mail(application, DECIDED_COMPOSER)


def application_mail_applies(application, status):
    """A queued application mail is still to be sent: the application is still in that state."""
    return application is not None and application.status == status
