from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "cms"

urlpatterns: list = [
    path(pgettext_lazy("URL path", "search/"), views.search, name="search"),
    path("szkola/", views.school_area, name="school_area"),
]
