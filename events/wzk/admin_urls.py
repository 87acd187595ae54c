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
    # --- meetings and invitations ---
    path("meetings/<int:meeting_id>/replies/", admin_views.replies, name="replies"),
    path("meetings/<int:meeting_id>/replies/data/", admin_views.replies_data, name="replies_data"),
    path("meetings/<int:meeting_id>/send/", admin_views.send, name="send"),
    path("meetings/<int:meeting_id>/remind/", admin_views.remind, name="remind"),
    path("meetings/<int:meeting_id>/guests/", admin_views.add_guest, name="add_guest"),
    # Attendance and minutes (the minutes helper's block)
    path("obecnosc/", admin_views.attendance_meetings, name="attendance_meetings"),
    path("obecnosc/<int:pk>/", admin_views.attendance, name="attendance"),
    path("obecnosc/<int:pk>/lista-obecnosci.pdf", admin_views.attendance_list_pdf, name="attendance_pdf"),
    path("protokoly/<int:pk>/", admin_views.minutes, name="minutes"),
    # --- recs ---
    path("rekomendacje/rejestr.xlsx", admin_views.recommendations_xlsx, name="recommendations_xlsx"),
    path(
        "rekomendacje/z-wniosku/<int:pk>/",
        admin_views.recommendation_from_conclusion,
        name="recommendation_from_conclusion",
    ),
    path("czlonkowie/<int:pk>/kalendarz/", admin_views.member_calendar, name="member_calendar"),
]
