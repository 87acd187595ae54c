from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("zaswiadczenia/<int:pk>.pdf", views.certificate_pdf, name="pdf"),
]
