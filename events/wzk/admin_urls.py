from django.urls import path

from . import admin_views

urlpatterns = [
    # Roster
    path("sklad/import/", admin_views.roster_import, name="roster_import"),
    path(
        "sklad/import/szablon.csv",
        admin_views.roster_import_template,
        {"fmt": "csv"},
        name="roster_import_template_csv",
    ),
    path(
        "sklad/import/szablon.xlsx",
        admin_views.roster_import_template,
        {"fmt": "xlsx"},
        name="roster_import_template_xlsx",
    ),
    path("sklad/zaproszenia/", admin_views.invite_members, name="invite_members"),
    path("sklad/<int:pk>/zaproszenie/", admin_views.invite_member, name="invite_member"),
]
