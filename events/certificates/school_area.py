"""The holder's certificates: a section of the account page (a visitor's own) and of the school
area (a teacher's classes'), each one query."""

from django.utils.translation import gettext_lazy as _

from . import queries


def _section(request, *, classes, section_id, order):
    certificates = list(queries.certificates_of_holder(request.user, classes=classes))
    if not certificates:
        return None
    return {
        "order": order,
        "id": section_id,
        "title": _("Certificates of attendance"),
        "template": "certificates/holder_section.html",
        "context": {"certificates": certificates},
    }


def account_section(request):
    return _section(request, classes=False, section_id="zaswiadczenia", order=11)


def school_section(request):
    return _section(request, classes=True, section_id="zaswiadczenia", order=11)
