from django.urls import path

from . import views

app_name = "verification"

urlpatterns = [
    path("weryfikacja/", views.lookup, name="lookup"),
    path("weryfikacja/<str:code>/", views.document, name="document"),
]
