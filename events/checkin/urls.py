from django.urls import path

from . import views

app_name = "checkin"

urlpatterns = [
    path("bilet/<str:secret>/", views.ticket, name="ticket"),
    path("bilet/<str:secret>/pdf/", views.ticket_pdf_view, name="ticket_pdf"),
    path("bilet/<str:secret>/wydarzenie.ics", views.ticket_ics, name="ticket_ics"),
    path("skaner/", views.scanner, name="scanner"),
    path("skaner/listy/", views.lists, name="lists"),
    path("skaner/bilety/<int:pk>/nowy-kod/", views.regenerate, name="regenerate"),
    path("skaner/listy/<int:pk>/", views.dashboard, name="dashboard"),
    path("skaner/listy/<int:pk>/dane/", views.dashboard_data, name="dashboard_data"),
]
