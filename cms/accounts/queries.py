from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.db.models import Exists, Max, OuterRef, Q

from .auth import MFA_ROLES


def accounts_without_mfa():
    """Active accounts that must have an authenticator (staff-like roles) and have none yet, with
    their newest enrolment link, for the staff list of who has not enrolled."""
    enrolled = Authenticator.objects.filter(
        user=OuterRef("pk"), type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    )
    users = get_user_model().objects.filter(is_active=True)
    needs = Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name__in=MFA_ROLES)
    candidates = users.filter(needs).values("pk")
    return (
        users.filter(pk__in=candidates)
        .exclude(Exists(enrolled))
        .annotate(last_link_at=Max("mfa_enrolment_links__created_at"))
        .order_by("email")
    )
