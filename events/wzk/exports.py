"""Spreadsheets of the WZK (through ``cms.files.spreadsheets``)."""

from django.utils.translation import gettext as _

from cms.files import spreadsheets

from . import queries

# --- recs: the register of recommendations ------------------------------------------------------


def recommendation_header():
    return [
        _("Number"),
        _("Title"),
        _("Recommendation"),
        _("Source"),
        _("Status"),
        _("Adopted at the meeting"),
        _("Sent to the board"),
        _("Answered"),
        _("Implemented"),
        _("The board's answer"),
        _("Shown on the public site"),
    ]


def recommendation_rows(recommendations):
    for recommendation in recommendations:
        yield [
            recommendation.number,
            recommendation.title,
            recommendation.text,
            queries.recommendation_source(recommendation),
            str(recommendation.get_status_display()),
            queries.meeting_label(recommendation.adopted_at) if recommendation.adopted_at_id else "",
            recommendation.sent_on,
            recommendation.answered_on,
            recommendation.implemented_on,
            recommendation.board_answer,
            _("yes") if recommendation.is_public else _("no"),
        ]


def recommendations_xlsx(recommendations):
    workbook = spreadsheets.Workbook()
    workbook.add_sheet(
        _("Recommendations"),
        recommendation_header(),
        recommendation_rows(recommendations),
        widths={2: 60, 9: 60},
    )
    return workbook.to_bytes()
