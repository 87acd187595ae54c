from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("protokoly/<int:pk>/", views.minutes, name="minutes"),
]
