"""Reads of the fairs: page contexts and what the exhibitor's pages show. Each part of the app keeps
its reads in its own block."""

from django.utils import translation
from wagtail.models import WorkflowState

from cms.i18n import default_language
from cms.pages import context_for
from events.models import Stand

from .models import StandPage

# ---- Stands ----


def lines(text):
    """The non-empty lines of a "one per line" field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def workshop_title(workshop):
    if translation.get_language() != default_language() and workshop.title_en:
        return workshop.title_en
    return workshop.title


@context_for(StandPage)
def stand_page_context(page, request):
    """What a stand page shows beside its fields: the stand (zone, number), the fair, the
    description in the active language, the lists and the workshops by time."""
    stand = Stand.objects.select_related("zone").filter(pk=page.stand_id).first() if page.stand_id else None
    description, description_lang = page.description_and_language()
    workshops = sorted(page.workshops.all(), key=lambda workshop: (workshop.starts_at, workshop.pk or 0))
    for workshop in workshops:
        workshop.shown_title = workshop_title(workshop)
    parent = page.get_parent() if page.depth else None
    fair = parent.specific if parent is not None else None
    return {
        "stand": stand,
        "fair": fair,
        "description": description,
        "description_lang": description_lang,
        "fields_of_study": lines(page.fields_of_study),
        "professions": lines(page.professions),
        "workshops": workshops,
    }


def stand_page_of(application):
    """The stand page of an application's stand (live or not), or ``None``."""
    if application.stand_id is None:
        return None
    return StandPage.objects.filter(stand_id=application.stand_id).first()


def stand_page_draft(page):
    """The page as its latest revision has it (what the exhibitor last saved), workshops included."""
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def stand_page_moderation(page):
    """The page's workflow state that is not finished (in moderation or changes requested), with
    its current task state, or ``None``."""
    return (
        WorkflowState.objects.for_instance(page)
        .filter(status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES))
        .select_related("current_task_state")
        .order_by("-created_at")
        .first()
    )
