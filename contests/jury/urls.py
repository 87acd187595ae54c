from django.urls import path

from . import views

app_name = "jury"

urlpatterns = [
    path("jury/", views.assignments, name="assignments"),
    path("jury/karta/<int:pk>/", views.sheet, name="sheet"),
    path("jury/karta/<int:pk>/wylaczenie/", views.recuse, name="recuse"),
    path("wyniki/<slug:slug>/", views.results, name="results"),
    path("glosowanie/<slug:slug>/", views.vote, name="vote"),
    path("glosowanie/potwierdz/<str:token>/", views.confirm_vote, name="confirm_vote"),
    path("dyplom/<str:code>/", views.verify_diploma, name="verify"),
    path("dyplom/<str:code>/pdf/", views.diploma_pdf, name="diploma_pdf"),
]
