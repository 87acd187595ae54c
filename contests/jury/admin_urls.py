from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.round_list, name="rounds"),
    path("<int:pk>/", admin_views.round_detail, name="round"),
    path("<int:pk>/protokol/", admin_views.round_report, name="report"),
    path("<int:pk>/protokol.pdf", admin_views.round_report_pdf, name="report_pdf"),
    path("<int:pk>/wyniki.xlsx", admin_views.round_xlsx, name="xlsx"),
]
