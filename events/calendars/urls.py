from django.urls import path

from . import views

app_name = "calendars"

urlpatterns = [
    path("calendar.ics", views.feed, name="feed"),
    path("calendar/<slug:kind>.ics", views.kind_feed, name="kind_feed"),
    path("calendar/<slug:voivodeship>/<slug:county>.ics", views.county_feed, name="county_feed"),
    path("wydarzenia/<int:page_id>.ics", views.event_ics_file, name="event_ics"),
]
