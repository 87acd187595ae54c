from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views
from .accounts import views as accounts_views
from .places import views as places_views

app_name = "cms"

urlpatterns: list = [
    path(pgettext_lazy("URL path", "search/"), views.search, name="search"),
    path(
        pgettext_lazy("URL path", "account/authenticator/<str:token>/"),
        accounts_views.mfa_enrolment,
        name="mfa_enrolment",
    ),
    path("places/counties/<str:code>/gminas.json", places_views.county_gminas, name="county_gminas"),
    path("szkola/", views.school_area, name="school_area"),
    path("konto/", views.account, name="account"),
]
