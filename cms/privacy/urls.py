from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "privacy"

urlpatterns = [
    path(pgettext_lazy("URL path", "privacy/my-data/"), views.request_form, name="request"),
    path(pgettext_lazy("URL path", "privacy/my-data/sent/"), views.request_sent, name="request_sent"),
    path(pgettext_lazy("URL path", "privacy/my-data/confirm/<str:token>/"), views.verify, name="verify"),
    path(pgettext_lazy("URL path", "privacy/my-data/download/<str:token>/"), views.download, name="download"),
    path(pgettext_lazy("URL path", "privacy/consent/<str:token>/"), views.withdraw, name="withdraw"),
]
