from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    """Wagtail's sitemap over the site's root page and every translation of it (the /en/ tree)."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        tree = Q()
        for root in roots:
            tree |= Q(path__startswith=root.path)
        return Page.objects.filter(tree).live().public().order_by("path").defer_streamfields().specific()


SITEMAPS = {"pages": TranslatedSitemap}
