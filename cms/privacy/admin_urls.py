from django.urls import path

from . import admin_views

app_name = "privacy_admin"

urlpatterns = [
    path("notices/", admin_views.notice_list, name="notices"),
    path("notices/<str:purpose>/", admin_views.notice_history, name="notice_history"),
    path("notices/<str:purpose>/new/", admin_views.notice_new_version, name="notice_new"),
    path("notice-versions/<int:pk>/", admin_views.notice_detail, name="notice_detail"),
    path("requests/", admin_views.request_list, name="requests"),
    path("requests/<int:pk>/", admin_views.request_detail, name="request_detail"),
    path("requests/<int:pk>/complete/", admin_views.request_complete, name="request_complete"),
    path("consents/", admin_views.consent_list, name="consents"),
    path("consents/<int:pk>/withdraw/", admin_views.consent_withdraw, name="consent_withdraw"),
]
