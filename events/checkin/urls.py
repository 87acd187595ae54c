from django.urls import path

from . import views

app_name = "checkin"

urlpatterns = [
    path("skaner/", views.scanner, name="scanner"),
    path("skaner/listy/", views.lists, name="lists"),
    path("skaner/bilety/<int:pk>/nowy-kod/", views.regenerate, name="regenerate"),
    path("skaner/listy/<int:pk>/", views.dashboard, name="dashboard"),
    path("skaner/listy/<int:pk>/dane/", views.dashboard_data, name="dashboard_data"),
]
