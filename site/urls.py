from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from cms.api import EdufestAPI
from cms.ops import views as ops_views
from cms.sitemaps import SITEMAPS

api = EdufestAPI(
    title="Edufest API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    description="Public events, registrations, Edubus stops, staff check-in and counted visitors.",
)
for module in (
    "cms.privacy.api",
    "events.registration.api",
    "events.checkin.api",
    "events.edubus.api",
    "events.feedback.api",
    "events.counting.api",
):
    api.add_router("", f"{module}.router")

urlpatterns = [
    path("healthz", ops_views.healthz, name="healthz"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/v1/", api.urls),
    # One login for everybody: allauth's, with its rate limits and MFA (also for the admins).
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("django-admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.EDUFEST_BENCH_VIEWS:
    urlpatterns.append(path("bench/", include("bench.urls")))

urlpatterns += i18n_patterns(
    # First: the calendar feeds are polled by every subscribed calendar, and their patterns
    # overlap no other app's.
    path("", include("events.calendars.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("allauth.urls")),
    path("", include("cms.urls")),
    path("", include("cms.privacy.urls")),
    path("", include("cms.verification.urls")),
    path("", include("events.urls")),
    path("", include("events.registration.urls")),
    path("", include("events.checkin.urls")),
    path("", include("events.certificates.urls")),
    path("", include("events.edubus.urls")),
    path("", include("events.wzk.urls")),
    path("", include("events.feedback.urls")),
    path("", include("events.counting.urls")),
    path("", include("events.fairs.urls")),
    path("", include("contests.urls")),
    path("", include("contests.jury.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
