from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("event/<int:pk>/", admin_views.detail, {"kind": "event"}, name="event"),
    path("stop/<int:pk>/", admin_views.detail, {"kind": "stop"}, name="stop"),
]
