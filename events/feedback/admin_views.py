"""Staff pages in the Wagtail admin: the surveys attached to events with their counts, and one
survey's results (a chart and a table per question, the text answers, the XLSX)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify

from cms.accounts.auth import staff_required
from cms.files.spreadsheets import XLSX_TYPE

from . import exports, queries
from .models import EventSurvey


@staff_required
def event_survey_list(request):
    return render(
        request,
        "feedback/admin/list.html",
        {"event_surveys": queries.event_surveys(), "now": timezone.now()},
    )


def _event_survey(pk):
    return get_object_or_404(EventSurvey.objects.select_related("event", "survey"), pk=pk)


@staff_required
def results(request, pk):
    event_survey = _event_survey(pk)
    figures = queries.results(event_survey)
    return render(
        request,
        "feedback/admin/results.html",
        {
            "event_survey": event_survey,
            "results": figures,
            "charts": {f"q{row.question.pk}": row.chart for row in figures.questions if row.counts},
            "now": timezone.now(),
            "min_responses": queries.MIN_RESPONSES_FOR_BREAKDOWN,
        },
    )


@staff_required
def results_xlsx(request, pk):
    event_survey = _event_survey(pk)
    response = HttpResponse(exports.results_xlsx(queries.results(event_survey)), content_type=XLSX_TYPE)
    name = slugify(event_survey.event.title)[:60] or "ankieta"
    response["Content-Disposition"] = f'attachment; filename="ankieta-{name}.xlsx"'
    return response
