"""The pre-filled consent form of one pupil (PDF, fpdf2, DejaVu Sans for Polish letters)."""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cms.files.pdf import new_pdf, to_bytes
from cms.privacy.models import Purpose
from cms.privacy.queries import current_notice


def licence_fields_of_use():
    """The fields of use (pola eksploatacji) the copyright licence lists, as the law requires."""
    return [
        _("recording and copying the film by any technique, including digital and on any carrier"),
        _("storing the film in computer memory and on the organiser's servers"),
        _("making the film publicly available on the Internet (contest website, organiser's social media)"),
        _("public screening during the results gala and the organiser's events"),
        _(
            "broadcasting and re-broadcasting, also in excerpts, to promote the contest and vocational education"
        ),
    ]


def consent_form_pdf(*, member, entry):
    pdf = new_pdf(
        title=_("Consent form"),
        lang=translation.get_language() or "pl",
        margins=(18, 16, 18),
        author=entry.contest.organiser or "Edufest",
    )
    width = pdf.epw

    def heading(text, size=12):
        pdf.set_font("DejaVu", "B", size)
        pdf.multi_cell(width, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def paragraph(text, size=10):
        pdf.set_font("DejaVu", "", size)
        pdf.multi_cell(width, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    def signature(label):
        pdf.ln(6)
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(width / 2, 5, "……………………………………………")
        pdf.cell(width / 2, 5, "……………………………………………", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(width / 2, 5, _("place and date"))
        pdf.cell(width / 2, 5, label, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    heading(_("Consent form — contest “%(contest)s”") % {"contest": entry.contest.title}, 14)
    paragraph(
        _("Pupil: %(name)s, class %(class)s\nSchool: %(school)s\nEntry: “%(title)s” (category: %(category)s)")
        % {
            "name": member.full_name,
            "class": member.class_name,
            "school": entry.school.name,
            "title": entry.title,
            "category": entry.category.name,
        }
    )
    category = entry.category
    if category.requires_publication_consent:
        heading(_("1. Consent to publish the image and the film"))
        paragraph(
            _(
                "As the parent or legal guardian of the pupil named above I consent to the organiser "
                "publishing the pupil's image, first name, last name, class and school as they appear in "
                "the contest film and in the list of results, on the contest website, the organiser's "
                "social media and during the results gala. The consent is voluntary and may be withdrawn "
                "at any time; withdrawal does not affect what was published before it and removes the film "
                "from public view."
            )
        )
        signature(_("signature of the parent or legal guardian"))
        if member.is_13_or_older:
            paragraph(_("As a pupil aged 13 or older I also consent to the publication described above."))
            signature(_("signature of the pupil"))
    if category.requires_copyright_licence:
        heading(_("2. Copyright licence"))
        paragraph(
            _(
                "On behalf of the pupil, a co-author of the film, I grant the organiser a free, "
                "non-exclusive licence, unlimited in time and territory, to use the film in these fields of use:"
            )
        )
        for number, field in enumerate(licence_fields_of_use(), start=1):
            paragraph(f"{number}) {field}")
        signature(_("signature of the parent or legal guardian"))
    paragraph(
        _(
            "Personal data are processed by the organiser to run the contest and, to the extent of this "
            "consent, to publish the film (GDPR art. 6(1)(a) and (e)). Form generated on %(date)s."
        )
        % {"date": formats.date_format(timezone.localdate(), "DATE_FORMAT")},
        size=8,
    )
    notice = current_notice(Purpose.PUPIL_CONSENT)
    if notice is not None:
        language = translation.get_language()
        paragraph(
            f"{notice.text('summary', language)}\n"
            + _("Privacy notice: %(title)s, version %(version)s.")
            % {"title": notice.text("title", language), "version": notice.label},
            size=8,
        )
    return to_bytes(pdf)
