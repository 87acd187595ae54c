from django.urls import path

from . import views

app_name = "edubus"

urlpatterns = [
    path("edubus/", views.stop_list, name="stops"),
    path("edubus/<int:pk>/", views.stop_detail, name="stop"),
    path("edubus/zaproszenie/", views.request_visit, name="request"),
    path("edubus/zaproszenie/dziekujemy/", views.request_thanks, name="request_thanks"),
]
