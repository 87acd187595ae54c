from django.urls import path

from . import views

app_name = "fairs"

# /wystawca/…: the exhibitor's area (applications, stand page, passes, visit counts);
# /targi/…: a visitor's plan; /stoisko/<token>/: a stand's visit code.
urlpatterns: list = [
    # ---- Visits: a stand's visit code, the exhibitor's visits and QR ----
    path("stoisko/<str:token>/", views.stand_visit, name="stand_visit"),
    path("wystawca/stoisko/<int:application_id>/odwiedziny/", views.stand_visits, name="stand_visits"),
    path(
        "wystawca/stoisko/<int:application_id>/odwiedziny/kod.pdf",
        views.stand_visit_code_pdf,
        name="stand_visit_code_pdf",
    ),
]
