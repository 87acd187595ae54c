"""The one PDF stack (fpdf2) of tickets, diplomas, certificates, consent forms and attendance lists.

``new_pdf`` gives an FPDF with DejaVu Sans (regular and bold, Polish letters) under the family
name ``DejaVu``, the document's title, language and author set (the accessible-PDF metadata fpdf2
can write), and the first page added. ``qr_png`` draws a QR code to place with ``pdf.image``.
Text set on the page is real text: tests read it back with ``pypdf``.
"""

import io

import qrcode
import qrcode.constants
from fpdf import FPDF

from cms.fonts import BOLD, REGULAR, FontMissing

FAMILY = "DejaVu"
A4 = "A4"
A5 = (148, 210)


def new_pdf(*, title, lang="pl", orientation="P", page_format=A4, margins=(15, 15, 15), author="Edufest"):
    if not REGULAR.exists():
        raise FontMissing(f"{REGULAR} is missing: install Debian's fonts-dejavu-core.")
    pdf = FPDF(orientation=orientation, format=page_format)
    pdf.set_title(title)
    pdf.set_lang(lang)
    pdf.set_author(author)
    pdf.set_creator("Edufest")
    pdf.add_font(FAMILY, "", str(REGULAR))
    pdf.add_font(FAMILY, "B", str(BOLD if BOLD.exists() else REGULAR))
    pdf.set_margins(*margins)
    pdf.set_auto_page_break(auto=True, margin=margins[0])
    pdf.add_page()
    pdf.set_font(FAMILY, "", 11)
    return pdf


def qr_png(data, *, box_size=10):
    """A PNG (bytes) of a QR code for ``data``: error correction M, quiet zone of 4 modules."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=box_size)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def to_bytes(pdf):
    return bytes(pdf.output())
