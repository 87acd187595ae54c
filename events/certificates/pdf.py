"""The certificate of attendance as a one-page A4 PDF (``cms.files.pdf``): the organiser's logo,
the holder, the event, the signatory, and the QR code and short code of its verification page."""

import io

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms.files.pdf import new_pdf, qr_png, to_bytes
from cms.links import absolute_url
from cms.verification.queries import verification_url
from events.dates import format_event_dates

from .models import fill

LOGO_HEIGHT = 22  # mm
QR_SIZE = 34  # mm


def place_of(event):
    if event.is_online:
        return _("online")
    return ", ".join(part for part in (event.venue_name, event.municipality) if part)


def values(certificate):
    """The placeholders' values of one certificate (in the active language)."""
    event = certificate.event
    return {
        "name": certificate.holder_name,
        "event": event.title,
        "date": format_event_dates(event.starts_at, event.ends_at, event.all_day),
        "place": place_of(event),
        "school": certificate.school_name,
        "pupils": str(certificate.people) if certificate.is_class else "",
    }


def logo_bytes(image):
    """A PNG rendition of the logo (at most 600 x 300 pixels), or ``None`` if it cannot be read."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition("max-600x300|format-png")
        with rendition.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def render_certificate(certificate, *, settings):
    """PDF bytes in the certificate's language."""
    with translation.override(certificate.language or "pl"):
        return _render(certificate, settings)


def _render(certificate, settings):
    document = certificate.document
    title = _("Certificate of attendance")
    pdf = new_pdf(
        title=f"{title} — {certificate.holder_name}", lang=certificate.language or "pl", margins=(20, 18, 20)
    )
    width = pdf.epw
    logo = logo_bytes(settings.logo if settings else None)
    if logo:
        pdf.image(
            io.BytesIO(logo),
            h=LOGO_HEIGHT,
            x=(pdf.w - 2 * LOGO_HEIGHT) / 2,
            keep_aspect_ratio=True,
            w=2 * LOGO_HEIGHT,
        )
        pdf.ln(4)
    else:
        pdf.ln(LOGO_HEIGHT / 2)
    pdf.set_font("DejaVu", "B", 26)
    pdf.multi_cell(width, 13, title.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("DejaVu", "", 13)
    pdf.multi_cell(width, 8, _("This is to certify that"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 22)
    pdf.multi_cell(width, 12, certificate.holder_name, align="C", new_x="LMARGIN", new_y="NEXT")
    if certificate.is_class:
        pdf.set_font("DejaVu", "", 13)
        line = _("on behalf of the class: %(people)s people present") % {"people": certificate.people}
        if certificate.school_name:
            line = f"{line}, {certificate.school_name}"
        pdf.multi_cell(width, 8, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 13)
    text = fill(settings.text(certificate.language) if settings else "", values(certificate))
    pdf.multi_cell(width, 8, text, align="C", new_x="LMARGIN", new_y="NEXT")

    # The signatory, right; the date of issue, left.
    top = max(pdf.get_y() + 18, 200)
    pdf.set_xy(pdf.l_margin, top)
    pdf.set_font("DejaVu", "", 11)
    issued = date_format(timezone.localtime(certificate.issued_at), "j E Y")
    pdf.cell(width / 2, 6, _("Issued on %(date)s") % {"date": issued})
    if settings and (settings.signatory_name or settings.signatory_function):
        pdf.set_xy(pdf.l_margin + width / 2, top)
        pdf.cell(width / 2, 6, "…………………………………", align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(width / 2, 6, settings.signatory_name, align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(width / 2, 5, settings.signatory_function, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(pdf.l_margin, top + 8)
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(width / 2, 5, document.issuer)

    # Verification: QR code and short code, bottom left.
    url = verification_url(document)
    bottom = pdf.h - pdf.b_margin - QR_SIZE
    pdf.image(io.BytesIO(qr_png(url, box_size=8)), x=pdf.l_margin, y=bottom, w=QR_SIZE, h=QR_SIZE)
    pdf.set_xy(pdf.l_margin + QR_SIZE + 4, bottom + 6)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(
        0, 7, _("Verification code: %(code)s") % {"code": document.display_code}, new_x="LEFT", new_y="NEXT"
    )
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(
        width - QR_SIZE - 4,
        5,
        _("Check this certificate: scan the QR code or enter the code at %(url)s")
        % {"url": absolute_url(reverse("verification:lookup"))},
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return to_bytes(pdf)
