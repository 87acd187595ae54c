"""The attendance list of a WZK meeting (lista obecności): A4, Polish, through ``cms.files.pdf``.

The header is the project line (``settings.EDUFEST_WZK_PROJECT_LINE``), the title, the meeting's
date and place; then a table of name, institution, pillar and a signature column: the members,
the substitutes (in a member's place), the guests. A table continued on the next page repeats its
header; every page is numbered. ``record=True`` gives the list attached to the minutes: only
those present, how their presence was recorded in the last column, and the quorum.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf.fonts import FontFace

from cms.files.pdf import FAMILY, new_pdf, to_bytes
from events.dates import format_event_dates

from .queries import DOOR

WIDTHS = (10, 52, 56, 32, 30)  # mm: No., name, institution, pillar, signature (A4 less margins)


class AttendancePDF:
    """Draws the list on an FPDF made by ``new_pdf``; a footer with the page number on each page."""

    def __init__(self, title):
        self.pdf = new_pdf(title=title, lang="pl", margins=(15, 15, 15))
        self.pdf.set_auto_page_break(auto=True, margin=18)
        self.pdf.alias_nb_pages()
        pdf = self.pdf
        label = _("Page")

        def footer():
            pdf.set_y(-12)
            pdf.set_font(FAMILY, "", 8)
            pdf.cell(0, 5, f"{label} {pdf.page_no()}/{{nb}}", align="C")

        pdf.footer = footer

    def header(self, lines):
        pdf = self.pdf
        project, title, *rest = lines
        pdf.set_font(FAMILY, "", 8)
        pdf.multi_cell(0, 4, project, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font(FAMILY, "B", 15)
        pdf.multi_cell(0, 8, title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 10)
        for line in rest:
            pdf.multi_cell(0, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    def table(self, heading, rows, last_column):
        pdf = self.pdf
        pdf.set_font(FAMILY, "B", 11)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 9)
        if not rows:
            pdf.multi_cell(0, 6, "—", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
            return
        headings = ("Lp.", _("Name"), _("Institution"), _("Pillar"), last_column)
        with pdf.table(
            col_widths=WIDTHS,
            line_height=5,
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
            repeat_headings=1,
            first_row_as_headings=True,
            padding=1.5,
            text_align="LEFT",
        ) as table:
            table.row(headings)
            for number, cells in enumerate(rows, start=1):
                table.row((str(number), *cells))
        pdf.ln(4)

    def paragraph(self, text, bold=False):
        self.pdf.set_font(FAMILY, "B" if bold else "", 10)
        self.pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")


def _place(event):
    parts = [event.venue_name, event.address_line]
    if event.is_online and not any(parts):
        return _("online")
    return ", ".join(part for part in parts if part)


def _presence(attendee):
    moment = timezone.localtime(attendee.present_at).strftime("%H:%M")
    return f"{_('at the door') if attendee.how == DOOR else _('online')} {moment}"


def attendance_pdf(meeting, attendance, *, record=False):
    """PDF bytes of the meeting's attendance list (``attendance``: a ``queries.Attendance``)."""
    with translation.override("pl"):
        return _attendance_pdf(meeting, attendance, record=record)


def _attendance_pdf(meeting, attendance, *, record):
    event = meeting.event
    title = _("Attendance list")
    pdf = AttendancePDF(f"{title}: {event.title}")
    if record:
        attendance = attendance.present_only()
    lines = [
        settings.EDUFEST_WZK_PROJECT_LINE,
        title,
        " · ".join(p for p in (meeting.number, event.title) if p),
    ]
    lines.append(f"{_('Date')}: {format_event_dates(event.starts_at, event.ends_at, event.all_day)}")
    place = _place(event)
    if place:
        lines.append(f"{_('Place')}: {place}")
    pdf.header(lines)

    last = _("Presence") if record else _("Signature")

    def cell(attendee):
        return _presence(attendee) if record else ""

    pdf.table(
        _("Members"),
        [(a.name, a.institution, a.pillar, cell(a)) for a in attendance.members],
        last,
    )
    if attendance.substitutes:
        pdf.table(
            _("Substitutes (in a member's place)"),
            [
                (f"{a.name}\n({_('for')} {a.for_member})", a.institution, a.pillar, cell(a))
                for a in attendance.substitutes
            ],
            last,
        )
    if attendance.guests:
        pdf.table(_("Guests"), [(a.name, a.institution, "", cell(a)) for a in attendance.guests], last)
    if record:
        pdf.paragraph(quorum_line(attendance), bold=True)
    return to_bytes(pdf.pdf)


def quorum_line(attendance):
    """“Present: 12 members and 2 substitutes of 20 current members; quorum (50%): 10 — met.”"""
    verdict = _("met") if attendance.quorum_met else _("not met")
    return _(
        "Present: %(members)s members and %(substitutes)s substitutes of %(current)s current members; "
        "guests: %(guests)s; quorum (%(percent)s%%): %(required)s — %(verdict)s."
    ) % {
        "members": len(attendance.present_members),
        "substitutes": len(attendance.present_substitutes),
        "current": attendance.current_members,
        "guests": len(attendance.present_guests),
        "percent": attendance.quorum_percent,
        "required": attendance.required,
        "verdict": verdict,
    }
