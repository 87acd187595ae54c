from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from .queries import municipality_choices, register


@require_GET
def county_gminas(request, code):
    """The gminas of a county, for the place fields' script (``cms/static/cms/places.js``)."""
    if code not in register().counties:
        raise Http404
    groups = municipality_choices(county=code)[1:]
    gminas = [{"code": value, "label": label} for _group, options in groups for value, label in options]
    response = JsonResponse({"county": code, "gminas": gminas})
    response["Cache-Control"] = "public, max-age=3600"
    return response
