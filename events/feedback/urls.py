from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("ankieta/<str:token>/", views.answer, name="answer"),
    path("ankieta/<str:token>/dziekujemy/", views.thanks, name="thanks"),
]
