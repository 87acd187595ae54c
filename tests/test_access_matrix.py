"""Access-control matrix: every private URL x every kind of visitor, and exactly who gets through.

The table ``ROWS`` lists each private URL once (found in the apps' ``urls.py``, the admin views the
``wagtail_hooks`` register and the API routers); ``test_every_private_url_is_in_the_matrix`` fails
when a new URL of ours is neither in the table nor in ``PUBLIC`` (public pages and capability links).
Each row names who gets through and how everybody else is refused:

- ``LOGIN``: anonymous → 302 to the login page; signed-in visitors without the role → 403.
- ``ADMIN``: the Wagtail admin; anonymous and users without admin access → 302 to the login page.
- ``HIDDEN``: everybody else → 404 (a private file or another school's record is not revealed).
- ``API``: anonymous → 401, signed in without the role → 403.

Never 200 for the others, never 500. The number of cells is printed (``-s``) and in docs/security.md.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.documents import get_document_model

from cms.tests.factories import StaffFactory, TeacherFactory, UserFactory, make_image
from contests import samples
from contests.jury.tests.factories import AssignmentFactory, JurorFactory, RoundFactory
from contests.models import Consent, ConsentKind, Film
from contests.tests.factories import EntryFactory, SchoolFactory, TeamMemberFactory
from events.certificates import services as certificate_services
from events.certificates.models import Certificate, CertificateSettings
from events.checkin.models import CheckIn
from events.checkin.tests.factories import CheckInListFactory, GroupTicketTypeFactory, RegistrationFactory
from events.edubus.tests.factories import StopFactory, VisitRequestFactory
from events.fairs import services as fair_services
from events.fairs.models import Application, ExhibitorCall, FloorPlan, StandVisitCode
from events.fairs.tests import factories as fair_factories
from events.feedback.models import Invitation as SurveyInvitation
from events.feedback.tests.factories import attach as attach_survey
from events.tests.factories import EventPageFactory, StandFactory
from events.wzk import services as wzk_services
from events.wzk.models import Invitation, Meeting, MeetingDocument, Minutes
from events.wzk.services import keep_documents_private
from events.wzk.tests.factories import (
    ConclusionFactory,
    InvitationFactory,
    MeetingFactory,
    MemberFactory,
    MinutesFactory,
)

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
OWNER = "teacher of the school"
OTHER_TEACHER = "teacher of another school"
JUROR = "unassigned juror"
ASSIGNED_JUROR = "assigned juror"
STAFF = "staff"
WZK_MEMBER = "WZK member"
FORMER_MEMBER = "former WZK member"
INVITED_GUEST = "invited guest of a WZK meeting"
EXHIBITOR = "exhibitor's person"
OTHER_EXHIBITOR = "another exhibitor's person"
ACTORS = (
    ANONYMOUS,
    OWNER,
    OTHER_TEACHER,
    JUROR,
    ASSIGNED_JUROR,
    STAFF,
    WZK_MEMBER,
    FORMER_MEMBER,
    INVITED_GUEST,
    EXHIBITOR,
    OTHER_EXHIBITOR,
)
SIGNED_IN = ACTORS[1:]
WZK = (WZK_MEMBER, FORMER_MEMBER, INVITED_GUEST)
TEACHERS = (OWNER, OTHER_TEACHER)
JURORS = (JUROR, ASSIGNED_JUROR)
EXHIBITORS = (EXHIBITOR, OTHER_EXHIBITOR)

LOGIN, ADMIN, HIDDEN, API = "login", "admin", "hidden", "api"
# The one login form, and the Django admin's login URL, which redirects to it.
LOGIN_PAGES = ("/accounts/login/", "/en/accounts/login/", "/django-admin/login/")


@dataclass
class Row:
    name: str
    url: object  # str or fn(world) -> str
    allowed: tuple
    refusal: str
    method: str = "get"
    data: object = field(default_factory=dict)  # dict or fn(world) -> dict
    headers: dict = field(default_factory=dict)
    ok: tuple = (200,)  # what "through" looks like (a POST may redirect after doing its work)
    anonymous: int | None = None  # override of the refusal for anonymous visitors
    refused: dict = field(default_factory=dict)  # override of the refusal for other actors


def _refusal(row, actor):
    if row.anonymous is not None and actor == ANONYMOUS:
        return row.anonymous
    if actor in row.refused:
        return row.refused[actor]
    if row.refusal == HIDDEN:
        return 404
    if row.refusal == API:
        return 401 if actor == ANONYMOUS else 403
    if row.refusal == ADMIN:
        return 302
    return 302 if actor == ANONYMOUS else 403


def entry_url(name):
    return lambda w: name.format(**w)


ROWS = [
    # Registration management (teachers' own group registrations)
    Row("my registrations", "/zapisy/moje/", TEACHERS, LOGIN, ok=(302,)),  # now part of the school area
    Row(
        "change a group's size",
        lambda w: f"/zapisy/moje/{w['registration']}/liczba-osob/",
        (OWNER,),
        LOGIN,
        method="post",
        data={"pupils": "-1", "adults": "1"},
        ok=(400,),
        refused={OTHER_TEACHER: 404},  # another teacher's registration is not theirs to find
    ),
    Row(
        "register a school group",
        lambda w: f"/zapisy/wydarzenie/{w['event']}/klasa/",
        TEACHERS,
        LOGIN,
    ),
    # Tickets: capability URLs. With the secret anybody holding the link gets through (the ticket
    # holder may have no account); a wrong secret is 404 for everybody.
    Row("ticket page, right secret", lambda w: f"/bilet/{w['secret']}/", ACTORS, HIDDEN),
    Row("ticket PDF, right secret", lambda w: f"/bilet/{w['secret']}/pdf/", ACTORS, HIDDEN),
    Row("registration page, right link", lambda w: f"/zapisy/{w['cancel_token']}/", ACTORS, HIDDEN),
    Row("ticket page, wrong secret", lambda w: f"/bilet/{w['secret'][:-2]}xx/", (), HIDDEN),
    Row("ticket PDF, wrong secret", lambda w: f"/bilet/{w['secret'][:-2]}xx/pdf/", (), HIDDEN),
    Row("ticket calendar, wrong secret", lambda w: f"/bilet/{w['secret'][:-2]}xx/wydarzenie.ics", (), HIDDEN),
    Row("registration page, wrong link", lambda w: f"/zapisy/{w['cancel_token'][:-2]}xx/", (), HIDDEN),
    Row("cancel page, wrong link", lambda w: f"/zapisy/{w['cancel_token'][:-2]}xx/anuluj/", (), HIDDEN),
    Row("feedback survey, wrong link", lambda w: f"/ankieta/{w['survey_token'][:-2]}xx/", (), HIDDEN),
    # School area: 'Moje zgłoszenia', entries, consents
    Row("school dashboard", "/szkola/", SIGNED_IN, LOGIN),
    # A certificate of attendance: only its holder (here the class's teacher) downloads it.
    Row("certificate PDF", entry_url("/zaswiadczenia/{certificate}.pdf"), (OWNER,), HIDDEN, anonymous=302),
    Row("school profile", entry_url("/szkola/profil/{school}/"), (OWNER,), HIDDEN, anonymous=302),
    Row("entry", entry_url("/szkola/zgloszenia/{entry}/"), (OWNER,), HIDDEN, anonymous=302),
    Row("entry edit", entry_url("/szkola/zgloszenia/{entry}/edycja/"), (OWNER,), HIDDEN, anonymous=302),
    Row("film status", entry_url("/szkola/zgloszenia/{entry}/film/status/"), (OWNER,), HIDDEN, anonymous=302),
    Row(
        "consent form PDF",
        entry_url("/szkola/zgloszenia/{entry}/zgody/{member}.pdf"),
        (OWNER,),
        HIDDEN,
        anonymous=302,
    ),
    Row(
        "submit entry",
        entry_url("/szkola/zgloszenia/{entry}/wyslij/"),
        (OWNER,),
        HIDDEN,
        method="post",
        ok=(302,),
        anonymous=302,
    ),
    Row(
        "withdraw a consent",
        entry_url("/szkola/zgody/{consent}/wycofaj/"),
        (OWNER, STAFF),
        HIDDEN,
        method="post",
        ok=(302,),
        anonymous=302,
    ),
    Row(
        "add a teacher to the school",
        entry_url("/szkola/profil/{school}/nauczyciel/"),
        (OWNER,),
        HIDDEN,
        method="post",
        data={"email": "inna@example.org"},
        ok=(302,),
        anonymous=302,
    ),
    Row(
        "redeem an extension code for the school",
        entry_url("/szkola/profil/{school}/kod/"),
        (OWNER,),
        HIDDEN,
        method="post",
        data={"code": "X"},
        ok=(302,),
        anonymous=302,
    ),
    Row(
        "tus upload of a film",
        entry_url("/szkola/zgloszenia/{entry}/film/tus/"),
        (OWNER,),
        HIDDEN,
        method="post",
        headers={"Tus-Resumable": "1.0.0"},
        ok=(400,),  # through the access check, then "Upload-Length is required"
        anonymous=403,
    ),
    # Private files
    Row("film original", entry_url("/pliki/zgloszenia/{entry}/oryginal/"), (OWNER, STAFF), HIDDEN),
    Row(
        "film web copy",
        entry_url("/pliki/zgloszenia/{entry}/film.mp4"),
        (OWNER, ASSIGNED_JUROR, STAFF),
        HIDDEN,
    ),
    Row(
        "film poster",
        entry_url("/pliki/zgloszenia/{entry}/plakat.jpg"),
        (OWNER, ASSIGNED_JUROR, STAFF),
        HIDDEN,
    ),
    Row("consent scan", entry_url("/pliki/zgody/{consent}/"), (OWNER, STAFF), HIDDEN),
    Row("unpublished film page", entry_url("/konkursy/filmy/{entry}/"), (), HIDDEN),
    # Jury
    Row("juror's assignments", "/jury/", JURORS, LOGIN),
    # A juror sees only their own sheets: another's is 404; non-jurors are refused the role (403).
    Row(
        "score sheet", entry_url("/jury/karta/{assignment}/"), (ASSIGNED_JUROR,), LOGIN, refused={JUROR: 404}
    ),
    Row(
        "recuse from an entry",
        entry_url("/jury/karta/{assignment}/wylaczenie/"),
        (ASSIGNED_JUROR,),
        LOGIN,
        method="post",
        data={"reason": ""},
        ok=(302,),
        refused={JUROR: 404},
    ),
    Row("results before approval", entry_url("/wyniki/{contest_slug}/"), (), HIDDEN),
    Row("verification, unknown code", "/weryfikacja/K7QMAXHD9P/", (), HIDDEN),
    # Members-only meeting (events.wzk.access): a current member and the invited guest are members;
    # the former member's term ended before the meeting.
    Row(
        "members-only minutes",
        entry_url("/protokoly/{meeting}/"),
        (WZK_MEMBER, INVITED_GUEST, STAFF),
        HIDDEN,
        anonymous=302,
    ),
    Row(
        "members-only minutes, Wagtail document URL",
        entry_url("{minutes_url}"),
        (STAFF,),
        LOGIN,
        refused=dict.fromkeys((OWNER, OTHER_TEACHER, JUROR, ASSIGNED_JUROR, *WZK, *EXHIBITORS), 302),
    ),
    # The member's private calendar (events.wzk): the page is a current member's own; the feed is a
    # capability (right token: anybody with it; a wrong or revoked token: 404 for everybody).
    Row("WZK member's calendar page", "/wzk/kalendarz/", (WZK_MEMBER,), LOGIN),
    Row(
        "WZK member's calendar, turn on",
        "/wzk/kalendarz/",
        (WZK_MEMBER,),
        LOGIN,
        method="post",
        data={"action": "turn_on"},
        ok=(302,),
    ),
    Row("WZK private feed, right token", entry_url("/wzk/kalendarz/{calendar_token}.ics"), ACTORS, HIDDEN),
    Row(
        "WZK private feed, revoked token",
        entry_url("/wzk/kalendarz/{revoked_calendar_token}.ics"),
        (),
        HIDDEN,
    ),
    Row("WZK private feed, wrong token", "/wzk/kalendarz/nieznany-token-0000000000000000.ics", (), HIDDEN),
    # WZK attendance and minutes: the personal link confirms presence, comments on the minutes out
    # for comments (members' links only) and downloads the presentations (an attendee's link only);
    # signed in, the invited member comments and the meeting's members download; published
    # members-only minutes are for the members of their meeting (not the former member, not a
    # guest of another meeting).
    Row(
        "WZK: confirm presence, right link",
        entry_url("/wzk/zaproszenie/{invitation_token}/obecnosc/"),
        ACTORS,
        HIDDEN,
    ),
    Row(
        "WZK: confirm presence, wrong link",
        "/wzk/zaproszenie/nieznany-link-000000000000/obecnosc/",
        (),
        HIDDEN,
    ),
    Row(
        "WZK: comment on the minutes, member's link",
        entry_url("/wzk/zaproszenie/{invitation_token}/protokol/"),
        ACTORS,
        HIDDEN,
    ),
    Row(
        "WZK: comment on the minutes, guest's link",
        entry_url("/wzk/zaproszenie/{guest_invitation_token}/protokol/"),
        (),
        HIDDEN,
    ),
    Row(
        "WZK: comment on the minutes, signed in",
        entry_url("/wzk/posiedzenia/{wzk_meeting}/protokol/uwagi/"),
        (WZK_MEMBER,),
        HIDDEN,
        anonymous=302,
    ),
    Row(
        "WZK: presentation, attendee's link",
        entry_url("/wzk/zaproszenie/{invitation_token}/prezentacje/{wzk_presentation}/"),
        ACTORS,
        HIDDEN,
    ),
    Row(
        "WZK: presentation, absent guest's link",
        entry_url("/wzk/zaproszenie/{guest_invitation_token}/prezentacje/{wzk_presentation}/"),
        (),
        HIDDEN,
    ),
    Row(
        "WZK: presentation, signed in",
        entry_url("/wzk/posiedzenia/{wzk_meeting}/prezentacje/{wzk_presentation}/"),
        (WZK_MEMBER, INVITED_GUEST, STAFF),
        HIDDEN,
        anonymous=302,
    ),
    Row(
        "WZK: members-only published minutes",
        entry_url("/wzk/protokoly/{wzk_published_minutes}/"),
        (WZK_MEMBER, STAFF),
        HIDDEN,
        anonymous=302,
    ),
    Row(
        "WZK: members-only minutes' attendance list",
        entry_url("/wzk/protokoly/{wzk_published_minutes}/lista-obecnosci.pdf"),
        (WZK_MEMBER, STAFF),
        HIDDEN,
        anonymous=302,
    ),
    Row(
        "WZK: minutes out for comments are not published",
        entry_url("/wzk/protokoly/{wzk_minutes}/"),
        (),
        HIDDEN,
    ),
    # WZK invitations: the personal link is the capability (anyone holding it, no login), until
    # the meeting has ended; documents for members through the link or for a signed-in member.
    Row("WZK invitation, personal link", entry_url("/wzk/zaproszenie/{invitation_token}/"), ACTORS, HIDDEN),
    Row("WZK invitation, wrong token", "/wzk/zaproszenie/nieznany-token-0000000000/", (), HIDDEN),
    Row(
        "WZK document, personal link",
        entry_url("/wzk/zaproszenie/{invitation_token}/dokumenty/{wzk_document}/"),
        ACTORS,
        HIDDEN,
    ),
    Row(
        "WZK document, wrong token",
        entry_url("/wzk/zaproszenie/nieznany-token-0000000000/dokumenty/{wzk_document}/"),
        (),
        HIDDEN,
    ),
    Row(
        "WZK document for members",
        entry_url("/wzk/posiedzenia/{wzk_meeting}/dokumenty/{wzk_document}/"),
        (WZK_MEMBER, INVITED_GUEST, STAFF),
        HIDDEN,
        anonymous=302,
    ),
    Row(
        "WZK document for members, Wagtail document URL",
        entry_url("{wzk_document_url}"),
        (STAFF,),
        LOGIN,
        refused=dict.fromkeys((OWNER, OTHER_TEACHER, JUROR, ASSIGNED_JUROR, *WZK, *EXHIBITORS), 302),
    ),
    Row("diploma PDF, wrong code", "/dyplom/nieznany-kod-0000000000/pdf/", (), HIDDEN),
    # WZK roster: the member's own area (current and former members), the set-password link
    Row("WZK member area", "/wzk/moje/", (WZK_MEMBER, FORMER_MEMBER), LOGIN),
    Row("WZK set password, wrong link", "/wzk/haslo/zz/zly-klucz/", (), HIDDEN),
    # Scanner and check-in dashboards
    Row("scanner", "/skaner/", (STAFF,), LOGIN),
    Row("check-in lists", "/skaner/listy/", (STAFF,), LOGIN),
    Row("check-in dashboard", entry_url("/skaner/listy/{checkin_list}/"), (STAFF,), LOGIN),
    Row("check-in dashboard data", entry_url("/skaner/listy/{checkin_list}/dane/"), (STAFF,), LOGIN),
    Row("regenerate a ticket", entry_url("/skaner/bilety/{ticket}/nowy-kod/"), (STAFF,), LOGIN),
    # Staff API (session; the Bearer token is tested in events/checkin/tests/test_api.py)
    Row(
        "API: check in",
        "/api/v1/checkin",
        (STAFF,),
        API,
        method="post_json",
        data=lambda w: {"list": w["checkin_list"], "secret": "nieznany-bilet"},
    ),
    Row("API: check-in lists", "/api/v1/checkin/lists", (STAFF,), API),
    Row("API: offline list", entry_url("/api/v1/checkin/lists/{checkin_list}/tickets"), (STAFF,), API),
    Row("API: ticket search", entry_url("/api/v1/checkin/lists/{checkin_list}/search?q=Anna"), (STAFF,), API),
    Row("API: list stats", entry_url("/api/v1/checkin/lists/{checkin_list}/stats"), (STAFF,), API),
    # Counted visitors (staff and the Counter role; the role is tested in events/counting/tests)
    Row("visitor counter", entry_url("/licznik/?event={event}"), (STAFF,), LOGIN),
    Row(
        "API: record a count",
        "/api/v1/counting/counts",
        (STAFF,),
        API,
        method="post_json",
        data=lambda w: {"id": "6f1c2a64-7a55-4f0e-9d8f-2b9f7f3c1e10", "event": w["event"], "delta": 1},
    ),
    Row("API: counted this hour", entry_url("/api/v1/counting/totals?event={event}"), (STAFF,), API),
    # Wagtail admin: registrations, exports, reach, Edubus, contests, jury results, viewsets
    Row("admin home", "/admin/", (STAFF,), ADMIN),
    Row("registrations: events", "/admin/registrations/", (STAFF,), ADMIN),
    Row("registrations: one event", entry_url("/admin/registrations/{event}/"), (STAFF,), ADMIN),
    Row("registrations: CSV export", entry_url("/admin/registrations/{event}/export.csv"), (STAFF,), ADMIN),
    Row("registrations: XLSX export", entry_url("/admin/registrations/{event}/export.xlsx"), (STAFF,), ADMIN),
    Row("registrations: message all", entry_url("/admin/registrations/{event}/message/"), (STAFF,), ADMIN),
    Row("registrations: invitation codes", entry_url("/admin/registrations/{event}/codes/"), (STAFF,), ADMIN),
    Row(
        "registrations: resend",
        entry_url("/admin/registrations/{event}/{registration}/resend/"),
        (STAFF,),
        ADMIN,
        method="post",
        ok=(302,),
    ),
    Row("certificates: events", "/admin/certificates/", (STAFF,), ADMIN),
    Row("certificates: one event", entry_url("/admin/certificates/{event}/"), (STAFF,), ADMIN),
    Row(
        "certificates: issue now",
        entry_url("/admin/certificates/{event}/wystaw/"),
        (STAFF,),
        ADMIN,
        method="post",
        ok=(302,),
    ),
    Row(
        "certificates: revoke",
        entry_url("/admin/certificates/zaswiadczenie/{certificate}/uniewaznij/"),
        (STAFF,),
        ADMIN,
        method="post",
        data={"reason": "Pomyłka"},
        ok=(302,),
    ),
    Row(
        "certificates: send again",
        entry_url("/admin/certificates/zaswiadczenie/{certificate}/wyslij/"),
        (STAFF,),
        ADMIN,
        method="post",
        ok=(302,),
    ),
    Row(
        "certificates: PDF", entry_url("/admin/certificates/zaswiadczenie/{certificate}.pdf"), (STAFF,), ADMIN
    ),
    Row("certificate settings (admin)", "/admin/certificate_settings/", (STAFF,), ADMIN),
    Row("survey results: surveys", "/admin/feedback/", (STAFF,), ADMIN),
    Row("survey results: one event", entry_url("/admin/feedback/{event_survey}/"), (STAFF,), ADMIN),
    Row("survey results XLSX", entry_url("/admin/feedback/{event_survey}/wyniki.xlsx"), (STAFF,), ADMIN),
    Row("reach dashboard", "/admin/reach/", (STAFF,), ADMIN),
    Row("reach XLSX", "/admin/reach/?format=xlsx&start=2026-01-01&end=2026-12-31", (STAFF,), ADMIN),
    Row("counted visitors", "/admin/counting/", (STAFF,), ADMIN),
    Row("counted visitors: one event", entry_url("/admin/counting/event/{event}/"), (STAFF,), ADMIN),
    Row("counted visitors: CSV", entry_url("/admin/counting/event/{event}/?format=csv"), (STAFF,), ADMIN),
    Row("counted visitors: XLSX", entry_url("/admin/counting/stop/{stop}/?format=xlsx"), (STAFF,), ADMIN),
    Row(
        "reach drill-down", "/admin/reach/rows/?start=2026-01-01&end=2026-12-31&kind=pupils", (STAFF,), ADMIN
    ),
    Row("Edubus: requests", "/admin/edubus/requests/", (STAFF,), ADMIN),
    Row("Edubus: review a request", entry_url("/admin/edubus/requests/{visit_request}/"), (STAFF,), ADMIN),
    Row("Edubus: schedule", entry_url("/admin/edubus/schedule/{vehicle}/"), (STAFF,), ADMIN),
    Row(
        "Edubus: day sheet", entry_url("/admin/edubus/schedule/{vehicle}/2026-12-01/sheet/"), (STAFF,), ADMIN
    ),
    Row("contest entries", "/admin/contests/entries/", (STAFF,), ADMIN),
    Row("contest entry check", entry_url("/admin/contests/entries/{entry}/"), (STAFF,), ADMIN),
    Row("jury results: rounds", "/admin/jury-results/", (STAFF,), ADMIN),
    Row("jury results: round", entry_url("/admin/jury-results/{round}/"), (STAFF,), ADMIN),
    Row("jury report", entry_url("/admin/jury-results/{round}/protokol/"), (STAFF,), ADMIN),
    Row("jury report PDF", entry_url("/admin/jury-results/{round}/protokol.pdf"), (STAFF,), ADMIN),
    Row("jury results XLSX", entry_url("/admin/jury-results/{round}/wyniki.xlsx"), (STAFF,), ADMIN),
    Row("check-in lists (admin)", "/admin/checkin_lists/", (STAFF,), ADMIN),
    Row("scan log (admin)", "/admin/checkin_scans/", (STAFF,), ADMIN),
    Row("feedback surveys (admin)", "/admin/feedback_surveys/", (STAFF,), ADMIN),
    Row("surveys of events (admin)", "/admin/feedback_event_surveys/", (STAFF,), ADMIN),
    Row("ticket types (admin)", "/admin/ticket_types/", (STAFF,), ADMIN),
    Row("Edubus visit requests (admin)", "/admin/edubus/visitrequest/", (STAFF,), ADMIN),
    Row("Edubus stops (admin)", "/admin/edubus/stop/", (STAFF,), ADMIN),
    Row("schools (admin)", "/admin/contest_schools/", (STAFF,), ADMIN),
    Row("extension codes (admin)", "/admin/contest_extensions/", (STAFF,), ADMIN),
    Row("jurors (admin)", "/admin/jury/jurors/", (STAFF,), ADMIN),
    Row("public vote windows (admin)", "/admin/jury/votes/", (STAFF,), ADMIN),
    Row("WZK recommendations (admin)", "/admin/wzk/rekomendacje/", (STAFF,), ADMIN),
    Row("WZK recommendations register XLSX", "/admin/wzk/rekomendacje/rejestr.xlsx", (STAFF,), ADMIN),
    Row(
        "WZK recommendation from a conclusion",
        entry_url("/admin/wzk/rekomendacje/z-wniosku/{conclusion}/"),
        (STAFF,),
        ADMIN,
        ok=(302,),
    ),
    Row("WZK partner mornings (admin)", "/admin/wzk/poranki/", (STAFF,), ADMIN),
    Row("WZK study visits (admin)", "/admin/wzk/wizyty/", (STAFF,), ADMIN),
    Row(
        "WZK member's private calendar (admin)",
        entry_url("/admin/wzk/czlonkowie/{wzk_member}/kalendarz/"),
        (STAFF,),
        ADMIN,
    ),
    Row("WZK attendance: meetings (admin)", "/admin/wzk/obecnosc/", (STAFF,), ADMIN),
    Row(
        "WZK attendance: a meeting (admin)", entry_url("/admin/wzk/obecnosc/{wzk_meeting}/"), (STAFF,), ADMIN
    ),
    Row(
        "WZK attendance list PDF (admin)",
        entry_url("/admin/wzk/obecnosc/{wzk_meeting}/lista-obecnosci.pdf"),
        (STAFF,),
        ADMIN,
    ),
    Row("WZK minutes workflow (admin)", entry_url("/admin/wzk/protokoly/{wzk_minutes}/"), (STAFF,), ADMIN),
    Row("WZK members (admin)", "/admin/wzk/member/", (STAFF,), ADMIN),
    Row("WZK roster import", "/admin/wzk/sklad/import/", (STAFF,), ADMIN),
    Row("WZK roster import template (CSV)", "/admin/wzk/sklad/import/szablon.csv", (STAFF,), ADMIN),
    Row("WZK roster import template (XLSX)", "/admin/wzk/sklad/import/szablon.xlsx", (STAFF,), ADMIN),
    Row("WZK invite members without an account", "/admin/wzk/sklad/zaproszenia/", (STAFF,), ADMIN),
    Row("WZK invite a member", entry_url("/admin/wzk/sklad/{wzk_member}/zaproszenie/"), (STAFF,), ADMIN),
    Row("WZK meetings (admin)", "/admin/wzk/meeting/", (STAFF,), ADMIN),
    Row("WZK replies", entry_url("/admin/wzk/meetings/{wzk_meeting}/replies/"), (STAFF,), ADMIN),
    Row("WZK replies data", entry_url("/admin/wzk/meetings/{wzk_meeting}/replies/data/"), (STAFF,), ADMIN),
    Row(
        "WZK: send the invitations",
        entry_url("/admin/wzk/meetings/{wzk_meeting}/send/"),
        (STAFF,),
        ADMIN,
        method="post",
        ok=(302,),
    ),
    Row(
        "WZK: remind",
        entry_url("/admin/wzk/meetings/{wzk_meeting}/remind/"),
        (STAFF,),
        ADMIN,
        method="post",
        ok=(302,),
    ),
    Row(
        "WZK: invite a guest",
        entry_url("/admin/wzk/meetings/{wzk_meeting}/guests/"),
        (STAFF,),
        ADMIN,
        method="post",
        data={"name": "", "email": "zly-adres"},
        ok=(400,),
    ),
    Row("Django admin", "/django-admin/", (STAFF,), ADMIN),
    Row("two-factor enrolment list (admin)", "/admin/two-factor/", (STAFF,), ADMIN),
    # Fairs, area E (floor plans): the halls' plans and placing the stands, staff only in the admin
    Row("fair hall plans (admin)", "/admin/fairs/plany/", (STAFF,), ADMIN),
    Row("fair hall plan: edit (admin)", entry_url("/admin/fairs/plany/edit/{floor_plan}/"), (STAFF,), ADMIN),
    Row(
        "fair hall plan: place the stands (admin)",
        entry_url("/admin/fairs/plany/{floor_plan}/rozmiesc/"),
        (STAFF,),
        ADMIN,
    ),
    Row(
        "fair hall plan: save the stands' positions (admin)",
        entry_url("/admin/fairs/plany/{floor_plan}/rozmiesc/"),
        (STAFF,),
        ADMIN,
        method="post",
        data=lambda w: {f"x_{w['exhibitor_stand']}": "150", f"y_{w['exhibitor_stand']}": "20"},
        ok=(400,),
    ),
    # ---- Fairs: stand visits (area G) ----
    Row(
        "stand visits of the exhibitor's stand",
        lambda w: f"/wystawca/stoisko/{w['exhibitor_application']}/odwiedziny/",
        (EXHIBITOR,),
        LOGIN,
        refused={OTHER_EXHIBITOR: 404},  # another exhibitor's application is not revealed
    ),
    Row(
        "stand visits: save the material",
        lambda w: f"/wystawca/stoisko/{w['exhibitor_application']}/odwiedziny/",
        (EXHIBITOR,),
        LOGIN,
        method="post",
        data={"material": "Ulotka", "material_url": "zly adres"},
        ok=(400,),
        refused={OTHER_EXHIBITOR: 404},
    ),
    Row(
        "stand visit QR code PDF",
        lambda w: f"/wystawca/stoisko/{w['exhibitor_application']}/odwiedziny/kod.pdf",
        (EXHIBITOR,),
        LOGIN,
        refused={OTHER_EXHIBITOR: 404},
    ),
    Row("stand visit code, wrong token", "/stoisko/zly-kod-stoiska/", (), HIDDEN),
    Row("fairs with stand visits (admin)", "/admin/fairs/odwiedziny/", (STAFF,), ADMIN),
    Row("stand visits of a fair (admin)", entry_url("/admin/fairs/odwiedziny/{fair}/"), (STAFF,), ADMIN),
    Row(
        "stand visit QR codes of a fair, PDF (admin)",
        entry_url("/admin/fairs/odwiedziny/{fair}/kody.pdf"),
        (STAFF,),
        ADMIN,
    ),
    Row(
        "stand visits: give every stand a code (admin)",
        entry_url("/admin/fairs/odwiedziny/{fair}/"),
        (STAFF,),
        ADMIN,
        method="post",
        ok=(302,),
    ),
    # Fairs review (staff's queue of exhibitor applications, decisions, stands, mail, exports)
    Row("fairs review: calls", "/admin/fairs/zgloszenia/", (STAFF,), ADMIN),
    Row("fairs review: queue", entry_url("/admin/fairs/zgloszenia/{exhibitor_call}/"), (STAFF,), ADMIN),
    Row(
        "fairs review: XLSX",
        entry_url("/admin/fairs/zgloszenia/{exhibitor_call}/zgloszenia.xlsx"),
        (STAFF,),
        ADMIN,
    ),
    Row(
        "fairs review: CSV",
        entry_url("/admin/fairs/zgloszenia/{exhibitor_call}/zgloszenia.csv"),
        (STAFF,),
        ADMIN,
    ),
    Row(
        "fairs review: mail the accepted",
        entry_url("/admin/fairs/zgloszenia/{exhibitor_call}/wiadomosc/"),
        (STAFF,),
        ADMIN,
    ),
    Row(
        "fairs review: an application",
        entry_url("/admin/fairs/zgloszenie/{other_exhibitor_application}/"),
        (STAFF,),
        ADMIN,
    ),
    Row(
        "fairs review: decline without a reason",
        entry_url("/admin/fairs/zgloszenie/{other_exhibitor_application}/"),
        (STAFF,),
        ADMIN,
        method="post",
        data={"action": "decide", "decision-decision": "declined", "decision-reason": ""},
        ok=(400,),
    ),
    Row(
        "fairs review: a stand number given twice",
        entry_url("/admin/fairs/zgloszenie/{exhibitor_application}/"),
        (STAFF,),
        ADMIN,
        method="post",
        data=lambda w: {
            "action": "assign",
            "stand-zone": w["exhibitor_zone"],
            "stand-number": w["other_stand_number"],
        },
        ok=(400,),
    ),
    # ---- fairs, Applications: the exhibitor area, colleagues, applications; the calls in the admin ----
    Row("exhibitor area", "/wystawca/", EXHIBITORS, LOGIN),
    Row(
        "exhibitor: invite a colleague",
        "/wystawca/osoby/zapros/",
        EXHIBITORS,
        LOGIN,
        method="post",
        data={"email": "zly-adres"},
        ok=(400,),
    ),
    Row(
        "exhibitor: set password, wrong link",
        "/wystawca/haslo/zz/zly-klucz/",
        (),
        HIDDEN,
    ),
    Row(
        "exhibitor: apply to a call",  # each institution is sent on to its own application of the call
        entry_url("/wystawca/zgloszenia/{exhibitor_call}/"),
        EXHIBITORS,
        LOGIN,
        ok=(302,),
    ),
    Row(
        "exhibitor: application",
        entry_url("/wystawca/zgloszenia/{exhibitor_call}/{exhibitor_application}/"),
        (EXHIBITOR,),
        LOGIN,
        refused={OTHER_EXHIBITOR: 404},
    ),
    Row(
        "exhibitor: withdraw an application",  # an accepted one stays accepted: back with a message
        entry_url("/wystawca/zgloszenia/{exhibitor_call}/{exhibitor_application}/wycofaj/"),
        (EXHIBITOR,),
        LOGIN,
        method="post",
        ok=(302,),
        refused={OTHER_EXHIBITOR: 404},
    ),
    Row("fairs: calls for exhibitors (admin)", "/admin/fairs/call/", (STAFF,), ADMIN),
    Row(
        "fairs: edit a call for exhibitors (admin)",
        entry_url("/admin/fairs/call/edit/{exhibitor_call}/"),
        (STAFF,),
        ADMIN,
    ),
]


# Stands (fairs, area C): an accepted exhibitor's people keep its stand page; nobody else finds it.
ROWS += [
    Row(
        "stand page editor",
        entry_url("/wystawca/stoisko/{exhibitor_application}/"),
        (EXHIBITOR,),
        HIDDEN,
        anonymous=302,
    ),
    Row(
        "stand page editor: save",
        entry_url("/wystawca/stoisko/{exhibitor_application}/"),
        (EXHIBITOR,),
        HIDDEN,
        method="post",
        data={"website": "nie-adres"},
        ok=(400,),  # through to the form, which refuses the input and changes nothing
        anonymous=302,
    ),
    Row(
        "stand page editor, an application not accepted",
        entry_url("/wystawca/stoisko/{other_exhibitor_application}/"),
        (),
        HIDDEN,
        anonymous=302,
    ),
]


# Fairs, the visitor's plan: capability links (the plan's secret token, the ticket's secret); the
# right link works for anybody who holds it, a wrong one is 404 for everybody.
ROWS += [
    Row("visitor's plan, right link", lambda w: f"/targi/plan/{w['visitor_plan']}/", ACTORS, HIDDEN),
    Row("visitor's plan, wrong link", lambda w: f"/targi/plan/{w['visitor_plan'][:-2]}xx/", (), HIDDEN),
    Row(
        "visitor's plan calendar, wrong link",
        lambda w: f"/targi/plan/{w['visitor_plan'][:-2]}xx.ics",
        (),
        HIDDEN,
    ),
    Row(
        "remove from a visitor's plan, wrong link",
        lambda w: f"/targi/plan/{w['visitor_plan'][:-2]}xx/usun/",
        (),
        HIDDEN,
        method="post",
        data=lambda w: {"stand": w["exhibitor_stand"]},
    ),
    Row(
        "plan my visit from a ticket, wrong secret",
        lambda w: f"/targi/plan/bilet/{w['secret'][:-2]}xx/",
        (),
        HIDDEN,
        method="post",
    ),
]


# ---- Passes: an accepted exhibitor's stand staff passes (its own people only; another
# institution's application or pass is 404, a person of no exhibitor is refused the role) ----
ROWS += [
    Row(
        "exhibitor passes",
        entry_url("/wystawca/przepustki/{exhibitor_application}/"),
        (EXHIBITOR,),
        LOGIN,
        refused={OTHER_EXHIBITOR: 404},
    ),
    Row(
        "exhibitor passes of another's application",
        entry_url("/wystawca/przepustki/{other_exhibitor_application}/"),
        (),
        LOGIN,
        refused={EXHIBITOR: 404, OTHER_EXHIBITOR: 404},
    ),
    Row(
        "name a stand staff pass",
        entry_url("/wystawca/przepustki/{exhibitor_application}/"),
        (EXHIBITOR,),
        LOGIN,
        method="post",
        data={"name": "", "email": ""},
        ok=(400,),  # through the access check, then "give the name"
        refused={OTHER_EXHIBITOR: 404},
    ),
    Row(
        "all exhibitor passes PDF",
        entry_url("/wystawca/przepustki/{exhibitor_application}/przepustki.pdf"),
        (EXHIBITOR,),
        LOGIN,
        refused={OTHER_EXHIBITOR: 404},
    ),
    Row(
        "exhibitor pass PDF",
        entry_url("/wystawca/przepustki/{exhibitor_application}/{exhibitor_pass}.pdf"),
        (EXHIBITOR,),
        LOGIN,
        refused={OTHER_EXHIBITOR: 404},
    ),
    Row(
        "change an exhibitor pass",
        entry_url("/wystawca/przepustki/{exhibitor_application}/{exhibitor_pass}/"),
        (EXHIBITOR,),
        LOGIN,
        refused={OTHER_EXHIBITOR: 404},
    ),
    Row(
        "remove an exhibitor pass",
        entry_url("/wystawca/przepustki/{exhibitor_application}/{exhibitor_pass_to_remove}/usun/"),
        (EXHIBITOR,),
        LOGIN,
        method="post",
        ok=(302,),
        refused={OTHER_EXHIBITOR: 404},
    ),
]


# Our URL names that are public on purpose (or capability links listed above with a right secret).
PUBLIC = {
    "cms:search",
    "cms:county_gminas",  # the public register of places, for the place fields' script
    # Capability links that also need the account they were mailed to (tests of their own).
    "cms:mfa_enrolment",
    "contests:invitation_accept",
    "registration:register",
    "registration:accepted",  # the same page for every address: it names none
    "registration:resend",
    "registration:detail",
    "registration:cancel",
    "registration:ticket",
    "registration:ticket_pdf",
    "registration:ticket_ics",
    "edubus:stops",
    "edubus:stop",
    "edubus:request",
    "edubus:request_thanks",
    "calendars:feed",
    "calendars:kind_feed",
    "calendars:county_feed",
    "calendars:event_ics",
    "contests:public_film",
    "contests:gallery",
    "jury:results",
    "jury:vote",
    "jury:confirm_vote",
    "jury:verify",  # a permanent redirect to the verification page
    "jury:diploma_pdf",
    "verification:lookup",
    "verification:document",
    "feedback:answer",  # capability links: a wrong token is 404 (a row above)
    "feedback:thanks",
    "wzk:recommendations",  # the adopted recommendations staff marked public
    "wzk:member_feed",  # capability link, rows "WZK private feed, …"
    "fairs:stand_visit",  # a stand's visit code: a capability link, row "stand visit code, wrong token"
    "fairs:signup",  # fairs, Applications: the exhibitor's sign-up page
    # Fairs, the visitor's plan: "add" changes only this browser's anonymous plan; "my plan" opens
    # it from the session; the rest are capability links (rows "visitor's plan, …").
    "fairs:plan_add",
    "fairs:my_plan",
    "fairs:plan",
    "fairs:plan_ics",
    "fairs:plan_remove",
    "fairs:plan_for_ticket",
}
# Named URLs of ours that the rows reach by path (name → row names that cover it).
COVERED = {
    "events:minutes": "members-only minutes",
    "registration:mine": "my registrations",
    "registration:change_size": "change a group's size",
    "registration:register_group": "register a school group",
    "cms:school_area": "school dashboard",
    "cms:account": "school dashboard",
    "wzk:member_area": "WZK member area",
    "wzk:set_password": "WZK set password, wrong link",  # a capability link: only the right key works  # any signed-in user: their own page, or a redirect to it
    "contests:school_create": "school dashboard",  # a new profile: the user's own, nothing private
    "contests:school_edit": "school profile",
    "contests:school_add_teacher": "add a teacher to the school",
    "contests:extension_redeem": "redeem an extension code for the school",
    "contests:entry_create": "school dashboard",  # starts the user's own entry; nothing private
    "contests:entry_detail": "entry",
    "contests:entry_edit": "entry edit",
    "contests:entry_submit": "submit entry",
    "contests:entry_reopen": "submit entry",
    "contests:film_status": "film status",
    "contests:tus_create": "tus upload of a film",
    "contests:tus_upload": "tus upload of a film",
    "contests:consent_form": "consent form PDF",
    "contests:consent_upload": "consent form PDF",
    "contests:consent_withdraw": "withdraw a consent",
    "contests:film_original": "film original",
    "contests:film_web": "film web copy",
    "contests:film_poster": "film poster",
    "contests:consent_scan": "consent scan",
    "jury:assignments": "juror's assignments",
    "jury:sheet": "score sheet",
    "jury:recuse": "recuse from an entry",
    "checkin:scanner": "scanner",
    "checkin:lists": "check-in lists",
    "checkin:dashboard": "check-in dashboard",
    "checkin:dashboard_data": "check-in dashboard data",
    "checkin:regenerate": "regenerate a ticket",
    "wzk:member_calendar": "WZK member's calendar page",
    "counting:counter": "visitor counter",
    "wzk:confirm_presence": "WZK: confirm presence, right link",
    "wzk:minutes_comments_token": "WZK: comment on the minutes, member's link",
    "wzk:minutes_comments": "WZK: comment on the minutes, signed in",
    "wzk:presentation_token": "WZK: presentation, attendee's link",
    "wzk:presentation": "WZK: presentation, signed in",
    "wzk:published_minutes": "WZK: members-only published minutes",
    "wzk:published_attendance_pdf": "WZK: members-only minutes' attendance list",
    "certificates:pdf": "certificate PDF",
    "wzk:invitation": "WZK invitation, personal link",
    "wzk:invitation_document": "WZK document, personal link",
    "wzk:document": "WZK document for members",
    # Fairs: stand visits (area G)
    "fairs:stand_visits": "stand visits of the exhibitor's stand",
    "fairs:stand_visit_code_pdf": "stand visit QR code PDF",
    # fairs, Applications
    "fairs:area": "exhibitor area",
    "fairs:invite": "exhibitor: invite a colleague",
    "fairs:set_password": "exhibitor: set password, wrong link",  # only the right key works (tests)
    "fairs:apply": "exhibitor: apply to a call",
    "fairs:application": "exhibitor: application",
    "fairs:withdraw": "exhibitor: withdraw an application",
    "fairs:stand_page_edit": "stand page editor",
    # ---- Passes ----
    "fairs:passes": "exhibitor passes",
    "fairs:passes_pdf": "all exhibitor passes PDF",
    "fairs:pass_pdf": "exhibitor pass PDF",
    "fairs:pass_edit": "change an exhibitor pass",
    "fairs:pass_remove": "remove an exhibitor pass",
}
OUR_NAMESPACES = (
    "cms",
    "registration",
    "checkin",
    "certificates",
    "edubus",
    "calendars",
    "contests",
    "jury",
    "verification",
    "wzk",
    "feedback",
    "counting",
    "fairs",
)


def _our_url_names():
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace in OUR_NAMESPACES and pattern.name:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_private_url_is_in_the_matrix():
    row_names = {row.name for row in ROWS}
    assert set(COVERED.values()) <= row_names
    unlisted = _our_url_names() - PUBLIC - set(COVERED)
    assert unlisted == set(), "add these URLs to the access matrix (or to PUBLIC if they are public)"


def _world():
    owner = TeacherFactory(username="wlascicielka", email="wlascicielka@example.org")
    other_teacher = TeacherFactory(username="inna", email="inna@example.org")
    school = SchoolFactory(teachers=[owner])
    other_school = SchoolFactory(teachers=[other_teacher])
    entry = EntryFactory(school=school, teacher=owner)
    member = TeamMemberFactory(entry=entry)
    film = Film.objects.create(entry=entry, upload_length=4, upload_offset=4, status=Film.Status.READY)
    film.original.save("oryginal.mp4", ContentFile(b"film"), save=False)
    film.web_copy.save("film.mp4", ContentFile(b"film"), save=False)
    film.poster.save("plakat.jpg", ContentFile(samples.png_image()), save=False)
    film.save()
    consent = Consent.objects.create(
        member=member, kind=ConsentKind.PARENT_PUBLICATION, status=Consent.Status.UPLOADED
    )
    consent.scan.save("skan.png", ContentFile(samples.png_image()), save=True)

    assigned_juror = JurorFactory(username="sedzia", email="sedzia@example.org")
    juror = JurorFactory(username="inny-sedzia", email="inny.sedzia@example.org")
    round = RoundFactory(contest=entry.contest)
    assignment = AssignmentFactory(round=round, juror=assigned_juror, entry=entry)
    staff = StaffFactory(username="biuro", email="biuro@example.org")

    ticket_type = GroupTicketTypeFactory()
    registration = RegistrationFactory(
        ticket_type=ticket_type, teacher=owner, email=owner.email, places=12, pupils=10, adults=2
    )
    checkin_list = CheckInListFactory(event=ticket_type.event)
    CertificateSettings.objects.create(event=ticket_type.event, enabled=True)
    now = timezone.now()
    CheckIn.objects.create(
        ticket=registration.ticket, checkin_list=checkin_list, people=11, first_at=now, last_at=now
    )
    certificate_services.issue_certificates(event=ticket_type.event, mail=False)
    event_survey = attach_survey(event=ticket_type.event)
    invitation = SurveyInvitation.objects.create(
        event_survey=event_survey, registration=registration, sent_at=timezone.now()
    )
    minutes = get_document_model().objects.create(
        title="Protokół", file=ContentFile(b"%PDF-1.4 protokol", name="protokol.pdf")
    )
    meeting = EventPageFactory(
        kind="meeting", members_only=True, minutes=minutes, online_url="https://meet.example.org/wzk"
    )
    wzk_meeting = MeetingFactory(event=meeting)
    wzk_member = MemberFactory(user=UserFactory(username="czlonek-wzk", email="czlonek.wzk@example.org"))
    former = MemberFactory(
        user=UserFactory(username="byly-czlonek", email="byly.czlonek@example.org"),
        term_from=datetime.date(2020, 1, 1),
        term_to=timezone.localdate() - datetime.timedelta(days=1),
    )
    guest = UserFactory(username="gosc-wzk", email="gosc.wzk@example.org")
    member_invitation = InvitationFactory(meeting=wzk_meeting, member=wzk_member)
    guest_invitation = InvitationFactory(
        meeting=wzk_meeting, member=None, guest_name="Gość Posiedzenia", guest_email=guest.email
    )
    revoked_calendar_token = wzk_services.turn_on_calendar_feed(member=wzk_member)
    calendar_token = wzk_services.revoke_calendar_feed(member=wzk_member)
    conclusion = ConclusionFactory()
    # WZK attendance and minutes: the meeting's minutes out for comments, a presentation sent to the
    # attendees (the member confirmed presence online), published members-only minutes of another meeting.
    wzk_minutes = MinutesFactory(
        meeting=wzk_meeting,
        status=Minutes.Status.IN_COMMENTS,
        comments_until=timezone.now() + datetime.timedelta(days=7),
    )
    slides = get_document_model().objects.create(
        title="Prezentacja", file=ContentFile(b"%PDF-1.4 slajdy", name="slajdy.pdf")
    )
    wzk_presentation = MeetingDocument.objects.create(
        meeting=wzk_meeting, document=slides, is_presentation=True
    )
    Meeting.objects.filter(pk=wzk_meeting.pk).update(presentations_sent_at=timezone.now())
    Invitation.objects.filter(pk=member_invitation.pk).update(present_online_at=timezone.now())
    wzk_published_minutes = MinutesFactory(
        status=Minutes.Status.PUBLISHED, visibility=Minutes.Visibility.MEMBERS, published_at=timezone.now()
    )
    wzk_document = get_document_model().objects.create(
        title="Materiały dla członków", file=ContentFile(b"materialy", name="materialy.txt")
    )
    MeetingDocument.objects.create(meeting=wzk_meeting, document=wzk_document)
    keep_documents_private(meeting=wzk_meeting)
    stop = StopFactory()
    visit_request = VisitRequestFactory()
    # A fair's call with two exhibitors: the first accepted with a stand and its page, the other's
    # application submitted; each with one person.
    exhibitor_application = fair_factories.ApplicationFactory(status="accepted")
    exhibitor_call = exhibitor_application.call
    exhibitor_stand = StandFactory(event=exhibitor_call.event, zone=exhibitor_call.event.zones.first())
    Application.objects.filter(pk=exhibitor_application.pk).update(stand=exhibitor_stand)
    exhibitor_stand_page = fair_factories.StandPageFactory(stand=exhibitor_stand)
    other_application = fair_factories.ApplicationFactory(call=exhibitor_call, status="submitted")
    exhibitor_person = fair_factories.exhibitor_person(exhibitor_application.exhibitor, username="wystawca")
    other_exhibitor_person = fair_factories.exhibitor_person(
        other_application.exhibitor, username="inny-wystawca"
    )

    users = {
        ANONYMOUS: None,
        OWNER: owner,
        OTHER_TEACHER: other_teacher,
        JUROR: juror,
        ASSIGNED_JUROR: assigned_juror,
        STAFF: staff,
        WZK_MEMBER: wzk_member.user,
        FORMER_MEMBER: former.user,
        INVITED_GUEST: guest,
        EXHIBITOR: exhibitor_person,
        OTHER_EXHIBITOR: other_exhibitor_person,
    }
    # Fairs, stand visits (area G): the call has stand visit codes on.
    ExhibitorCall.objects.filter(pk=exhibitor_call.pk).update(stand_visits_enabled=True)
    StandVisitCode.objects.get_or_create(stand=exhibitor_stand)
    world = {
        "school": school.pk,
        "other_school": other_school.pk,
        "entry": entry.pk,
        "member": member.pk,
        "consent": consent.pk,
        "assignment": assignment.pk,
        "round": round.pk,
        "contest_slug": entry.contest.slug,
        "event": ticket_type.event.pk,
        "registration": registration.pk,
        "cancel_token": registration.cancel_token,
        "secret": registration.ticket.secret,
        "ticket": registration.ticket.pk,
        "checkin_list": checkin_list.pk,
        "certificate": Certificate.objects.get(registration=registration).pk,
        "event_survey": event_survey.pk,
        "survey_token": invitation.token,
        "vehicle": stop.vehicle.pk,
        "stop": stop.pk,
        "visit_request": visit_request.pk,
        "meeting": meeting.pk,
        "minutes_url": minutes.url,
        "wzk_meeting": wzk_meeting.pk,
        "wzk_member": wzk_member.pk,
        "invitation_token": member_invitation.token,
        "guest_invitation_token": guest_invitation.token,
        "calendar_token": calendar_token,
        "revoked_calendar_token": revoked_calendar_token,
        "conclusion": conclusion.pk,
        "wzk_minutes": wzk_minutes.pk,
        "wzk_presentation": wzk_presentation.pk,
        "wzk_published_minutes": wzk_published_minutes.pk,
        "wzk_document": wzk_document.pk,
        "wzk_document_url": wzk_document.url,
        "fair": exhibitor_call.event.pk,
        "exhibitor_call": exhibitor_call.pk,
        "exhibitor": exhibitor_application.exhibitor.pk,
        "exhibitor_application": exhibitor_application.pk,
        "other_exhibitor_application": other_application.pk,
        "exhibitor_stand": exhibitor_stand.pk,
        "exhibitor_stand_page": exhibitor_stand_page.pk,
        "floor_plan": FloorPlan.objects.create(
            event=exhibitor_call.event, name="Hala A", image=make_image("Plan hali A")
        ).pk,
        "exhibitor_zone": exhibitor_stand.zone_id,
        "other_stand_number": StandFactory(event=exhibitor_call.event, zone=exhibitor_stand.zone).number,
        "visitor_plan": exhibitor_call.event.visitor_plans.create().token,
        # ---- Passes: two stand staff passes of the accepted exhibitor (one to remove) ----
        "exhibitor_pass": fair_services.name_pass(application=exhibitor_application, name="Jan Stoiskowy").pk,
        "exhibitor_pass_to_remove": fair_services.name_pass(
            application=exhibitor_application, name="Ewa Stoiskowa"
        ).pk,
    }
    return users, world


def _request(client, row, url, world):
    data = row.data(world) if callable(row.data) else row.data
    if row.method == "post_json":
        return client.post(url, data, content_type="application/json", headers=row.headers)
    return getattr(client, row.method)(url, data, headers=row.headers)


def _verdict(row, actor, response):
    """None if the cell is as the table says, else a description of what went wrong."""
    status = response.status_code
    if actor in row.allowed:
        if status not in row.ok:
            return f"expected through {row.ok}, got {status}"
        if status == 302 and "/accounts/login/" in response["Location"]:
            return "expected through, was sent to log in"
        return None
    expected = _refusal(row, actor)
    if status != expected:
        return f"expected refusal {expected}, got {status}"
    if status == 302 and not response["Location"].startswith(LOGIN_PAGES):
        return f"refused with a redirect to {response['Location']}, not to the login page"
    return None


def test_access_matrix(demo_site, capsys):
    users, world = _world()
    clients = {}
    for actor, user in users.items():
        clients[actor] = Client(raise_request_exception=False)
        if user is not None:
            clients[actor].force_login(user)

    wrong = []
    cells = 0
    for row in ROWS:
        url = row.url(world) if callable(row.url) else row.url
        for actor in ACTORS:
            response = _request(clients[actor], row, url, world)
            cells += 1
            problem = _verdict(row, actor, response)
            if response.status_code >= 500:
                problem = f"server error {response.status_code}"
            if problem:
                wrong.append(f"{row.name} ({row.method.upper()} {url}) as {actor}: {problem}")

    with capsys.disabled():
        print(f"\naccess matrix: {len(ROWS)} URLs x {len(ACTORS)} actors = {cells} cells")
    assert cells == len(ROWS) * len(ACTORS)
    assert wrong == [], "\n".join(wrong)


def test_the_matrix_size_is_what_docs_security_md_states():
    text = (Path(__file__).resolve().parent.parent / "docs" / "security.md").read_text()
    figure = re.search(r"(\d+) URLs x (\d+) actors = (\d+) cells", text)

    assert figure is not None
    assert tuple(map(int, figure.groups())) == (len(ROWS), len(ACTORS), len(ROWS) * len(ACTORS))
