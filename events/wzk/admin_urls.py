from django.urls import path

from . import admin_views

urlpatterns = [
    # Attendance and minutes (the minutes helper's block)
    path("obecnosc/", admin_views.attendance_meetings, name="attendance_meetings"),
    path("obecnosc/<int:pk>/", admin_views.attendance, name="attendance"),
    path("obecnosc/<int:pk>/lista-obecnosci.pdf", admin_views.attendance_list_pdf, name="attendance_pdf"),
    path("protokoly/<int:pk>/", admin_views.minutes, name="minutes"),
]
