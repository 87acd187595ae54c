import time

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import auth, monitoring, services


@never_cache
@require_GET
def healthz(request):
    """Database, cache and (with the database task queue) the liveness of every queue's worker; 503
    if any fails, naming the queues whose worker is down."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        key = "healthz:probe"
        token = str(time.time())
        cache.set(key, token, 10)
        checks["cache"] = "ok" if cache.get(key) == token else "error: value not kept"
    except Exception as exc:  # noqa: BLE001
        checks["cache"] = f"error: {type(exc).__name__}"
    body = {"checks": checks}
    if monitoring.uses_database_queue():
        try:
            worker = monitoring.worker_status()
            queues = monitoring.queue_statuses()
        except Exception as exc:  # noqa: BLE001
            checks["worker"] = f"error: {type(exc).__name__}"
        else:
            body["worker"] = worker.as_json()
            body["queues"] = {
                name: {"status": "ok" if status.alive else f"error: {status.problem}", **status.as_json()}
                for name, status in queues.items()
            }
            down = [f"{status.problem} (queue {name})" for name, status in queues.items() if not status.alive]
            checks["worker"] = f"error: {'; '.join(down)}" if down else "ok"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **body}, status=200 if healthy else 503)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /accounts/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


SEARCH_PER_PAGE = 10


@require_GET
def search(request):
    """Wagtail search over the live pages of the current language (cms, events and contests pages
    all define ``search_fields``)."""
    from .queries import current_locale, search_pages

    query = request.GET.get("q", "").strip()[:200]
    results = None
    if query:
        paginator = Paginator(search_pages(query, locale=current_locale()), SEARCH_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
    return render(request, "cms/search.html", {"search_query": query, "results": results})


@login_required
def school_area(request):
    """The teacher's home: class registrations, contest entries, diplomas, Edubus requests, each a
    section given by its app through the ``SCHOOL_AREA`` hook (cms knows none of them)."""
    from .queries import school_area_sections

    sections = school_area_sections(request)
    stylesheets = list(dict.fromkeys(css for section in sections for css in section.get("stylesheets", ())))
    return render(request, "cms/school_area.html", {"sections": sections, "stylesheets": stylesheets})


@login_required
def account(request):
    """ "My account" of the header: each signed-in person's own place (``queries.account_home``), or
    for a person without a role (a visitor) a page of their registrations and account links."""
    from .queries import account_home, account_sections

    home = account_home(request.user)
    if home:
        return redirect(home)
    sections = account_sections(request)
    stylesheets = list(dict.fromkeys(css for section in sections for css in section.get("stylesheets", ())))
    return render(request, "cms/account.html", {"sections": sections, "stylesheets": stylesheets})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return HttpResponse(render_to_string("500.html"), status=500)


@never_cache
@login_required
def mfa_enrolment(request, token):
    """The mailed one-time link: a button (so mail scanners that open links use nothing up) that
    lets this account add its first authenticator in this session."""
    if request.method == "POST":
        if services.redeem_mfa_enrolment_link(token=token, user=request.user):
            auth.grant_mfa_enrolment(request)
            return redirect("mfa_activate_totp")
        return render(request, "cms/mfa_enrolment_invalid.html", status=400)
    return render(request, "cms/mfa_enrolment.html", {"token": token})


@require_GET
def county_gminas(request, code):
    """The gminas of a county, for the place fields' script (``cms/static/cms/places.js``)."""
    from django.http import Http404

    from .places import municipality_choices, register

    if code not in register().counties:
        raise Http404
    groups = municipality_choices(county=code)[1:]
    gminas = [{"code": value, "label": label} for _group, options in groups for value, label in options]
    response = JsonResponse({"county": code, "gminas": gminas})
    response["Cache-Control"] = "public, max-age=3600"
    return response
