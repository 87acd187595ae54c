"""What a page shows beyond its own fields, given by the layers above the models.

Wagtail serves a page through its model (``serve`` → ``get_context``, and the routes of a routable
page), but models import no query, form or view. So a page model asks here:
``page_context(page, request, **route)`` for its template context, and ``page_response(page,
request, name)`` for a route that answers with a response of its own (a news index's RSS feed).
The module that reads the data registers the builder when its app is ready (``AppConfig.ready``
imports it): ``@context_for(NewsIndexPage)`` with ``fn(page, request, **route) -> dict``, and
``@response_for(NewsIndexPage, "rss")`` with ``fn(page, request) -> HttpResponse``. A builder
registered for a class also serves its subclasses. ``QueriedContext`` is the mixin for a page
whose ``get_context`` needs nothing else.
"""

_contexts = {}
_responses = {}


def context_for(*models):
    def register(fn):
        for model in models:
            _contexts[model] = fn
        return fn

    return register


def response_for(model, name):
    def register(fn):
        _responses[(model, name)] = fn
        return fn

    return register


def page_context(page, request, **route):
    for cls in type(page).__mro__:
        if (build := _contexts.get(cls)) is not None:
            return build(page, request, **route)
    return {}


def page_response(page, request, name):
    for cls in type(page).__mro__:
        if (answer := _responses.get((cls, name))) is not None:
            return answer(page, request)
    raise LookupError(f"No response {name!r} is registered for {type(page).__name__}")


class QueriedContext:
    """``get_context`` adds the registered ``page_context`` of the page."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context
