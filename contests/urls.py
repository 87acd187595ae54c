from django.urls import path

from . import tus, views

app_name = "contests"

urlpatterns = [
    path("szkola/profil/", views.school_edit, name="school_create"),
    path("szkola/profil/<int:pk>/", views.school_edit, name="school_edit"),
    path("szkola/profil/<int:pk>/nauczyciel/", views.school_add_teacher, name="school_add_teacher"),
    path("szkola/zaproszenie/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("szkola/profil/<int:school_pk>/kod/", views.extension_redeem, name="extension_redeem"),
    path("szkola/konkursy/<int:contest_pk>/zgloszenie/", views.entry_create, name="entry_create"),
    path("szkola/zgloszenia/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("szkola/zgloszenia/<int:pk>/edycja/", views.entry_edit, name="entry_edit"),
    path("szkola/zgloszenia/<int:pk>/wyslij/", views.entry_submit, name="entry_submit"),
    path("szkola/zgloszenia/<int:pk>/wycofaj-wyslanie/", views.entry_reopen, name="entry_reopen"),
    path("szkola/zgloszenia/<int:pk>/film/status/", views.film_status, name="film_status"),
    path("szkola/zgloszenia/<int:entry_pk>/film/tus/", tus.tus_create, name="tus_create"),
    path("szkola/zgloszenia/<int:entry_pk>/film/tus/<uuid:upload_id>", tus.tus_upload, name="tus_upload"),
    path("szkola/zgloszenia/<int:pk>/zgody/<int:member_pk>.pdf", views.consent_form, name="consent_form"),
    path(
        "szkola/zgloszenia/<int:pk>/zgody/<int:member_pk>/skan/", views.consent_upload, name="consent_upload"
    ),
    path("szkola/zgody/<int:consent_pk>/wycofaj/", views.consent_withdraw, name="consent_withdraw"),
    path("pliki/zgloszenia/<int:pk>/oryginal/", views.film_original, name="film_original"),
    path("pliki/zgloszenia/<int:pk>/film.mp4", views.film_web, name="film_web"),
    path("pliki/zgloszenia/<int:pk>/plakat.jpg", views.film_poster, name="film_poster"),
    path("pliki/zgody/<int:consent_pk>/", views.consent_scan, name="consent_scan"),
    path("konkursy/filmy/<int:pk>/", views.public_film, name="public_film"),
    path("konkursy/<slug:slug>/filmy/", views.gallery, name="gallery"),
]
