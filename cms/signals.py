"""Signal receivers of the cms app: published content empties the anonymous page cache.

The same generation keys what every page reads from the page tree, the menus and the settings
(``cms.cache.until_next_generation``), so everything that changes those bumps it: publishing,
unpublishing, moving or deleting a page, a menu, the site settings, a site (its root page and
host make the URLs) and a page's privacy (a restricted page must leave the anonymous cache).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import bump_generation
from .models import NavigationMenu, NavigationMenuItem, SiteSettings

for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(bump_generation, dispatch_uid=f"edufest-pagecache-{id(signal)}")
post_delete.connect(bump_generation, sender=Page, dispatch_uid="edufest-pagecache-page-delete")
for model in (NavigationMenu, NavigationMenuItem, SiteSettings, Site, PageViewRestriction):
    post_save.connect(bump_generation, sender=model, dispatch_uid=f"edufest-pagecache-{model.__name__}")
    post_delete.connect(bump_generation, sender=model, dispatch_uid=f"edufest-pagecache-del-{model.__name__}")
