"""A printable PDF ticket (A5 portrait) with the QR code; DejaVu Sans for Polish letters."""

import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.files.pdf import A5, new_pdf, qr_png, to_bytes
from events.dates import format_event_dates

LABEL_GAP = 4  # mm between the widest label and the values


def _when(event):
    return format_event_dates(event.starts_at, event.ends_at, event.all_day)


def _session_line(session):
    line = f"{format_event_dates(session.starts_at, session.ends_at)}: {session.title}"
    return f"{line} ({session.room})" if session.room else line


def _place(event):
    if event.is_online:
        return event.online_url
    return ", ".join(part for part in (event.venue_name, event.address_line) if part)


def ticket_pdf(ticket):
    """PDF bytes of a confirmed ticket: event, date (or the chosen sessions), place, holder, type,
    head-count, QR code."""
    registration = ticket.registration
    event = registration.event
    sessions = sorted(registration.sessions.all(), key=lambda session: (session.starts_at, session.pk))
    pdf = new_pdf(
        title=f"{_('Ticket')}: {event.title}",
        lang=get_language() or "pl",
        page_format=A5,
        margins=(12, 12, 12),
    )
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 9, event.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    rows = [] if sessions else [(_("Date"), _when(event))]
    rows += [(_("Session"), _session_line(session)) for session in sessions]
    rows += [
        (_("Place"), _place(event)),
        (_("Name"), registration.name),
        (_("Ticket type"), registration.ticket_type.name),
    ]
    if registration.school_name:
        label = _("Institution") if registration.ticket_type.is_exhibitor else _("School")
        rows.append((label, registration.school_name))
    if registration.ticket_type.is_group or registration.places > 1:
        rows.append((_("People"), str(registration.places)))
    pdf.set_font("DejaVu", "B", 10)
    # The label column is as wide as its widest label (translations differ), at most a third.
    widest = max(pdf.get_string_width(label) for label, _value in rows) + 2 * pdf.c_margin
    label_width = min(widest + LABEL_GAP, pdf.epw / 3)
    for label, value in rows:
        pdf.set_font("DejaVu", "B", 10)
        top = pdf.get_y()
        pdf.multi_cell(label_width - LABEL_GAP, 6, label, align="L", new_x="LMARGIN", new_y="NEXT")
        label_bottom = pdf.get_y()
        pdf.set_xy(pdf.l_margin + label_width, top)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 6, value or "—", align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), label_bottom))
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
    return to_bytes(pdf)
