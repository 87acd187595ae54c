"""RSS 2.0 and Atom feeds of a news index (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models import NewsIndexPage
from .pages import response_for
from .queries import news_items


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return self.index_page.lead or self.index_page.title

    def items(self):
        return news_items(self.index_page)[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description


@response_for(NewsIndexPage, "rss")
def news_rss(page, request):
    return NewsRssFeed(page)(request)


@response_for(NewsIndexPage, "atom")
def news_atom(page, request):
    return NewsAtomFeed(page)(request)
