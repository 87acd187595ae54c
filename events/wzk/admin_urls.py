from django.urls import path

from . import admin_views

urlpatterns = [
    # --- recs ---
    path("rekomendacje/rejestr.xlsx", admin_views.recommendations_xlsx, name="recommendations_xlsx"),
    path(
        "rekomendacje/z-wniosku/<int:pk>/",
        admin_views.recommendation_from_conclusion,
        name="recommendation_from_conclusion",
    ),
    path("czlonkowie/<int:pk>/kalendarz/", admin_views.member_calendar, name="member_calendar"),
]
