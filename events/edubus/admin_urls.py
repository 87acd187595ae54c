from django.shortcuts import redirect
from django.urls import path

from . import admin_views
from .models import Vehicle


@admin_views.edubus_staff
def schedules(request):
    vehicle = Vehicle.objects.filter(is_active=True).first() or Vehicle.objects.first()
    if vehicle is None:
        return redirect("wagtailadmin_home")
    return redirect("edubus_admin:schedule", vehicle.pk)


urlpatterns = [
    path("requests/", admin_views.request_queue, name="requests"),
    path("requests/<int:pk>/", admin_views.review_request, name="review"),
    path("schedule/", schedules, name="schedules"),
    path("schedule/<int:vehicle_pk>/", admin_views.schedule, name="schedule"),
    path("schedule/<int:vehicle_pk>/<str:day>/sheet/", admin_views.day_sheet, name="day_sheet"),
    path("stops/<int:pk>/cancel/", admin_views.cancel_stop, name="cancel"),
]
