from django.urls import path

from . import views

app_name = "wzk"

urlpatterns = [
    # --- recs: recommendations, the member's private calendar feed ---
    path("wzk/rekomendacje/", views.recommendations, name="recommendations"),
    path("wzk/kalendarz/", views.member_calendar, name="member_calendar"),
    path("wzk/kalendarz/<str:token>.ics", views.member_feed, name="member_feed"),
]
