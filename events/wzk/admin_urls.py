from django.urls import path

from . import admin_views

urlpatterns = [
    # --- meetings and invitations ---
    path("meetings/<int:meeting_id>/replies/", admin_views.replies, name="replies"),
    path("meetings/<int:meeting_id>/replies/data/", admin_views.replies_data, name="replies_data"),
    path("meetings/<int:meeting_id>/send/", admin_views.send, name="send"),
    path("meetings/<int:meeting_id>/remind/", admin_views.remind, name="remind"),
    path("meetings/<int:meeting_id>/guests/", admin_views.add_guest, name="add_guest"),
]
