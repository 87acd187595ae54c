from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("zapisy/wydarzenie/<int:event_id>/", views.register_individual, name="register"),
    path("zapisy/wydarzenie/<int:event_id>/klasa/", views.register_group, name="register_group"),
    path("zapisy/wydarzenie/<int:event_id>/przyjete/", views.accepted, name="accepted"),
    path("zapisy/wydarzenie/<int:event_id>/wyslij-ponownie/", views.resend, name="resend"),
    path("zapisy/moje/", views.my_registrations, name="mine"),
    path("zapisy/moje/<int:pk>/liczba-osob/", views.change_size, name="change_size"),
    path("zapisy/<str:token>/", views.detail, name="detail"),
    path("zapisy/<str:token>/anuluj/", views.cancel, name="cancel"),
    path("bilet/<str:secret>/", views.ticket, name="ticket"),
    path("bilet/<str:secret>/pdf/", views.ticket_pdf, name="ticket_pdf"),
    path("bilet/<str:secret>/wydarzenie.ics", views.ticket_ics, name="ticket_ics"),
]
