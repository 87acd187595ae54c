"""Contests: pages with categories and their film rules, schools, entries, teams, consents, films.

Files (films, posters, web copies, consent scans) live in the private storage and are served only
by permission-checked views (``contests.access``); none has a public URL.
"""

import base64
import datetime
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.i18n import LanguageFallbackMixin
from cms.models import SeoMixin, require_alt_text
from cms.pages import QueriedContext
from cms.places.fields import Address

from .storage import discard_staged_upload, get_private_storage


class ContestIndexPage(QueriedContext, LanguageFallbackMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["contests.ContestPage"]

    class Meta:
        verbose_name = _("contest index")
        verbose_name_plural = _("contest indexes")


class ContestPage(QueriedContext, LanguageFallbackMixin, SeoMixin, Page):
    """One contest edition: rules, prizes, timeline and categories with their film requirements."""

    lead = models.TextField(_("lead"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the contest page and when the page is shared (OpenGraph)."),
    )
    image_alt = models.CharField(_("image alternative text"), max_length=255, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    rules = RichTextField(_("rules"), blank=True)
    regulations = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("regulations (document)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prizes = RichTextField(_("prizes"), blank=True)
    submissions_open_at = models.DateTimeField(_("submissions open"))
    submissions_close_at = models.DateTimeField(_("submissions close"))
    grace_period_minutes = models.PositiveIntegerField(
        _("grace period (minutes)"),
        default=0,
        help_text=_("Entries stay editable this long after the deadline, e.g. 60 for one hour."),
    )
    judging_starts_at = models.DateTimeField(_("judging starts"), null=True, blank=True)
    judging_ends_at = models.DateTimeField(_("judging ends"), null=True, blank=True)
    results_published_at = models.DateTimeField(
        _("results published (gala)"),
        null=True,
        blank=True,
        help_text=_("The results page goes live at this date and time."),
    )
    blind_judging = models.BooleanField(
        _("blind judging"), default=False, help_text=_("Jurors do not see school and team names.")
    )
    public_vote = models.BooleanField(_("public vote"), default=False)

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("organiser"),
        FieldPanel("rules"),
        FieldPanel("regulations"),
        FieldPanel("prizes"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("submissions_open_at"), FieldPanel("submissions_close_at")]),
                FieldPanel("grace_period_minutes"),
                FieldRowPanel([FieldPanel("judging_starts_at"), FieldPanel("judging_ends_at")]),
                FieldPanel("results_published_at"),
            ],
            heading=_("Timeline"),
        ),
        MultiFieldPanel([FieldPanel("blind_judging"), FieldPanel("public_vote")], heading=_("Judging")),
        InlinePanel("categories", label=_("Categories"), min_num=1),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("rules"),
        index.FilterField("submissions_close_at"),
    ]
    parent_page_types = ["contests.ContestIndexPage"]
    subpage_types: list = []
    social_image_field = "image"

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")

    # The vote, the results and the gallery appear at their moments, not on a publish.
    cache_anonymous_views = False

    def clean(self):
        super().clean()
        require_alt_text(self, "image", "image_alt")
        if (
            self.submissions_open_at
            and self.submissions_close_at
            and self.submissions_close_at <= self.submissions_open_at
        ):
            raise ValidationError({"submissions_close_at": _("Submissions must close after they open.")})

    @property
    def submissions_deadline(self):
        """The close of submissions plus the grace period: entries freeze after this moment."""
        return self.submissions_close_at + datetime.timedelta(minutes=self.grace_period_minutes)

    def submissions_are_open(self, now=None):
        now = now or timezone.now()
        return self.submissions_open_at <= now <= self.submissions_deadline

    @property
    def is_past(self):
        return self.submissions_deadline < timezone.now() and (
            self.results_published_at is None or self.results_published_at <= timezone.now()
        )


class ConsentKind(models.TextChoices):
    PARENT_PUBLICATION = "parent_publication", _("parental consent to publish the image and the film")
    PUPIL_PUBLICATION = "pupil_publication", _("pupil's own consent to publish (13 or older)")
    COPYRIGHT_LICENCE = "copyright_licence", _("copyright licence")


class Category(Orderable):
    """A category of a contest (e.g. primary / secondary school) with its film requirements."""

    contest = ParentalKey(ContestPage, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    team_min = models.PositiveSmallIntegerField(
        _("smallest team"), default=1, validators=[MinValueValidator(1)]
    )
    team_max = models.PositiveSmallIntegerField(
        _("largest team"), default=5, validators=[MinValueValidator(1)]
    )
    min_duration_seconds = models.PositiveIntegerField(_("shortest film (seconds)"), default=0)
    max_duration_seconds = models.PositiveIntegerField(
        _("longest film (seconds)"), default=180, validators=[MinValueValidator(1)]
    )
    min_height = models.PositiveIntegerField(
        _("minimum resolution (height in pixels)"), default=720, help_text=_("e.g. 720 for 720p")
    )
    max_file_size_mb = models.PositiveIntegerField(
        _("largest file (MB)"), default=2048, validators=[MinValueValidator(1), MaxValueValidator(51200)]
    )
    accepted_containers = models.CharField(
        _("accepted containers"),
        max_length=200,
        default="mp4,mov,mkv,webm,avi",
        help_text=_("File types separated by commas, e.g. mp4,mov,mkv,webm,avi"),
    )
    accepted_video_codecs = models.CharField(
        _("accepted video codecs"),
        max_length=200,
        default="h264,hevc,vp8,vp9,av1,mpeg4,prores",
        help_text=_("FFmpeg codec names separated by commas, e.g. h264,hevc,vp9"),
    )
    requires_publication_consent = models.BooleanField(
        _("publication consent required"),
        default=True,
        help_text=_(
            "A parent's consent to publish each pupil's image and the film; from 13 also the pupil's."
        ),
    )
    requires_copyright_licence = models.BooleanField(_("copyright licence required"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("team_min"), FieldPanel("team_max")]),
        FieldRowPanel([FieldPanel("min_duration_seconds"), FieldPanel("max_duration_seconds")]),
        FieldRowPanel([FieldPanel("min_height"), FieldPanel("max_file_size_mb")]),
        FieldPanel("accepted_containers"),
        FieldPanel("accepted_video_codecs"),
        FieldRowPanel([FieldPanel("requires_publication_consent"), FieldPanel("requires_copyright_licence")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.team_min and self.team_max and self.team_max < self.team_min:
            raise ValidationError({"team_max": _("The largest team must not be smaller than the smallest.")})

    @property
    def max_file_size_bytes(self):
        return self.max_file_size_mb * 1024 * 1024

    @property
    def container_list(self):
        return [item.strip().lower() for item in self.accepted_containers.split(",") if item.strip()]

    @property
    def video_codec_list(self):
        return [item.strip().lower() for item in self.accepted_video_codecs.split(",") if item.strip()]

    def required_consent_kinds(self, member):
        kinds = []
        if self.requires_publication_consent:
            kinds.append(ConsentKind.PARENT_PUBLICATION)
            if member.is_13_or_older:
                kinds.append(ConsentKind.PUPIL_PUBLICATION)
        if self.requires_copyright_licence:
            kinds.append(ConsentKind.COPYRIGHT_LICENCE)
        return kinds


class School(Address):
    name = models.CharField(_("name"), max_length=255)
    rspo = models.CharField(
        _("RSPO number"),
        max_length=12,
        blank=True,
        help_text=_("The school's number in the national register of schools (RSPO)."),
    )
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="schools", blank=True, verbose_name=_("teachers")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["rspo"], condition=~models.Q(rspo=""), name="contests_school_rspo_unique"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def reach_key(self):
        """The school's key in the reach figures, the same as the events' (``rspo:`` or ``name:``)."""
        if self.rspo:
            return f"rspo:{self.rspo}"
        name = " ".join(self.name.lower().split())
        return f"name:{name}" if name else ""


class SchoolInvitation(models.Model):
    """An invitation for another teacher to join a school's profile (and see its entries).

    Inviting never reveals whether an account uses the address: the mail goes to the address, and
    only the account that signs in with it (a school coordinator, never a staff-like account) can
    accept. Only a hash of the token is stored; an invitation works once, until ``expires_at``.
    """

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("school")
    )
    email = models.EmailField(_("e-mail"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation to a school")
        verbose_name_plural = _("invitations to a school")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.school}"


class Entry(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned for corrections")
        REJECTED = "rejected", _("rejected")
        JUDGED = "judged", _("judged")
        AWARDED = "awarded", _("awarded")
        NOT_AWARDED = "not_awarded", _("not awarded")

    contest = models.ForeignKey(
        ContestPage, on_delete=models.CASCADE, related_name="entries", verbose_name=_("contest")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="entries", verbose_name=_("category")
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="entries", verbose_name=_("school")
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contest_entries",
        verbose_name=_("supervising teacher"),
    )
    title = models.CharField(_("title"), max_length=200)
    profession = models.CharField(_("profession shown"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    rules_accepted = models.BooleanField(_("we accept the contest rules"), default=False)
    rights_declared = models.BooleanField(
        _("we hold the rights to all music and third-party material in the film"), default=False
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    return_reason = models.TextField(_("reason"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    checked_at = models.DateTimeField(_("formally checked"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    published = models.BooleanField(
        _("film published"),
        default=False,
        help_text=_("Shown publicly only while all required consents are in."),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["contest", "category", "pk"]
        indexes = [models.Index(fields=["contest", "status"]), models.Index(fields=["school", "contest"])]

    def __str__(self):
        return self.title

    @property
    def team_size(self):
        return len(self.team.all())

    @property
    def consents_complete(self):
        """Every team member has every consent the category requires, uploaded or received on paper.

        Works on prefetched ``team`` and ``team__consents`` (see ``queries``) without extra queries.
        """
        members = list(self.team.all())
        if not members:
            return False
        for member in members:
            given = {consent.kind for consent in member.consents.all() if consent.is_given}
            if any(kind not in given for kind in self.category.required_consent_kinds(member)):
                return False
        return True

    @property
    def can_be_published(self):
        """All required consents are in: only then may the film or the team be shown publicly."""
        return self.consents_complete

    @property
    def is_public(self):
        return self.published and self.can_be_published


class TeamMember(Orderable):
    """A pupil of an entry's team: nothing more than the consent form and the credits need."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="team", verbose_name=_("entry"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    class_name = models.CharField(_("class"), max_length=20, help_text=_("e.g. 3B"))
    is_13_or_older = models.BooleanField(
        _("13 or older"), default=False, help_text=_("From 13 the pupil signs the consent too.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


def consent_scan_path(instance, filename):
    """A generated name: the uploaded file's name is never used (it may carry personal data)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"consents/{uuid.uuid4().hex}.{extension}"


class Consent(models.Model):
    class Status(models.TextChoices):
        MISSING = "missing", _("missing")
        UPLOADED = "uploaded", _("scan uploaded")
        RECEIVED_ON_PAPER = "received_on_paper", _("received on paper")
        WITHDRAWN = "withdrawn", _("withdrawn")

    member = models.ForeignKey(
        TeamMember, on_delete=models.CASCADE, related_name="consents", verbose_name=_("team member")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ConsentKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.MISSING)
    scan = models.FileField(
        _("signed scan"), storage=get_private_storage, upload_to=consent_scan_path, blank=True, max_length=200
    )
    scan_content_type = models.CharField(max_length=50, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["member", "kind"]
        constraints = [models.UniqueConstraint(fields=["member", "kind"], name="contests_consent_unique")]

    def __str__(self):
        return f"{self.member}: {self.get_kind_display()}"

    @property
    def is_given(self):
        return self.status in (self.Status.UPLOADED, self.Status.RECEIVED_ON_PAPER)


class ConsentEvent(models.Model):
    """The audit trail of a consent: who changed it, when, to what."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=Consent.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("consent change")
        verbose_name_plural = _("consent changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.consent}: {self.status}"


def film_path(instance, filename):
    return f"films/{instance.upload_id.hex}/{filename}"


class Film(models.Model):
    """The film of an entry: the original as uploaded over tus, its probe results and web copies."""

    class Status(models.TextChoices):
        UPLOADING = "uploading", _("uploading")
        PENDING = "pending", _("waiting for processing")
        PROCESSING = "processing", _("processing")
        READY = "ready", _("ready")
        REJECTED = "rejected", _("rejected")

    entry = models.OneToOneField(
        Entry, on_delete=models.CASCADE, related_name="film", verbose_name=_("entry")
    )
    upload_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    upload_length = models.BigIntegerField(_("declared size (bytes)"))
    upload_offset = models.BigIntegerField(_("bytes received"), default=0)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)
    original = models.FileField(storage=get_private_storage, upload_to=film_path, blank=True, max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UPLOADING)
    reject_reason = models.TextField(_("reason"), blank=True)
    probe = models.JSONField(_("probe results"), default=dict, blank=True)
    duration_seconds = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    poster = models.FileField(storage=get_private_storage, upload_to=film_path, blank=True, max_length=200)
    web_copy = models.FileField(storage=get_private_storage, upload_to=film_path, blank=True, max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("film")
        verbose_name_plural = _("films")

    def __str__(self):
        return self.original_filename or str(self.upload_id)

    @property
    def upload_complete(self):
        return self.upload_offset >= self.upload_length

    @property
    def is_ready(self):
        return self.status == self.Status.READY

    def delete_with_files(self):
        """Delete the row; its stored files go once the transaction commits (a tus staging file of
        an unfinished upload at once)."""
        names = [field.name for field in (self.original, self.poster, self.web_copy) if field.name]
        storage = Film._meta.get_field("original").storage
        if self.status == Film.Status.UPLOADING:
            discard_staged_upload(self)
        self.delete()
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def new_extension_code():
    """130 bits from the OS CSPRNG as 26 letters and digits (base32: no 0/1/8/9, easy to type)."""
    return base64.b32encode(secrets.token_bytes(17)).decode()[:26]


def normalise_extension_code(text):
    """What the teacher typed, without spaces or dashes, in capitals."""
    return "".join(text.split()).replace("-", "").upper()


class Extension(models.Model):
    """A late window for one school in one contest; the teacher redeems it with its code."""

    contest = models.ForeignKey(
        ContestPage, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("contest")
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("school")
    )
    code = models.CharField(_("code"), max_length=32, unique=True, default=new_extension_code, editable=False)
    closes_at = models.DateTimeField(_("late window closes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    redeemed_at = models.DateTimeField(_("redeemed"), null=True, blank=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    panels = [FieldPanel("contest"), FieldPanel("school"), FieldPanel("closes_at")]

    class Meta:
        verbose_name = _("extension code")
        verbose_name_plural = _("extension codes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.school} — {self.code}"
