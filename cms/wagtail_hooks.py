from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .hooks import SEED_DEMO
from .models import NavigationMenu


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """Lets the page cache ask the page type whether anonymous views may be cached."""
    request._edufest_served_page = page


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Menus")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "locale"]


register_snippet(NavigationMenuViewSet)


@hooks.register(SEED_DEMO, order=1000)
def seed_menus(*, home, stdout):
    """Last of the demo hooks, so the apps' index pages are in the menus too."""
    from . import demo

    demo.ensure_menus(home)


@hooks.register("register_admin_urls")
def reach_admin_urls():
    from django.urls import path

    from .admin_views import reach_dashboard

    return [path("reach/", reach_dashboard, name="cms_reach")]


class ReachMenuItem(MenuItem):
    def is_shown(self, request):
        from .admin_views import can_view_reach

        return can_view_reach(request.user)


@hooks.register("register_admin_menu_item")
def reach_menu_item():
    return ReachMenuItem(_("Reach"), reverse("cms_reach"), icon_name="view", order=250)
