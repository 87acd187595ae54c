from django.urls import path

from . import calendar, views

app_name = "fairs"

# /wystawca/…: the exhibitor's area (applications, stand page, passes, visit counts);
# /targi/…: a visitor's plan; /stoisko/<token>/: a stand's visit code.
urlpatterns: list = []

# ---- Passes: an accepted exhibitor's stand staff and their QR passes ----
urlpatterns += [
    path("wystawca/przepustki/<int:application>/", views.passes, name="passes"),
    path("wystawca/przepustki/<int:application>/przepustki.pdf", views.passes_all_pdf, name="passes_pdf"),
    path("wystawca/przepustki/<int:application>/<int:exhibitor_pass>/", views.pass_edit, name="pass_edit"),
    path(
        "wystawca/przepustki/<int:application>/<int:exhibitor_pass>/usun/",
        views.pass_remove,
        name="pass_remove",
    ),
    path("wystawca/przepustki/<int:application>/<int:exhibitor_pass>.pdf", views.pass_pdf, name="pass_pdf"),
]

# ---- Visitor's plan ----
urlpatterns += [
    path("targi/plan/dodaj/", views.plan_add, name="plan_add"),
    path("targi/plan/bilet/<str:secret>/", views.plan_for_ticket, name="plan_for_ticket"),
    path("targi/plan/<str:token>.ics", calendar.plan_ics_file, name="plan_ics"),
    path("targi/plan/<str:token>/", views.plan_detail, name="plan"),
    path("targi/plan/<str:token>/usun/", views.plan_remove, name="plan_remove"),
    path("targi/<int:event_id>/moj-plan/", views.my_plan, name="my_plan"),
]

# ---- Stands ----
urlpatterns += [
    path("wystawca/stoisko/<int:application>/", views.stand_page_edit, name="stand_page_edit"),
]

urlpatterns += [
    # ---- Applications: exhibitor accounts, their people and their applications ----
    path("wystawca/", views.area, name="area"),
    path("wystawca/rejestracja/", views.exhibitor_signup, name="signup"),
    path("wystawca/osoby/zapros/", views.invite, name="invite"),
    path("wystawca/haslo/<str:uidb36>/<str:key>/", views.set_password, name="set_password"),
    path("wystawca/zgloszenia/<int:call_id>/", views.apply, name="apply"),
    path("wystawca/zgloszenia/<int:call_id>/<int:pk>/", views.application, name="application"),
    path("wystawca/zgloszenia/<int:call_id>/<int:pk>/wycofaj/", views.withdraw, name="withdraw"),
]

urlpatterns += [
    # ---- Visits: a stand's visit code, the exhibitor's visits and QR ----
    path("stoisko/<str:token>/", views.stand_visit, name="stand_visit"),
    path("wystawca/stoisko/<int:application_id>/odwiedziny/", views.stand_visits, name="stand_visits"),
    path(
        "wystawca/stoisko/<int:application_id>/odwiedziny/kod.pdf",
        views.stand_visit_code_pdf,
        name="stand_visit_code_pdf",
    ),
]
