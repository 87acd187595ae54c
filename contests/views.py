"""The school area (teachers) and the permission-checked file views; every file is private."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.files.ranges import ranged_file_response
from cms.privacy.forms import optional_consent_given

from . import access, queries, services
from .forms import (
    AddTeacherForm,
    ConsentScanForm,
    EntryForm,
    ExtensionCodeForm,
    SchoolForm,
    team_changes,
    team_formset_class,
)
from .models import Consent, ContestPage, Entry, Film, TeamMember
from .pdf import consent_form_pdf
from .storage import open_from


def _own_entry(request, pk):
    entry = queries.entry_for_user(request.user, pk)
    if entry is None:
        raise Http404
    return entry


def _own_school(request, pk):
    school = queries.schools_of(request.user).filter(pk=pk).first()
    if school is None:
        raise Http404
    return school


@login_required
def school_edit(request, pk=None):
    school = _own_school(request, pk) if pk else None
    form = SchoolForm(request.POST or None, instance=school)
    teacher_form = AddTeacherForm(prefix="teacher")
    if request.method == "POST" and form.is_valid():
        school = services.save_school(school=school, details=form.details(), user=request.user)
        messages.success(request, _("The school profile is saved."))
        return redirect("cms:school_area")
    return render(
        request,
        "contests/school_form.html",
        {"form": form, "school": school, "teacher_form": teacher_form},
    )


@login_required
@require_POST
def school_add_teacher(request, pk):
    school = _own_school(request, pk)
    form = AddTeacherForm(request.POST, prefix="teacher")
    if form.is_valid():
        try:
            services.invite_teacher(school=school, email=form.cleaned_data["email"], user=request.user)
        except services.ContestError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _(
                    "An invitation was sent to %(email)s. The teacher joins the school after opening it "
                    "and signing in with that address."
                )
                % {"email": form.cleaned_data["email"]},
            )
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect("contests:school_edit", pk=school.pk)


@login_required
def invitation_accept(request, token):
    """The mailed invitation: a button (mail scanners opening links accept nothing) that adds the
    signed-in teacher to the school."""
    if request.method == "POST":
        try:
            school = services.accept_invitation(token=token, user=request.user)
        except services.ContestError as error:
            return render(request, "contests/invitation.html", {"error": error.message}, status=400)
        messages.success(request, _("You are now a teacher of %(school)s.") % {"school": school.name})
        return redirect("cms:school_area")
    return render(request, "contests/invitation.html", {})


def _entry_form_response(request, *, contest, entry, schools):
    """Show, save or autosave an entry with its team (the autosave posts with ``X-Autosave: 1``)."""
    autosave = request.headers.get("X-Autosave") == "1"
    data = request.POST if request.method == "POST" else None
    form = EntryForm(data, instance=entry, contest=contest, schools=schools)
    existing = entry.team.count() if entry.pk else 0
    largest = max([category.team_max for category in contest.categories.all()] or [5])
    formset = team_formset_class(extra=max(1, largest - existing))(data, instance=entry, prefix="team")
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            school = entry.school if entry.pk else (form.cleaned_data.get("school") or schools[0])
            members, removed_member_ids = team_changes(formset)
            try:
                entry = services.save_entry(
                    entry=entry if entry.pk else None,
                    details=form.details(),
                    team=members,
                    removed_member_ids=removed_member_ids,
                    school=school,
                    contest=contest,
                    user=request.user,
                    privacy_notice=form.shown_notice,
                    optional_consent=optional_consent_given(form),
                )
            except services.ContestError as error:
                if autosave:
                    return JsonResponse({"saved": False, "error": error.message}, status=409)
                messages.error(request, error.message)
                return redirect("cms:school_area")
            if autosave:
                return JsonResponse(
                    {
                        "saved": True,
                        "saved_at": formats.time_format(timezone.localtime(), "H:i:s"),
                        "edit_url": reverse("contests:entry_edit", args=[entry.pk]),
                    }
                )
            messages.success(request, _("The entry is saved."))
            return redirect("contests:entry_detail", pk=entry.pk)
        if autosave:
            return JsonResponse(
                {"saved": False, "error": _("Not saved: correct the marked fields.")}, status=400
            )
    return render(
        request,
        "contests/entry_form.html",
        {"form": form, "formset": formset, "contest": contest, "entry": entry if entry.pk else None},
    )


@login_required
def entry_create(request, contest_pk):
    contest = get_object_or_404(ContestPage.objects.live(), pk=contest_pk)
    schools = list(queries.schools_of(request.user))
    if not schools:
        messages.info(request, _("Fill in your school's profile first."))
        return redirect("contests:school_create")
    if not any(queries.submissions_window_open(contest=contest, school=school) for school in schools):
        messages.error(request, _("Submissions to this contest are closed."))
        return redirect("cms:school_area")
    return _entry_form_response(request, contest=contest, entry=Entry(), schools=schools)


@login_required
def entry_edit(request, pk):
    entry = _own_entry(request, pk)
    if not queries.entry_is_editable(entry):
        if request.headers.get("X-Autosave") == "1":
            return JsonResponse(
                {"saved": False, "error": _("This entry can no longer be changed.")}, status=409
            )
        messages.error(request, _("This entry can no longer be changed."))
        return redirect("contests:entry_detail", pk=entry.pk)
    return _entry_form_response(request, contest=entry.contest, entry=entry, schools=[entry.school])


@login_required
def entry_detail(request, pk):
    entry = _own_entry(request, pk)
    film = queries.film_of(entry)
    members = list(entry.team.all())
    consent_rows = [
        {
            "member": member,
            "consents": [consent for consent in member.consents.all() if consent.kind in kinds],
            "form": ConsentScanForm(prefix=f"member{member.pk}"),
        }
        for member in members
        for kinds in [entry.category.required_consent_kinds(member)]
    ]
    editable = queries.entry_is_editable(entry)
    return render(
        request,
        "contests/entry_detail.html",
        {
            "entry": entry,
            "film": film,
            "consent_rows": consent_rows,
            "editable": editable,
            "can_reopen": queries.entry_can_be_reopened(entry),
            "deadline": queries.school_deadline(contest=entry.contest, school=entry.school),
            "problems": queries.submission_problems(entry) if editable else [],
            "category": entry.category,
        },
    )


@login_required
@require_POST
def entry_submit(request, pk):
    entry = _own_entry(request, pk)
    try:
        services.submit_entry(entry=entry, user=request.user)
    except services.ContestError as error:
        messages.error(request, " ".join([error.message, *error.problems]))
    else:
        messages.success(request, _("The entry is submitted. A receipt is on its way by e-mail."))
    return redirect("contests:entry_detail", pk=entry.pk)


@login_required
@require_POST
def entry_reopen(request, pk):
    entry = _own_entry(request, pk)
    try:
        services.reopen_entry(entry=entry, user=request.user)
    except services.ContestError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The entry is a draft again: submit it again before the deadline."))
    return redirect("contests:entry_detail", pk=entry.pk)


@login_required
@require_POST
def extension_redeem(request, school_pk):
    school = _own_school(request, school_pk)
    form = ExtensionCodeForm(request.POST)
    if form.is_valid():
        try:
            extension = services.redeem_extension(
                code=form.cleaned_data["code"], school=school, user=request.user
            )
        except services.ContestError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Late window open for %(contest)s until %(date)s.")
                % {
                    "contest": extension.contest.title,
                    "date": formats.date_format(timezone.localtime(extension.closes_at), "DATETIME_FORMAT"),
                },
            )
    return redirect("cms:school_area")


@login_required
def film_status(request, pk):
    entry = _own_entry(request, pk)
    film = queries.film_of(entry)
    if film is None:
        return JsonResponse({"status": "none"})
    return JsonResponse(
        {
            "status": film.status,
            "status_label": film.get_status_display(),
            "reject_reason": film.reject_reason,
            "upload_offset": film.upload_offset,
            "upload_length": film.upload_length,
        }
    )


# Consents


@login_required
def consent_form(request, pk, member_pk):
    entry = _own_entry(request, pk)
    member = get_object_or_404(TeamMember, pk=member_pk, entry=entry)
    content = consent_form_pdf(member=member, entry=entry)
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(f"zgoda-{member.last_name}-{member.first_name}") or "zgoda"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def consent_upload(request, pk, member_pk):
    entry = _own_entry(request, pk)
    member = get_object_or_404(
        TeamMember.objects.select_related("entry__category"), pk=member_pk, entry=entry
    )
    form = ConsentScanForm(request.POST, request.FILES, prefix=f"member{member.pk}")
    if form.is_valid():
        services.upload_consent_scan(
            member=member,
            content=form.cleaned_data["content"],
            extension=form.cleaned_data["extension"],
            content_type=form.cleaned_data["content_type"],
            user=request.user,
        )
        messages.success(request, _("The signed form of %(name)s is saved.") % {"name": member.full_name})
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect(reverse("contests:entry_detail", args=[entry.pk]) + "#consents")


@login_required
@require_POST
def consent_withdraw(request, consent_pk):
    consent = get_object_or_404(Consent.objects.select_related("member__entry__school"), pk=consent_pk)
    entry = consent.member.entry
    if not access.can_view_consents(request.user, entry):
        raise Http404
    services.withdraw_consent(consent=consent, user=request.user, note=request.POST.get("note", "")[:255])
    messages.success(request, _("The consent is withdrawn: the film is no longer shown publicly."))
    if access.is_staff(request.user) and not access.is_entry_owner(request.user, entry):
        return redirect(request.POST.get("next") or "wagtailadmin_home")
    return redirect(reverse("contests:entry_detail", args=[entry.pk]) + "#consents")


# Private files: always through these views, never a public URL.


def _file_response(request, field, *, download_name=None, as_attachment=False):
    """Stream a private file, whole or the byte range asked for (browsers seek in films)."""
    if not field or not field.name:
        raise Http404
    storage = field.storage
    if not storage.exists(field.name):
        raise Http404
    content_type = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    response = ranged_file_response(
        request,
        open_file=lambda start, end: open_from(storage, field.name, start, end),
        size=storage.size(field.name),
        modified=storage.get_modified_time(field.name),
        content_type=content_type,
        as_attachment=as_attachment,
        filename=download_name or field.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _entry_or_404(pk):
    entry = queries.entries_with_details().filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def _deny(request):
    """Anonymous visitors get 404 too: the existence of a private file is not revealed."""
    raise Http404


def film_original(request, pk):
    entry = _entry_or_404(pk)
    if not access.can_view_original(request.user, entry):
        _deny(request)
    film = getattr(entry, "film", None)
    if film is None or not film.upload_complete:
        raise Http404
    return _file_response(request, film.original, download_name=film.original_filename, as_attachment=True)


def _ready_film_file(request, pk, field_name):
    """The web copy or the poster of a processed film, for whoever ``can_view_film`` admits."""
    entry = _entry_or_404(pk)
    if not access.can_view_film(request.user, entry):
        _deny(request)
    film = getattr(entry, "film", None)
    if film is None or film.status != Film.Status.READY:
        raise Http404
    return _file_response(request, getattr(film, field_name))


def film_web(request, pk):
    return _ready_film_file(request, pk, "web_copy")


def film_poster(request, pk):
    return _ready_film_file(request, pk, "poster")


def consent_scan(request, consent_pk):
    consent = get_object_or_404(Consent.objects.select_related("member__entry__school"), pk=consent_pk)
    if not access.can_view_consents(request.user, consent.member.entry):
        _deny(request)
    return _file_response(request, consent.scan, as_attachment=True)


def public_film(request, pk):
    """The public page of a published film (only while its consents are all in)."""
    entry = _entry_or_404(pk)
    if not entry.is_public:
        raise Http404
    return render(request, "contests/public_film.html", {"entry": entry})


def gallery(request, slug):
    """The public gallery of a live contest: published films whose consents are all in."""
    contest = get_object_or_404(ContestPage.objects.live(), slug=slug)
    films = queries.public_films(contest)
    return render(request, "contests/gallery.html", {"contest": contest, "films": films})
