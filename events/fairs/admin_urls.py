from django.urls import path

from . import admin_views

urlpatterns: list = [
    # ---- Visits: stand visit counts of a fair ----
    path("odwiedziny/", admin_views.visits_index, name="visits_index"),
    path("odwiedziny/<int:event_id>/", admin_views.fair_visits, name="visits"),
    path("odwiedziny/<int:event_id>/kody.pdf", admin_views.fair_visit_codes_pdf, name="visit_codes_pdf"),
]
