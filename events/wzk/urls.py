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
]
