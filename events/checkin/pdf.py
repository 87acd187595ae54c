"""A printable PDF ticket (A5 portrait) with the QR code; DejaVu Sans for Polish letters."""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from .qr import qr_png

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _when(event):
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return f"{formats.date_format(start, 'j E Y')}, {start:%H:%M}\u2013{end:%H:%M}"
    return f"{formats.date_format(start, 'j E Y, H:i')} \u2013 {formats.date_format(end, 'j E Y, H:i')}"


def _place(event):
    if event.is_online:
        return event.online_url
    return ", ".join(part for part in (event.venue_name, event.address_line) if part)


def ticket_pdf(ticket):
    """PDF bytes of a confirmed ticket: event, date, place, holder, type, head-count, QR code."""
    registration = ticket.registration
    event = registration.event
    pdf = FPDF(format=(148, 210))  # A5 portrait, in mm
    pdf.set_title(f"{_('Ticket')}: {event.title}")
    pdf.set_author("Edufest")
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_font("DejaVu", style="B", fname=FONT_BOLD)
    pdf.set_margins(12, 12, 12)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 9, event.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    rows = [
        (_("Date"), _when(event)),
        (_("Place"), _place(event)),
        (_("Name"), registration.name),
        (_("Ticket type"), registration.ticket_type.name),
    ]
    if registration.school_name:
        rows.append((_("School"), registration.school_name))
    if registration.ticket_type.is_group or registration.places > 1:
        rows.append((_("People"), str(registration.places)))
    for label, value in rows:
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(30, 6, label)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 6, value or "—", new_x="LMARGIN", new_y="NEXT")
    size = 80
    pdf.image(
        io.BytesIO(qr_png(ticket.secret, box_size=8)), x=(pdf.w - size) / 2, y=pdf.get_y() + 4, w=size, h=size
    )
    pdf.set_y(pdf.get_y() + size + 6)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(
        0,
        5,
        _("Show this QR code at the entrance. Do not share it: whoever has it can enter."),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("DejaVu", "", 7)
    pdf.multi_cell(0, 4, f"{_('Code')}: {ticket.secret}", align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
