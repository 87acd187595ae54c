"""PDF documents of the jury (fpdf2 with DejaVu Sans for Polish letters): diplomas with a QR code
that links to their public verification page, and the printable jury report (protokół)."""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.files.pdf import new_pdf, qr_png, to_bytes
from cms.verification.models import format_code

from . import scoring
from .models import juror_name

TITLES = {
    "laureate": "DYPLOM",
    "participant": "ZAŚWIADCZENIE",
    "thanks": "PODZIĘKOWANIE",
}


def render_diploma(diploma, *, verify_url):
    """A one-page A4 landscape PDF (bytes)."""
    entry = diploma.entry
    title = TITLES.get(diploma.kind, diploma.get_kind_display())
    pdf = new_pdf(
        title=f"{title} — {diploma.recipient}",
        lang=get_language() or "pl",
        orientation="L",
        margins=(10, 10, 10),
    )
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_font("DejaVu", "B", 36)
    pdf.set_y(28)
    pdf.cell(0, 16, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 14)
    pdf.cell(
        0,
        10,
        _("is awarded to") if diploma.kind != "thanks" else _("with thanks to"),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("DejaVu", "B", 26)
    pdf.cell(0, 16, diploma.recipient, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 14)
    _para(pdf, 0, 8, _("for %(achievement)s") % {"achievement": diploma.achievement}, align="C")
    pdf.ln(2)
    _para(pdf, 0, 8, _("in the contest “%(contest)s”") % {"contest": entry.contest.title}, align="C")
    _para(pdf, 0, 8, _("Film: “%(title)s”") % {"title": entry.title}, align="C")
    pdf.set_font("DejaVu", "", 10)
    pdf.set_xy(20, 170)
    pdf.cell(
        150,
        6,
        _("Issued on %(date)s") % {"date": date_format(timezone.localtime(diploma.issued_at), "j E Y")},
    )
    pdf.set_xy(20, 176)
    pdf.cell(150, 6, _("Check this document: %(url)s") % {"url": verify_url})
    pdf.set_xy(20, 182)
    pdf.cell(150, 6, _("Verification code: %(code)s") % {"code": format_code(diploma.code)})
    pdf.image(io.BytesIO(qr_png(verify_url)), x=237, y=150, w=40, h=40)
    return to_bytes(pdf)


def render_report(table, *, approved_by=""):
    """The protokół: criteria, progress and the ranking of each category, as PDF bytes."""
    round = table.round
    pdf = new_pdf(
        title=_("Jury report — %(contest)s") % {"contest": round.contest.title},
        lang=get_language() or "pl",
        margins=(10, 10, 10),
    )
    pdf.set_font("DejaVu", "B", 16)
    _para(pdf, 0, 9, _("Jury report — %(contest)s") % {"contest": round.contest.title})
    pdf.set_font("DejaVu", "", 11)
    _para(
        pdf,
        0,
        6,
        _("Round: %(round)s. Aggregation: %(method)s. Normalisation per juror: %(normalise)s.")
        % {
            "round": round.name,
            "method": round.get_aggregation_display(),
            "normalise": _("yes") if round.normalise else _("no"),
        },
    )
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, _("Criteria"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for criterion in table.criteria:
        _para(
            pdf,
            0,
            5,
            f"{criterion.name}: {_('weight')} {criterion.weight:g}, {_('scale')} "
            f"{criterion.scale_min:g}-{criterion.scale_max:g}{'' if criterion.required else ' (' + _('optional') + ')'}",
        )
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, _("Jurors"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for juror, done, assigned in table.progress:
        pdf.cell(0, 5, f"{juror_name(juror)}: {done}/{assigned}", new_x="LMARGIN", new_y="NEXT")
    for group in table.categories:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12)
        pdf.cell(0, 7, group.category.name, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
        with pdf.table(col_widths=(12, 88, 30, 30), text_align=("CENTER", "LEFT", "RIGHT", "RIGHT")) as grid:
            header = grid.row()
            for title in (_("Place"), _("Entry"), _("Jury"), _("Final score")):
                header.cell(title)
            for row in group.rows:
                cells = grid.row()
                cells.cell(f"{row.rank}{' ex aequo' if row.tied else ''}")
                cells.cell(row.entry.title)
                cells.cell(f"{scoring.round2(row.jury)}")
                cells.cell(f"{scoring.round2(row.final)}")
    pdf.ln(6)
    if round.approved_at:
        _para(
            pdf,
            0,
            6,
            _("Approved on %(date)s by %(who)s.")
            % {"date": date_format(timezone.localtime(round.approved_at), "j E Y, H:i"), "who": approved_by},
        )
    else:
        _para(pdf, 0, 6, _("Not yet approved."))
    pdf.ln(10)
    pdf.cell(0, 6, _("Signatures of the jury:"), new_x="LMARGIN", new_y="NEXT")
    for juror, _done, _assigned in table.progress:
        pdf.ln(6)
        pdf.cell(0, 6, f"{juror_name(juror)}  ..............................", new_x="LMARGIN", new_y="NEXT")
    return to_bytes(pdf)


def _para(pdf, width, height, text, align="L"):
    """A paragraph that returns to the left margin below itself."""
    pdf.multi_cell(width, height, text, align=align, new_x="LMARGIN", new_y="NEXT")
