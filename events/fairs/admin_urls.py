from django.urls import path

from . import admin_views

urlpatterns = [
    # ---- Floor plan ----
    path("plany/<int:pk>/rozmiesc/", admin_views.place_stands, name="place_stands"),
]
