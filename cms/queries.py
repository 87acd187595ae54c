from wagtail import hooks

from .hooks import HOME_SECTIONS


def home_sections(request):
    """Home-page sections given by the domain apps through the ``HOME_SECTIONS`` hook, in order."""
    sections = [section for fn in hooks.get_hooks(HOME_SECTIONS) if (section := fn(request))]
    return sorted(sections, key=lambda section: section.get("order", 100))
