from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from .queries import account_home, account_sections, current_locale, school_area_sections, search_pages


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
    sections = school_area_sections(request)
    stylesheets = list(dict.fromkeys(css for section in sections for css in section.get("stylesheets", ())))
    return render(request, "cms/school_area.html", {"sections": sections, "stylesheets": stylesheets})


@login_required
def account(request):
    """ "My account" of the header: each signed-in person's own place (``queries.account_home``), or
    for a person without a role (a visitor) a page of their registrations and account links."""
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
