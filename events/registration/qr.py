"""QR codes of tickets: inline SVG for pages, PNG for e-mails and PDFs.

The code holds the bare ticket secret (``Ticket.secret``, 43 URL-safe characters), not a URL: a
photo of a ticket then leads to no page, and the scanner sends exactly what it reads to
``POST /api/v1/checkin``. Error correction level M, quiet zone of 4 modules (the standard's minimum).
"""

import io

import qrcode
import qrcode.constants
from django.utils.html import escape

QUIET_ZONE = 4


def _matrix(text):
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    return code, code.get_matrix()  # includes the quiet zone


def qr_svg(text, *, label="", size="16rem"):
    """An accessible inline ``<svg>`` (role="img", <title>) drawing the QR code of ``text``.

    ``label`` is the accessible name (e.g. "QR code of your ticket"); dark modules are merged into
    horizontal runs, on a white background so the quiet zone survives dark themes.
    """
    _code, matrix = _matrix(text)
    width = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < width:
            if row[x]:
                start = x
                while x < width and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    title = escape(label or "QR")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" role="img" aria-label="{title}" '
        f'viewBox="0 0 {width} {width}" width="{size}" height="{size}" shape-rendering="crispEdges">'
        f"<title>{title}</title>"
        f'<rect width="{width}" height="{width}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )


def qr_png(text, *, box_size=10):
    """PNG bytes of the QR code of ``text`` (``box_size`` pixels per module, quiet zone included)."""
    code, _ = _matrix(text)
    code.box_size = box_size
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
