from django.urls import path

from . import views

app_name = "wzk"

urlpatterns = [
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
