from django.urls import path

from . import views

app_name = "fairs"

# /wystawca/…: the exhibitor's area (applications, stand page, passes, visit counts);
# /targi/…: a visitor's plan; /stoisko/<token>/: a stand's visit code.
urlpatterns: list = [
    # ---- Applications: exhibitor accounts, their people and their applications ----
    path("wystawca/", views.area, name="area"),
    path("wystawca/rejestracja/", views.exhibitor_signup, name="signup"),
    path("wystawca/osoby/zapros/", views.invite, name="invite"),
    path("wystawca/haslo/<str:uidb36>/<str:key>/", views.set_password, name="set_password"),
    path("wystawca/zgloszenia/<int:call_id>/", views.apply, name="apply"),
    path("wystawca/zgloszenia/<int:call_id>/<int:pk>/", views.application, name="application"),
    path("wystawca/zgloszenia/<int:call_id>/<int:pk>/wycofaj/", views.withdraw, name="withdraw"),
]
