"""The admin dashboard's "Needs attention" panel and the admin menu's groups.

The domain apps fill both through hooks (``cms.hooks.ATTENTION_ITEMS`` and ``ADMIN_MENU_*``) so that
cms imports neither of them.
"""

from dataclasses import dataclass

from wagtail import hooks
from wagtail.admin.menu import WagtailMenuRegisterableGroup
from wagtail.admin.ui.components import Component

from .hooks import ATTENTION_ITEMS


@dataclass(frozen=True)
class AttentionItem:
    """One line of the panel: what waits (``label``), how many (``count``) and where to act (``url``)."""

    label: str
    count: int
    url: str
    order: int = 100


def attention_items(request):
    """The contributed lines the user may see, in their order (each costs its hook one query)."""
    items = [item for fn in hooks.get_hooks(ATTENTION_ITEMS) if (item := fn(request)) is not None]
    return sorted(items, key=lambda item: (item.order, item.label))


class AttentionPanel(Component):
    name = "edufest_attention"
    order = 50  # above Wagtail's own panels
    template_name = "cms/admin/attention_panel.html"

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": self.items}


class MenuGroup(WagtailMenuRegisterableGroup):
    """A submenu of the admin menu gathering what the apps register under ``hook``."""

    def __init__(self, *, label, name, icon, order, hook):
        self.menu_label = label
        self.menu_name = name
        self.menu_icon = icon
        self.menu_order = order
        self.submenu_hook = hook
        super().__init__()
