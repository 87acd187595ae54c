"""The XLSX of a survey's results, through the shared writer ``cms.files.spreadsheets``.

It holds what the results page shows, no more: the counts, then per question the number of each
option (and a scale's average), and the text answers in alphabetical order — never one row per
response, so no answers can be read side by side as one person's. With fewer than
``MIN_RESPONSES_FOR_BREAKDOWN`` responses only the counts are given.
"""

from django.utils.translation import gettext as _

from cms.files.spreadsheets import Workbook

from .queries import MIN_RESPONSES_FOR_BREAKDOWN


def summary_rows(results):
    for row in results.questions:
        if row.question.is_text:
            continue
        for option, count in row.counts:
            yield [row.question.label, option, count]
        if row.average is not None:
            yield [row.question.label, _("average"), row.average]


def text_rows(results):
    for row in results.questions:
        for text in row.texts:
            yield [row.question.label, text]


def results_xlsx(results):
    event_survey = results.event_survey
    preamble = [
        [_("Survey"), event_survey.survey.title],
        [_("Event"), event_survey.event.title],
        [_("Invitations sent"), results.sent],
        [_("Answered by personal link"), results.answered],
        [_("Not yet answered"), results.not_answered],
        [_("Answers by class links"), results.class_answers],
        [_("Responses"), results.responses],
    ]
    if not results.breakdown:
        preamble.append(
            [
                _("Fewer than %(count)d responses: no breakdown is given.")
                % {"count": MIN_RESPONSES_FOR_BREAKDOWN}
            ]
        )
    book = Workbook()
    book.add_sheet(
        _("Results"),
        [_("Question"), _("Answer"), _("Count")],
        summary_rows(results) if results.breakdown else [],
        preamble=preamble,
    )
    book.add_sheet(
        _("Text answers"), [_("Question"), _("Answer")], text_rows(results) if results.breakdown else []
    )
    return book.to_bytes()
