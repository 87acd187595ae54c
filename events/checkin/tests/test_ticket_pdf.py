"""The PDF ticket: labels in a column of their own, the chosen sessions listed, Polish letters intact."""

import datetime as dt
import io

import pypdf
import pytest
from fpdf import FPDF

from cms.fonts import BOLD
from events.registration.ticket_pdf import ticket_pdf

from .factories import EventPageFactory, add_session, group_ticket

pytestmark = pytest.mark.django_db

WARSAW = dt.timezone(dt.timedelta(hours=2))  # CEST, September
POINTS_PER_MM = 72 / 25.4


def festival_ticket():
    event = EventPageFactory(
        title="Festiwal Zawodów Opolskie",
        starts_at=dt.datetime(2027, 9, 15, 9, tzinfo=WARSAW),
        ends_at=dt.datetime(2027, 9, 16, 16, tzinfo=WARSAW),
    )
    add_session(event, title="Dzień 1: warsztaty", starts_at=dt.datetime(2027, 9, 15, 9, tzinfo=WARSAW))
    day2 = add_session(event, title="Dzień 2: targi", starts_at=dt.datetime(2027, 9, 16, 10, tzinfo=WARSAW))
    day2.room = "Hala B"
    day2.save()
    ticket = group_ticket(event=event, places=25, name="Żaneta Kołłątaj-Źrebiec")
    ticket.registration.sessions.add(day2)
    return ticket


def text_runs(pdf_bytes):
    """(text, x in mm, y in mm) of every text run on the first page."""
    runs = []

    def visit(text, _cm, tm, _font, _size):
        if text.strip():
            runs.append((text.strip(), round(tm[4] / POINTS_PER_MM, 1), round(tm[5] / POINTS_PER_MM, 1)))

    page = pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages[0]
    page.extract_text(visitor_text=visit)
    return page.extract_text(), runs


def test_pdf_ticket_lists_the_chosen_session_instead_of_the_festival_dates():
    ticket = festival_ticket()

    text, _runs = text_runs(ticket_pdf(ticket))
    text = " ".join(text.split())

    assert "Sesja" in text
    assert "16 września 2027, 10:00\u201313:00: Dzień 2: targi (Hala B)" in text
    assert "Dzień 1" not in text
    assert "15 września" not in text
    assert "Żaneta Kołłątaj-Źrebiec" in text
    assert "Publiczna Szkoła Podstawowa nr 5 w Opolu" in text


def test_pdf_ticket_values_start_right_of_the_widest_label():
    ticket = festival_ticket()

    _text, runs = text_runs(ticket_pdf(ticket))

    labels = ["Sesja", "Miejsce", "Imię i nazwisko", "Rodzaj biletu", "Szkoła", "Osoby"]
    label_runs = [run for run in runs if run[0] in labels]  # each label whole, on one line
    assert sorted(run[0] for run in label_runs) == sorted(labels)
    measure = FPDF()
    measure.add_font("DejaVu", style="B", fname=str(BOLD))
    measure.set_font("DejaVu", "B", 10)
    label_right = max(x + measure.get_string_width(label) for label, x, _y in label_runs)
    label_ys = {y for _label, _x, y in label_runs}
    values = [run for run in runs if run[2] in label_ys and run[0] not in labels]
    assert {"Grupa szkolna", "25"} <= {value for value, _x, _y in values}
    assert min(x for _value, x, _y in values) > label_right


def test_ticket_page_dates_are_the_chosen_sessions(client):
    ticket = festival_ticket()

    html = client.get(f"/bilet/{ticket.secret}/").content.decode()

    assert "<dd>16 września 2027, 10:00\u201313:00</dd>" in html
    assert "15 września" not in html
