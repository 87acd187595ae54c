from django.contrib.auth.models import AnonymousUser
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from cms import hooks as cms_hooks
from cms.accounts import roles
from cms.hooks import PERSONAL_DATA

from . import admin_urls, demo, privacy, retention, school_area
from .models import JurorProfile, Round, VoteWindow


class RoundViewSet(ModelViewSet):
    model = Round
    name = "jury_round"
    url_prefix = "jury/rounds"
    menu_label = _("Jury: rounds and criteria")
    icon = "list-ol"
    menu_hook = cms_hooks.ADMIN_MENU_CONTESTS
    menu_order = 20
    list_display = ["name", "contest", "kind", "order", "approved_at"]
    list_filter = ["kind"]
    add_to_admin_menu = False


class JurorProfileViewSet(ModelViewSet):
    model = JurorProfile
    name = "jury_juror"
    url_prefix = "jury/jurors"
    menu_label = _("Jurors' declarations")
    icon = "user"
    menu_hook = cms_hooks.ADMIN_MENU_CONTESTS
    menu_order = 21
    list_display = ["name", "school", "municipality"]
    add_to_admin_menu = False


class VoteWindowViewSet(ModelViewSet):
    model = VoteWindow
    name = "jury_vote"
    url_prefix = "jury/votes"
    menu_label = _("Public votes")
    icon = "pick"
    menu_hook = cms_hooks.ADMIN_MENU_CONTESTS
    menu_order = 23
    list_display = ["contest", "opens_at", "closes_at"]
    add_to_admin_menu = False


@hooks.register("register_admin_viewset")
def register_jury_viewsets():
    """In the admin menu's "Contests" group."""
    return [RoundViewSet(), JurorProfileViewSet(), VoteWindowViewSet()]


@hooks.register("register_admin_urls")
def register_jury_admin_urls():
    return [path("jury-results/", include((admin_urls.urlpatterns, "jury_admin"), namespace="jury_admin"))]


@hooks.register(cms_hooks.ADMIN_MENU_CONTESTS)
def register_results_menu_item():
    return MenuItem(_("Jury results"), reverse("jury_admin:rounds"), icon_name="table", order=22)


@hooks.register(cms_hooks.SEED_DEMO, order=60)
def seed_jury_demo(*, home, stdout):
    demo.seed(stdout=stdout)


@hooks.register(cms_hooks.DEMO_LOGINS)
def jury_demo_logins():
    return demo.demo_logins()


@hooks.register(cms_hooks.ACCOUNT_HOME)
def juror_account_home(user):
    """ "My account" of a juror opens their score sheets."""
    return reverse("jury:assignments") if roles.has_role(user, roles.JUROR) else None


@hooks.register(cms_hooks.HOME_SECTIONS)
def juror_home_section(request):
    """A juror finds their score sheets from the home page."""
    if not roles.has_role(getattr(request, "user", AnonymousUser()), roles.JUROR):
        return None
    return {"order": 5, "template": "jury/home_section.html", "context": {}}


@hooks.register(PERSONAL_DATA, order=45)
def jury_personal_data():
    return privacy.source()


@hooks.register(cms_hooks.RETENTION_RULES)
def jury_retention_rules():
    return retention.rules()


@hooks.register(cms_hooks.SCHOOL_AREA)
def diplomas_school_area(request):
    return school_area.section(request)
