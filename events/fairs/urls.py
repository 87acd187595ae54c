from django.urls import path  # noqa: F401

app_name = "fairs"

# /wystawca/…: the exhibitor's area (applications, stand page, passes, visit counts);
# /targi/…: a visitor's plan; /stoisko/<token>/: a stand's visit code.
urlpatterns: list = []
