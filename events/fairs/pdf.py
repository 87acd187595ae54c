"""PDFs of the fairs (each part of the app in its own block), through the one PDF stack."""

import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.files.pdf import new_pdf, qr_png, to_bytes

# ---- Visits ----------------------------------------------------------------------------------


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
