from django.urls import path

from . import views

app_name = "counting"

urlpatterns = [
    path("licznik/", views.counter, name="counter"),
]
