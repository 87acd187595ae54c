"""PDFs of the fairs, on the one PDF stack (``cms.files.pdf``). Each part keeps its PDF in its own block."""

import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.files.pdf import A4, new_pdf, qr_png, to_bytes
from events.dates import format_event_dates

from .queries import stand_line

HALF = 148.5  # mm: one pass per half of an A4 page


QR_SIZE = 62  # mm


def _draw_pass(pdf, exhibitor_pass, application, top):
    event = application.call.event
    left, width = pdf.l_margin, pdf.epw
    text_width = width - QR_SIZE - 6
    pdf.set_xy(left, top)
    pdf.set_font("DejaVu", "B", 11)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(text_width, 6, _("EXHIBITOR PASS"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(text_width, 8, event.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(
        text_width,
        5,
        format_event_dates(event.starts_at, event.ends_at, event.all_day),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    rows = [
        (_("Name and surname"), exhibitor_pass.name),
        (_("Institution"), application.exhibitor.name),
        (_("Stand"), stand_line(application)),
    ]
    for label, value in rows:
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(text_width, 5, label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 14 if label == rows[0][0] else 12)
        pdf.multi_cell(text_width, 7, value, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    secret = exhibitor_pass.registration.ticket.secret
    pdf.image(
        io.BytesIO(qr_png(secret, box_size=8)),
        x=left + width - QR_SIZE,
        y=top + 4,
        w=QR_SIZE,
        h=QR_SIZE,
    )
    pdf.set_xy(left, top + HALF - 36)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(
        width,
        5,
        _(
            "Show this QR code at the entrance: it admits you from the set-up day before the fair "
            "and on every day of the fair. Do not share it."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("DejaVu", "", 7)
    pdf.multi_cell(width, 4, f"{_('Code')}: {secret}", new_x="LMARGIN", new_y="NEXT")


def passes_pdf(passes, application):
    """PDF bytes (A4) of ``passes`` of one application: one pass per half page, a cut line between."""
    event = application.call.event
    title = f"{_('Exhibitor passes')}: {event.title} — {application.exhibitor.name}"
    if len(passes) == 1:
        title = f"{_('Exhibitor pass')}: {event.title} — {passes[0].name}"
    pdf = new_pdf(title=title, lang=get_language() or "pl", page_format=A4, margins=(15, 15, 15))
    pdf.set_auto_page_break(auto=False)
    for index, exhibitor_pass in enumerate(passes):
        half = index % 2
        if index and not half:
            pdf.add_page()
        _draw_pass(pdf, exhibitor_pass, application, top=15 + half * HALF)
        if not half:
            pdf.set_draw_color(150, 150, 150)
            pdf.set_dash_pattern(dash=2, gap=2)
            pdf.line(5, HALF, pdf.w - 5, HALF)
            pdf.set_dash_pattern()
    return to_bytes(pdf)


"""PDFs of the fairs (each part of the app in its own block), through the one PDF stack."""


def stand_label(stand):
    """E.g. "Stoisko 12, Strefa 1" (number and zone when known)."""
    parts = []
    if stand.number:
        parts.append(_("Stand %(number)s") % {"number": stand.number})
    if stand.zone_id:
        parts.append(stand.zone.name)
    return ", ".join(parts)


def visit_code_pdf(*, code, url):
    """A4 poster to put on the stand: the fair, the institution, the stand, a large QR code of
    ``url`` (the stand's visit page) and the address in text."""
    pdf = new_pdf(
        title=_("Stand visit code: %(institution)s") % {"institution": code.stand.institution},
        lang=get_language() or "pl",
    )
    _draw_visit_code(pdf, code.stand, url)
    return to_bytes(pdf)


def visit_codes_pdf(*, event, codes):
    """Every stand's poster of a fair, one A4 page each; ``codes`` are (code, url) pairs."""
    pdf = new_pdf(title=_("Stand visit codes: %(fair)s") % {"fair": event.title}, lang=get_language() or "pl")
    for index, (code, url) in enumerate(codes):
        if index:
            pdf.add_page()
        _draw_visit_code(pdf, code.stand, url)
    return to_bytes(pdf)


def _draw_visit_code(pdf, stand, url):
    pdf.set_font("DejaVu", "", 14)
    pdf.multi_cell(0, 8, stand.event.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 24)
    pdf.multi_cell(0, 11, stand.institution, align="C", new_x="LMARGIN", new_y="NEXT")
    label = stand_label(stand)
    if label:
        pdf.set_font("DejaVu", "", 16)
        pdf.multi_cell(0, 9, label, align="C", new_x="LMARGIN", new_y="NEXT")
    size = 130
    top = pdf.get_y() + 8
    pdf.image(io.BytesIO(qr_png(url, box_size=10)), x=(pdf.w - size) / 2, y=top, w=size, h=size)
    pdf.set_y(top + size + 8)
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(
        0,
        8,
        _("Scan the code with your phone to get our material."),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, url, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.multi_cell(
        0,
        5,
        _("Anonymous: we only count how many times the code is opened in each hour, never who opened it."),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
