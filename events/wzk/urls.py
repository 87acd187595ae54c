from django.urls import path

from . import views

app_name = "wzk"

urlpatterns = [
    # Roster: the member's area and the invitation's set-password link
    path("wzk/moje/", views.member_area, name="member_area"),
    path("wzk/haslo/<str:uidb36>/<str:key>/", views.set_password, name="set_password"),
    # --- meetings and invitations ---
    path("wzk/zaproszenie/<str:token>/", views.invitation, name="invitation"),
    path(
        "wzk/zaproszenie/<str:token>/dokumenty/<int:document_id>/",
        views.invitation_document,
        name="invitation_document",
    ),
    path(
        "wzk/posiedzenia/<int:meeting_id>/dokumenty/<int:document_id>/",
        views.member_document,
        name="document",
    ),
    # Attendance and minutes (the minutes helper's block)
    path("wzk/zaproszenie/<str:token>/obecnosc/", views.confirm_presence, name="confirm_presence"),
    path(
        "wzk/zaproszenie/<str:token>/protokol/", views.minutes_comments_token, name="minutes_comments_token"
    ),
    path(
        "wzk/zaproszenie/<str:token>/prezentacje/<int:pk>/",
        views.presentation_token,
        name="presentation_token",
    ),
    path("wzk/posiedzenia/<int:pk>/protokol/uwagi/", views.minutes_comments, name="minutes_comments"),
    path("wzk/posiedzenia/<int:meeting_pk>/prezentacje/<int:pk>/", views.presentation, name="presentation"),
    path("wzk/protokoly/<int:pk>/", views.published_minutes, name="published_minutes"),
    path(
        "wzk/protokoly/<int:pk>/lista-obecnosci.pdf",
        views.published_attendance_pdf,
        name="published_attendance_pdf",
    ),
    # --- recs: recommendations, the member's private calendar feed ---
    path("wzk/rekomendacje/", views.recommendations, name="recommendations"),
    path("wzk/kalendarz/", views.member_calendar, name="member_calendar"),
    path("wzk/kalendarz/<str:token>.ics", views.member_feed, name="member_feed"),
]
