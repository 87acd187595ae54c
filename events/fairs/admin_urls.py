from django.urls import path

from . import admin_views

urlpatterns = [
    # ---- Review: the staff's queue of applications, decisions, stands, mail to the accepted ----
    path("zgloszenia/", admin_views.review_calls, name="review_calls"),
    path("zgloszenia/<int:call_id>/", admin_views.review_queue, name="review_queue"),
    path(
        "zgloszenia/<int:call_id>/zgloszenia.xlsx",
        admin_views.export_applications,
        {"fmt": "xlsx"},
        name="review_export_xlsx",
    ),
    path(
        "zgloszenia/<int:call_id>/zgloszenia.csv",
        admin_views.export_applications,
        {"fmt": "csv"},
        name="review_export_csv",
    ),
    path("zgloszenia/<int:call_id>/wiadomosc/", admin_views.message_accepted, name="review_message"),
    path("zgloszenie/<int:application_id>/", admin_views.review_application, name="review_application"),
]

urlpatterns += [
    # ---- Visits: stand visit counts of a fair ----
    path("odwiedziny/", admin_views.visits_index, name="visits_index"),
    path("odwiedziny/<int:event_id>/", admin_views.fair_visits, name="visits"),
    path("odwiedziny/<int:event_id>/kody.pdf", admin_views.fair_visit_codes_pdf, name="visit_codes_pdf"),
    # ---- Floor plan ----
    path("plany/<int:pk>/rozmiesc/", admin_views.place_stands, name="place_stands"),
]
