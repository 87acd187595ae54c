"""State changes of the fairs: verb-first keyword-only functions, each in one transaction. Each
part of the app keeps its services in its own block."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from cms.accounts.roles import STAFF

from . import queries
from .models import Application, StandPage, StandWorkshop

# ---- Stands ----

# The workflow stand page edits go through when the call wants approval: its one task is approved
# by Staff (and Wagtail's Moderators). Not Wagtail's default "Moderators approval" on the root,
# which only the Moderators group may approve, and staff are not in it.
STAND_WORKFLOW_NAME = "Stand pages: staff approval"


@dataclass
class WorkshopData:
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title_en: str = ""
    description: str = ""
    places: int | None = None


@dataclass
class StandPageData:
    description: str = ""
    description_en: str = ""
    fields_of_study: str = ""
    professions: str = ""
    website: str = ""
    video_url: str = ""
    logo: object = None  # a validated uploaded image file, or None to keep the logo
    workshops: list[WorkshopData] = field(default_factory=list)


@dataclass
class SavedStandPage:
    page: StandPage
    published: bool  # False: the revision waits for approval in the Wagtail workflow


def _unique_slug(fair, base):
    base = slugify(base)[:70] or "stoisko"
    taken = set(fair.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def stand_workflow():
    """Our workflow for stand page edits (made once: one group-approval task for Staff and
    Moderators; made active again if someone deactivated it)."""
    workflow, created = Workflow.objects.get_or_create(name=STAND_WORKFLOW_NAME, defaults={"active": True})
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=STAND_WORKFLOW_NAME)
        task.groups.set(Group.objects.filter(name__in=(STAFF, "Moderators")))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    return workflow


def save_stand_page(*, application, data, by):
    """Save the exhibitor's stand page of an accepted ``application`` with a stand: made under the
    fair's page on the first save; every save is a revision, published at once unless the call's
    ``edits_need_moderation`` is on, in which case the revision goes to the Wagtail workflow (an
    unfinished one is cancelled and started again on the newest revision) and the public page
    stays as last approved."""
    with transaction.atomic():
        # One lock per application: two people saving the first time make one page.
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__event", "exhibitor", "stand")
            .get(pk=application.pk)
        )
        if application.status != Application.Status.ACCEPTED or application.stand is None:
            raise ValidationError(
                _("A stand page can be kept once the application is accepted and has a stand.")
            )
        fair = application.call.event
        moderated = application.call.edits_need_moderation
        existing = queries.stand_page_of(application)
        if existing is None:
            page = StandPage(
                title=application.exhibitor.name,
                slug=_unique_slug(fair, f"{application.stand.number} {application.exhibitor.name}"),
                stand=application.stand,
                live=False,
                owner=by,
            )
        else:
            page = queries.stand_page_draft(existing)
        page.description = data.description
        page.description_en = data.description_en
        page.fields_of_study = data.fields_of_study
        page.professions = data.professions
        page.website = data.website
        page.video_url = data.video_url
        if data.logo is not None:
            page.logo = get_image_model().objects.create(
                title=_("Logo: %(institution)s") % {"institution": application.exhibitor.name},
                file=data.logo,
                uploaded_by_user=by,
            )
        page.workshops = [
            StandWorkshop(
                title=workshop.title,
                title_en=workshop.title_en,
                starts_at=workshop.starts_at,
                ends_at=workshop.ends_at,
                description=workshop.description,
                places=workshop.places,
                sort_order=position,
            )
            for position, workshop in enumerate(data.workshops)
        ]
        if existing is None:
            fair.add_child(instance=page)
        revision = page.save_revision(user=by, log_action=True)
        if not moderated:
            # The exhibitor has no Wagtail permissions: the call allows their edits, checked above.
            revision.publish(user=by, skip_permission_checks=True)
        else:
            if (state := queries.stand_page_moderation(page)) is not None:
                state.cancel(user=by)
            stand_workflow().start(page, by)
        return SavedStandPage(page=page, published=not moderated)
