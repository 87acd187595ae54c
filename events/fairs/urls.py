from django.urls import path

from . import views

app_name = "fairs"

# /wystawca/…: the exhibitor's area (applications, stand page, passes, visit counts);
# /targi/…: a visitor's plan; /stoisko/<token>/: a stand's visit code.
urlpatterns: list = []

# ---- Stands ----
urlpatterns += [
    path("wystawca/stoisko/<int:application>/", views.stand_page_edit, name="stand_page_edit"),
]
