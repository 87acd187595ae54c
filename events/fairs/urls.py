from django.urls import path

from . import calendar, views

app_name = "fairs"

# /wystawca/…: the exhibitor's area (applications, stand page, passes, visit counts);
# /targi/…: a visitor's plan; /stoisko/<token>/: a stand's visit code.
urlpatterns: list = []

# ---- Visitor's plan ----
urlpatterns += [
    path("targi/plan/dodaj/", views.plan_add, name="plan_add"),
    path("targi/plan/bilet/<str:secret>/", views.plan_for_ticket, name="plan_for_ticket"),
    path("targi/plan/<str:token>.ics", calendar.plan_ics_file, name="plan_ics"),
    path("targi/plan/<str:token>/", views.plan_detail, name="plan"),
    path("targi/plan/<str:token>/usun/", views.plan_remove, name="plan_remove"),
    path("targi/<int:event_id>/moj-plan/", views.my_plan, name="my_plan"),
]
